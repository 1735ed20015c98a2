/**
 * The life of the app: config → database (embedded or external) →
 * migrations and reference data → first admin and demo data → HTTP server,
 * and the reverse on shutdown.
 */
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { Config } from './config.js';
import { connect, ensureDatabase, withDatabase, type Sql } from './db/index.js';
import { startEmbedded } from './db/embedded.js';
import { migrate } from './db/migrate.js';
import { buildApp } from './http/app.js';
import { ensureSystemAdmin } from './modules/accounts/bootstrap.js';
import { createAccountsDeps } from './modules/accounts/service.js';
import { loadReferenceAreas } from './modules/areas/reference.js';
import { loadDemo } from './modules/demo/seed.js';
import { recomputeAll } from './modules/indicators/evaluate.js';
import { startJobs } from './modules/notifications/service.js';
import { ensureDefaults as ensureDefaultIndicators } from './modules/indicators/service.js';

export type Log = (msg: string) => void;

export interface Database {
  url: string;
  embedded: boolean;
  stop(): Promise<void>;
}

/** The database server: DATABASE_URL, or the embedded one in DATA_DIR/pg with a `ruamjai` database. */
export async function startDatabase(config: Config, log: Log): Promise<Database> {
  if (config.databaseUrl) return { url: config.databaseUrl, embedded: false, stop: async () => {} };
  const server = await startEmbedded({ dir: path.join(config.dataDir, 'pg'), log });
  try {
    await ensureDatabase(server.url, 'ruamjai');
  } catch (err) {
    await server.stop();
    throw err;
  }
  return { url: withDatabase(server.url, 'ruamjai'), embedded: true, stop: () => server.stop() };
}

/** Migrations, reference areas, first admin, demo data: everything idempotent. */
export async function prepareDatabase(sql: Sql, config: Config, log: Log): Promise<void> {
  const applied = await migrate(sql);
  if (applied.length) log(`migrations applied: ${applied.join(', ')}`);
  if (await loadReferenceAreas(sql)) log('reference areas loaded (77 provinces, districts, subdistricts)');
  const admin = await ensureSystemAdmin(sql, { email: config.adminEmail, password: config.adminPassword });
  if (admin.created) {
    log(`system administrator created: ${admin.email}`);
    if (admin.generatedPassword) {
      // Printed once, on purpose, to the console only: it is stored nowhere in clear.
      process.stdout.write(
        `\n  ผู้ดูแลระบบ / System administrator\n  email:    ${admin.email}\n  password: ${admin.generatedPassword}\n  (shown once; change it after logging in)\n\n`,
      );
    }
  }
  const added = await ensureDefaultIndicators(sql);
  if (added) log(`${added} default indicators added`);
  if (config.demo && (await loadDemo(sql))) log('demo data loaded: the Songkhla network and 10 railway-side communities in Hat Yai');
  // Counts and flags are derived data: rebuilt when missing (a fresh or restored database).
  const [counted] = await sql`select 1 as x from area_counts limit 1`;
  if (!counted) {
    const r = await recomputeAll(sql);
    log(`indicators computed in ${r.seconds.toFixed(1)} s`);
  }
}

export interface Running {
  app: FastifyInstance;
  sql: Sql;
  db: Database;
  url: string;
  /** Stops accepting, finishes requests in flight, closes the pool, stops the embedded database. */
  stop(): Promise<void>;
}

export async function startServer(config: Config, log: Log = (m) => console.log(m)): Promise<Running> {
  const db = await startDatabase(config, log);
  let sql: Sql | undefined;
  try {
    sql = connect(db.url, { max: 20 });
    await prepareDatabase(sql, config, log);
    const app = await buildApp({ config, sql, accounts: createAccountsDeps(sql, config) });
    const address = await app.listen({ port: config.port, host: config.host });
    const stopJobs = config.jobs ? startJobs(sql, config, log) : async () => {};
    const url = address.replace('0.0.0.0', 'localhost').replace('[::]', 'localhost');
    let stopping: Promise<void> | undefined;
    const pool = sql;
    return {
      app,
      sql: pool,
      db,
      url,
      stop() {
        stopping ??= (async () => {
          // Requests in flight get 7 s; then whatever is left is cut off.
          const grace = setTimeout(() => app.server.closeAllConnections(), 7_000);
          await app.close();
          clearTimeout(grace);
          await stopJobs();
          await pool.end({ timeout: 5 });
          await db.stop();
        })();
        return stopping;
      },
    };
  } catch (err) {
    await sql?.end({ timeout: 2 }).catch(() => {});
    await db.stop();
    throw err;
  }
}
