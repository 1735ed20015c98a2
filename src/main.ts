/** Entry point: `node --import tsx src/main.ts` runs the server (same as `cli/main.ts serve`). */
import { runCli } from './cli/main.js';

await runCli(['serve']);
