/**
 * Plans of slow statements run inside server functions, from PostgreSQL's
 * auto_explain (shipped with the embedded server): switched on for every
 * new session of one database, with actual row counts (no per-node timing,
 * which would slow the statements down), and read back from the server
 * log (bench/.data/pg/server.log). The way to see why a statement deep in
 * a transaction is slow without changing the code that runs it.
 */
import { existsSync, promises as fs } from 'node:fs';
import path from 'node:path';
import { ident, type Sql } from '../../src/db/index.js';
import { BENCH_DATA_DIR } from './db.js';

export const SERVER_LOG = path.join(BENCH_DATA_DIR, 'pg', 'server.log');

/** Logs the plan (with actual rows) of every statement over `minMs` in new sessions of `database`. */
export async function enableAutoExplain(sql: Sql, database: string, minMs: number): Promise<void> {
  const db = ident(database);
  await sql.unsafe(`alter database ${db} set session_preload_libraries = 'auto_explain'`);
  await sql.unsafe(`alter database ${db} set auto_explain.log_min_duration = ${Math.round(minMs)}`);
  await sql.unsafe(`alter database ${db} set auto_explain.log_analyze = on`);
  await sql.unsafe(`alter database ${db} set auto_explain.log_timing = off`);
  await sql.unsafe(`alter database ${db} set auto_explain.log_nested_statements = on`);
}

/** Where the server log ends now (read the plans logged after this point with plansSince). */
export async function logPosition(): Promise<number> {
  return existsSync(SERVER_LOG) ? (await fs.stat(SERVER_LOG)).size : 0;
}

export interface LoggedPlan {
  ms: number;
  /** The plan's lines, the statement's text first. */
  lines: string[];
}

/** The plans auto_explain logged since `position`, slowest first. */
export async function plansSince(position: number): Promise<LoggedPlan[]> {
  if (!existsSync(SERVER_LOG)) return [];
  const fh = await fs.open(SERVER_LOG, 'r');
  let text: string;
  try {
    const size = (await fh.stat()).size;
    const buf = Buffer.alloc(Math.max(0, size - position));
    await fh.read(buf, 0, buf.length, position);
    text = buf.toString('utf8');
  } finally {
    await fh.close();
  }
  const plans: LoggedPlan[] = [];
  // Entries start with a timestamped "LOG:  duration: N ms  plan:" line; continuation lines are indented.
  const entries = text.split(/\n(?=\d{4}-\d{2}-\d{2} )/);
  for (const e of entries) {
    const m = /LOG:\s+duration: ([0-9.]+) ms\s+plan:\n([\s\S]*)/.exec(e);
    if (!m) continue;
    plans.push({ ms: Number(m[1]), lines: m[2]!.split('\n').map((l) => l.replace(/\t/g, '  ')).filter((l) => l.trim() !== '') });
  }
  return plans.sort((a, b) => b.ms - a.ms);
}
