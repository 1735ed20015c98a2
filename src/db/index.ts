/**
 * The database connection: postgres.js with camelCase column names.
 * `Sql` is the pool; `Tx` a transaction (both run the same tagged templates).
 */
import postgres from 'postgres';

export type Sql = postgres.Sql;
export type Tx = postgres.TransactionSql;
/** Either the pool or a transaction: query functions accept both. */
export type Db = Sql | Tx;

export interface ConnectOptions {
  max?: number;
  /** Set to silence PostgreSQL notices (e.g. "relation already exists, skipping"). */
  quiet?: boolean;
  applicationName?: string;
}

/**
 * pg_trgm's word-similarity threshold for name search: a part of a name, or
 * a misspelt one, is still found (the default 0.6 is too strict for Thai names).
 */
export const NAME_SIMILARITY_THRESHOLD = 0.45;

export function connect(url: string, opts: ConnectOptions = {}): Sql {
  return postgres(url, {
    max: opts.max ?? 10,
    idle_timeout: 60,
    connect_timeout: 30,
    transform: { column: { from: postgres.toCamel } },
    onnotice: opts.quiet === false ? undefined : () => {},
    connection: {
      application_name: opts.applicationName ?? 'ruamjai',
      TimeZone: 'UTC',
      'pg_trgm.word_similarity_threshold': String(NAME_SIMILARITY_THRESHOLD),
    },
  });
}

/** Wraps a name of a database for use in DDL. */
export function ident(name: string): string {
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`invalid database identifier: ${name}`);
  return `"${name}"`;
}

/** Creates the database if it does not exist yet (using a server-level connection). */
export async function ensureDatabase(serverUrl: string, name: string): Promise<void> {
  const admin = connect(serverUrl, { max: 1 });
  try {
    const rows = await admin`select 1 from pg_database where datname = ${name}`;
    if (rows.length === 0) await admin.unsafe(`create database ${ident(name)} encoding 'UTF8' template template0`);
  } finally {
    await admin.end();
  }
}

/** The same server URL with another database name. */
export function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}
