/**
 * Start-up and shutdown of the app, cold and warm.
 *
 * Contract with src/cli/main.ts: `node --import tsx src/cli/main.ts serve`
 * with DATA_DIR and PORT in the environment and no DATABASE_URL starts the
 * embedded PostgreSQL in DATA_DIR (initialising it, applying migrations and
 * reference areas, and loading the demo network when RUAMJAI_DEMO=1 on an
 * empty database), then answers `GET /healthz` with 200; on SIGTERM it
 * finishes, stops the database and exits 0.
 *
 * - cold: a fresh, empty DATA_DIR (initdb + migrations + areas + demo data)
 * - warm: the same DATA_DIR again, three times (median reported)
 *
 * Timed from spawn to the first 200 of /healthz, and from SIGTERM to exit.
 */
import { spawn } from 'node:child_process';
import { existsSync, promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { BenchContext } from './lib/context.js';
import { stopLeftover } from './lib/db.js';
import { fmtMs, quantile, table } from './lib/stats.js';
import { freePort } from '../src/lib/freePort.js';

export const needsDatabase = false;

const READY_TIMEOUT_MS = 300_000;
const STOP_TIMEOUT_MS = 60_000;
const WARM_RUNS = 3;


interface Timing {
  readyMs: number;
  stopMs: number;
  exitCode: number | null;
  signal: NodeJS.Signals | null;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Starts the app on dataDir, waits for /healthz = 200, SIGTERMs it, waits for the exit. */
async function startOnce(root: string, dataDir: string): Promise<Timing> {
  const port = await freePort();
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATA_DIR: dataDir,
    PORT: String(port),
    HOST: '127.0.0.1',
    RUAMJAI_DEMO: '1',
    RUAMJAI_ADMIN_PASSWORD: 'bench-admin-password',
    LOG_LEVEL: 'warn',
    NODE_ENV: 'production',
  };
  delete env.DATABASE_URL;
  const t0 = performance.now();
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'serve'], { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const keep = (d: Buffer) => {
    output = (output + d.toString()).slice(-8000);
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null; at: number }>((resolve) =>
    child.on('exit', (code, signal) => resolve({ code, signal, at: performance.now() })),
  );
  let exit: { code: number | null; signal: NodeJS.Signals | null; at: number } | undefined;
  void exited.then((e) => (exit = e));

  try {
    let readyAt: number | undefined;
    while (readyAt === undefined) {
      if (exit) throw new Error(`the app exited (code ${exit.code}, signal ${exit.signal}) before /healthz answered:\n${output.trim()}`);
      if (performance.now() - t0 > READY_TIMEOUT_MS) throw new Error(`/healthz did not answer 200 within ${READY_TIMEOUT_MS / 1000} s:\n${output.trim()}`);
      try {
        const res = await fetch(`http://127.0.0.1:${port}/healthz`, { signal: AbortSignal.timeout(2000) });
        await res.arrayBuffer();
        if (res.status === 200) readyAt = performance.now();
      } catch {
        // not listening yet
      }
      if (readyAt === undefined) await sleep(20);
    }
    const termAt = performance.now();
    child.kill('SIGTERM');
    let expire: (v: undefined) => void = () => {};
    const expired = new Promise<undefined>((r) => (expire = r));
    const timer = setTimeout(() => expire(undefined), STOP_TIMEOUT_MS);
    const done = await Promise.race([exited, expired]);
    clearTimeout(timer);
    if (!done) throw new Error(`the app did not exit within ${STOP_TIMEOUT_MS / 1000} s of SIGTERM:\n${output.trim()}`);
    return { readyMs: readyAt - t0, stopMs: done.at - termAt, exitCode: done.code, signal: done.signal };
  } finally {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGKILL');
      await exited;
    }
  }
}

export async function run(ctx: BenchContext): Promise<void> {
  const main = path.join(ctx.root, 'src', 'cli', 'main.ts');
  if (!existsSync(main)) {
    console.log(`  skipped: ${path.relative(ctx.root, main)} does not exist yet (the serve CLI is not written)`);
    ctx.report('start-up', 'skipped: no src/cli/main.ts');
    return;
  }
  const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'ruamjai-startup-'));
  // When run as root the embedded server runs as `postgres`, which must reach DATA_DIR/pg.
  await fs.chmod(dataDir, 0o755);
  try {
    const cold = await startOnce(ctx.root, dataDir);
    const warm: Timing[] = [];
    for (let i = 0; i < WARM_RUNS; i++) warm.push(await startOnce(ctx.root, dataDir));
    const exits = [cold, ...warm].map((t) => (t.signal ? t.signal : String(t.exitCode)));
    const rows = [
      ['cold (empty DATA_DIR, demo data)', fmtMs(cold.readyMs), fmtMs(cold.stopMs), exits[0]!],
      ...warm.map((t, i) => [`warm #${i + 1}`, fmtMs(t.readyMs), fmtMs(t.stopMs), exits[i + 1]!]),
    ];
    console.log(table(['start', 'to /healthz 200 (ms)', 'SIGTERM to exit (ms)', 'exit'], rows));
    const warmReady = quantile(warm.map((t) => t.readyMs), 0.5);
    const warmStop = quantile(warm.map((t) => t.stopMs), 0.5);
    ctx.report('cold start to /healthz (ms)', fmtMs(cold.readyMs));
    ctx.report(`warm start to /healthz, median of ${WARM_RUNS} (ms)`, fmtMs(warmReady));
    ctx.report('shutdown after SIGTERM, cold / warm median (ms)', `${fmtMs(cold.stopMs)} / ${fmtMs(warmStop)}`);
    const unclean = [cold, ...warm].filter((t) => t.exitCode !== 0);
    if (unclean.length) {
      console.log(`  note: ${unclean.length} run(s) did not exit with code 0 after SIGTERM (${exits.join(', ')})`);
      ctx.report('exit after SIGTERM', `not 0 in ${unclean.length} run(s): ${exits.join(', ')}`);
    }
  } finally {
    // A killed app may leave its embedded server running: stop it before removing its files.
    await stopLeftover(path.join(dataDir, 'pg'));
    await fs.rm(dataDir, { recursive: true, force: true });
  }
}
