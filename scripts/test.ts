/**
 * `npm test`: one embedded PostgreSQL for the whole run, a migrated
 * template database with the reference areas, then node's test runner over
 * every *.test.ts file (unit, integration, browser). Each test file makes
 * its own database from the template (CREATE DATABASE … TEMPLATE, ~50 ms).
 *
 *   tsx scripts/test.ts [files…]
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { connect, ident, withDatabase } from '../src/db/index.js';
import { startEmbedded } from '../src/db/embedded.js';
import { migrate } from '../src/db/migrate.js';
import { loadReferenceAreas } from '../src/modules/areas/reference.js';

const ROOT = path.resolve(import.meta.dirname, '..');
const TEMPLATE = 'ruamjai_template';

function findTests(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const full = path.join(dir, name);
    if (name === 'node_modules' || name.startsWith('.')) continue;
    if (statSync(full).isDirectory()) out.push(...findTests(full));
    else if (name.endsWith('.test.ts')) out.push(full);
  }
  return out;
}

const files = process.argv.length > 2 ? process.argv.slice(2).map((f) => path.resolve(f)) : [...findTests(path.join(ROOT, 'src')), ...findTests(path.join(ROOT, 'e2e'))];

// A directory of its own per run, so two runs on one machine never share a server.
const dataDir = mkdtempSync(path.join(os.tmpdir(), 'ruamjai-test-'));
const t0 = Date.now();
const server = await startEmbedded({
  dir: path.join(dataDir, 'pg'),
  // Test databases are thrown away: durability settings off for speed.
  settings: { fsync: 'off', synchronous_commit: 'off', full_page_writes: 'off', max_connections: 300 },
});
let code: number;
try {
  const admin = connect(server.url, { max: 1 });
  await admin.unsafe(`create database ${ident(TEMPLATE)} template template0 encoding 'UTF8'`);
  await admin.end();
  const tpl = connect(withDatabase(server.url, TEMPLATE), { max: 1 });
  await migrate(tpl);
  await loadReferenceAreas(tpl);
  await tpl.end();
  console.log(`test database ready in ${Date.now() - t0} ms; ${files.length} test files`);

  code = await new Promise<number>((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', '--test', '--test-concurrency=2', '--test-reporter=spec', ...files], {
      cwd: ROOT,
      stdio: 'inherit',
      env: {
        ...process.env,
        RUAMJAI_TEST_SERVER_URL: server.url,
        RUAMJAI_TEST_TEMPLATE: TEMPLATE,
        // Cheap password hashing in tests; production uses N=2^17.
        RUAMJAI_SCRYPT_LOG_N: '12',
      },
    });
    child.on('exit', (c, signal) => resolve(c ?? (signal ? 1 : 0)));
  });
} finally {
  await server.stop();
  rmSync(dataDir, { recursive: true, force: true });
}
process.exit(code);
