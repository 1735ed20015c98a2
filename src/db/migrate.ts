/**
 * Plain SQL migrations from src/db/migrations, applied in file-name order,
 * each in its own transaction and recorded with a checksum. A failing file
 * rolls back completely and the error names it; an applied file that was
 * edited afterwards is refused (migrations are history, never rewritten).
 */
import { createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Sql } from './index.js';

export const MIGRATIONS_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), 'migrations');

export class MigrationError extends Error {
  constructor(
    readonly file: string,
    override readonly cause: unknown,
  ) {
    const detail = cause instanceof Error ? cause.message : String(cause);
    const pos = (cause as { position?: string }).position;
    super(`migration ${file} failed${pos ? ` at character ${pos}` : ''}: ${detail}`);
  }
}

export interface MigrationFile {
  name: string;
  sql: string;
  checksum: string;
}

export async function readMigrations(dir = MIGRATIONS_DIR): Promise<MigrationFile[]> {
  const names = (await fs.readdir(dir)).filter((f) => f.endsWith('.sql')).sort();
  return Promise.all(
    names.map(async (name) => {
      const sql = await fs.readFile(path.join(dir, name), 'utf8');
      return { name, sql, checksum: createHash('sha256').update(sql).digest('hex') };
    }),
  );
}

/** Applies every pending migration; returns the names applied. */
export async function migrate(sql: Sql, dir = MIGRATIONS_DIR): Promise<string[]> {
  const files = await readMigrations(dir);
  await sql`create table if not exists schema_migrations (
    name text primary key,
    checksum text not null,
    applied_at timestamptz not null default now()
  )`;
  const applied: string[] = [];
  for (const f of files) {
    // Each file in its own transaction; the advisory lock keeps two app
    // processes starting together from applying the same file twice.
    const ran = await sql
      .begin(async (tx) => {
        await tx`select pg_advisory_xact_lock(7245601)`;
        const [prior] = await tx<{ checksum: string }[]>`select checksum from schema_migrations where name = ${f.name}`;
        if (prior) {
          if (prior.checksum !== f.checksum) {
            throw new Error('this file was changed after it was applied; add a new migration instead');
          }
          return false;
        }
        await tx.unsafe(f.sql);
        await tx`insert into schema_migrations (name, checksum) values (${f.name}, ${f.checksum})`;
        return true;
      })
      .catch((err: unknown) => {
        throw new MigrationError(f.name, err);
      });
    if (ran) applied.push(f.name);
  }
  return applied;
}
