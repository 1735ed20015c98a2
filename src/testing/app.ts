/**
 * The app on a fresh test database, listening on a random local port:
 * used by integration tests (HTTP through `inject` or real fetch) and by
 * the browser tests.
 */
import type { FastifyInstance } from 'fastify';
import { loadConfig, type Config } from '../config.js';
import type { Sql } from '../db/index.js';
import { buildApp } from '../http/app.js';
import { createAccountsDeps, type AccountsDeps } from '../modules/accounts/service.js';
import { prepareDatabase } from '../server.js';
import { createTestDatabase } from './db.js';

export interface TestApp {
  baseUrl: string;
  app: FastifyInstance;
  sql: Sql;
  config: Config;
  accounts: AccountsDeps;
  admin: { email: string; password: string };
  close(): Promise<void>;
}

export const TEST_ADMIN = { email: 'admin@test.ruamjai.local', password: 'admin-password-1' };

export async function startTestApp(opts: { demo?: boolean; env?: Record<string, string>; listen?: boolean } = {}): Promise<TestApp> {
  const db = await createTestDatabase();
  const config = loadConfig(
    {},
    {
      PORT: '0',
      HOST: '127.0.0.1',
      DATABASE_URL: db.url,
      RUAMJAI_ADMIN_EMAIL: TEST_ADMIN.email,
      RUAMJAI_ADMIN_PASSWORD: TEST_ADMIN.password,
      RUAMJAI_DEMO: opts.demo ? '1' : '0',
      LOG_LEVEL: 'silent',
      RUAMJAI_DISABLE_RATE_LIMITS: '1',
      ...opts.env,
    },
  );
  await prepareDatabase(db.sql, config, () => {});
  const accounts = createAccountsDeps(db.sql, config);
  const app = await buildApp({ config, sql: db.sql, accounts });
  let baseUrl = '';
  if (opts.listen !== false) {
    baseUrl = (await app.listen({ port: 0, host: '127.0.0.1' })).replace('127.0.0.1', 'localhost');
  } else {
    await app.ready();
  }
  return {
    baseUrl,
    app,
    sql: db.sql,
    config,
    accounts,
    admin: TEST_ADMIN,
    async close() {
      await app.close();
      await db.drop();
    },
  };
}
