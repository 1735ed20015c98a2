/**
 * EXPLAIN ANALYZE of the exact statements a server function runs: the
 * function is called once on a client that records the SQL text and the
 * parameters it sends (postgres.js `debug`), then each recorded statement
 * is explained with those parameters on the benchmark's pool (same
 * session settings as the app's connections).
 */
import postgres from 'postgres';
import type { Sql } from '../../src/db/index.js';

export interface CapturedQuery {
  text: string;
  params: unknown[];
}

/**
 * Runs `fn` on a one-connection client of `url` that records every
 * statement it sends. The client has the app's connection settings
 * (src/db/index.ts connect(): camelCase columns, UTC, the trigram
 * threshold of name search).
 */
export async function captureQueries(url: string, fn: (sql: Sql) => Promise<unknown>): Promise<CapturedQuery[]> {
  const captured: CapturedQuery[] = [];
  const sql = postgres(url, {
    max: 1,
    transform: { column: { from: postgres.toCamel } },
    onnotice: () => {},
    connection: { application_name: 'ruamjai-bench-explain', TimeZone: 'UTC', 'pg_trgm.word_similarity_threshold': '0.45' },
    debug: (_connection: number, query: string, parameters: unknown[]) => captured.push({ text: query, params: parameters }),
  });
  try {
    await fn(sql);
  } finally {
    await sql.end({ timeout: 5 });
  }
  return captured;
}

/** EXPLAIN (ANALYZE, BUFFERS) of a captured statement, as lines. */
export async function explainAnalyze(sql: Sql, q: CapturedQuery): Promise<string[]> {
  const rows = await sql.unsafe(`explain (analyze, buffers) ${q.text}`, q.params as never[]);
  return rows.map((r) => String(Object.values(r as Record<string, unknown>)[0]));
}

/** The captured statement that mentions `needle` (the last one when several do). */
export function pick(captured: CapturedQuery[], needle: RegExp): CapturedQuery | undefined {
  return captured.filter((q) => needle.test(q.text)).pop();
}
