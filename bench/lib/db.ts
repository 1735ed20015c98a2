/**
 * The benchmark database: a fresh embedded PostgreSQL in bench/.data (wiped
 * first), one database with the migrations and the reference areas loaded.
 */
import { existsSync, promises as fs } from 'node:fs';
import path from 'node:path';
import { connect, ensureDatabase, withDatabase, type Sql } from '../../src/db/index.js';
import { startEmbedded, type EmbeddedServer } from '../../src/db/embedded.js';
import { migrate } from '../../src/db/migrate.js';
import { loadReferenceAreas } from '../../src/modules/areas/reference.js';

export const BENCH_ROOT = path.resolve(import.meta.dirname, '..');
export const REPO_ROOT = path.resolve(BENCH_ROOT, '..');
export const BENCH_DATA_DIR = path.join(BENCH_ROOT, '.data');
export const BENCH_DATABASE = 'ruamjai_bench';

/** Server settings for loading and querying a province-sized data set. */
export const BENCH_SETTINGS: Record<string, string> = {
  shared_buffers: '1GB',
  maintenance_work_mem: '512MB',
  max_wal_size: '4GB',
  checkpoint_timeout: '15min',
};

/** Stops a server left running in `pgDir` by an interrupted run (adopting it first), if any. */
export async function stopLeftover(pgDir: string): Promise<void> {
  if (!existsSync(path.join(pgDir, 'postmaster.pid'))) return;
  try {
    const leftover = await startEmbedded({ dir: pgDir });
    await leftover.stop();
  } catch {
    // A broken directory is removed by the caller anyway.
  }
}

export interface BenchDatabase {
  server: EmbeddedServer;
  /** URL of the bench database (not the server's `postgres` database). */
  url: string;
  sql: Sql;
  /** Seconds spent initialising, starting, migrating and loading areas. */
  setupSeconds: number;
  close(): Promise<void>;
}

/** Wipes `dir`, starts a new embedded server in `dir/pg`, migrates, loads the reference areas. */
export async function freshBenchDatabase(dir = BENCH_DATA_DIR, log: (msg: string) => void = () => {}): Promise<BenchDatabase> {
  const t0 = performance.now();
  const pgDir = path.join(dir, 'pg');
  await stopLeftover(pgDir);
  await fs.rm(dir, { recursive: true, force: true });
  await fs.mkdir(dir, { recursive: true, mode: 0o755 });
  const server = await startEmbedded({ dir: pgDir, settings: BENCH_SETTINGS, log });
  try {
    await ensureDatabase(server.url, BENCH_DATABASE);
    const url = withDatabase(server.url, BENCH_DATABASE);
    const sql = connect(url, { max: 10, applicationName: 'ruamjai-bench' });
    await migrate(sql);
    await loadReferenceAreas(sql);
    return {
      server,
      url,
      sql,
      setupSeconds: (performance.now() - t0) / 1000,
      async close() {
        await sql.end({ timeout: 5 });
        await server.stop();
      },
    };
  } catch (err) {
    await server.stop();
    throw err;
  }
}
