/**
 * A fresh migrated database per test file, copied from the template that
 * scripts/test.ts prepares (with every Thai area already loaded).
 */
import { randomBytes } from 'node:crypto';
import { connect, ident, withDatabase, type Sql } from '../db/index.js';

export interface TestDatabase {
  url: string;
  sql: Sql;
  drop(): Promise<void>;
}

function env(name: string): string {
  const v = process.env[name];
  if (!v) throw new Error(`${name} is not set: run tests with npm test (scripts/test.ts)`);
  return v;
}

export async function createTestDatabase(): Promise<TestDatabase> {
  const serverUrl = env('RUAMJAI_TEST_SERVER_URL');
  const template = env('RUAMJAI_TEST_TEMPLATE');
  const name = `t_${randomBytes(6).toString('hex')}`;
  const admin = connect(serverUrl, { max: 1 });
  try {
    await admin.unsafe(`create database ${ident(name)} template ${ident(template)}`);
  } finally {
    await admin.end();
  }
  const url = withDatabase(serverUrl, name);
  const sql = connect(url, { max: 10 });
  return {
    url,
    sql,
    async drop() {
      await sql.end({ timeout: 5 });
      const a = connect(serverUrl, { max: 1 });
      try {
        await a.unsafe(`drop database if exists ${ident(name)} with (force)`);
      } finally {
        await a.end();
      }
    },
  };
}
