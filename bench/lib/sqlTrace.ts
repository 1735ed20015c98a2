/**
 * Where the time of a server function goes, statement by statement,
 * without touching its code: `traceSql(sql)` returns a stand-in for the
 * pool that records the start and end of every statement run through it
 * (and through the transactions it opens). pg_stat_statements is not
 * available on the embedded server; this is the client-side equivalent,
 * exact for statements that run one after another in a transaction.
 *
 * A COPY … FROM STDIN counts until its stream finishes (the server has
 * acknowledged the end of the data).
 */
import type { Writable } from 'node:stream';
import type { Sql } from '../../src/db/index.js';
import { fmtMs, table } from './stats.js';

export interface TracedStatement {
  /** The statement's text, whitespace collapsed (tagged templates with `?` for values). */
  text: string;
  start: number;
  end: number;
}

export interface SqlTrace {
  /** Use this instead of the pool. */
  sql: Sql;
  statements: TracedStatement[];
  /** Forgets what was recorded so far. */
  reset(): void;
}

function collapse(s: string): string {
  return s.replace(/\s+/g, ' ').trim();
}

type Thenable = { then: (onFulfilled?: (v: unknown) => unknown, onRejected?: (e: unknown) => unknown) => unknown };

function isTemplate(x: unknown): x is TemplateStringsArray {
  return Array.isArray(x) && Array.isArray((x as unknown as { raw?: unknown }).raw);
}

export function traceSql(pool: Sql): SqlTrace {
  const statements: TracedStatement[] = [];

  const hook = (q: unknown, text: string): void => {
    if (!q || typeof (q as Thenable).then !== 'function') return;
    const query = q as Thenable;
    const original = query.then.bind(query);
    let hooked = false;
    query.then = (onFulfilled, onRejected) => {
      if (!hooked) {
        hooked = true;
        const entry: TracedStatement = { text, start: performance.now(), end: NaN };
        statements.push(entry);
        return original(
          (v) => {
            const stream = v as Partial<Writable> | undefined;
            if (stream && typeof stream.once === 'function' && typeof stream.write === 'function') {
              // COPY FROM STDIN: the statement lasts until the data is in.
              stream.once('finish', () => (entry.end = performance.now()));
            } else {
              entry.end = performance.now();
            }
            return onFulfilled ? onFulfilled(v) : v;
          },
          (e) => {
            entry.end = performance.now();
            if (onRejected) return onRejected(e);
            throw e;
          },
        );
      }
      return original(onFulfilled, onRejected);
    };
  };

  const wrap = <T extends object>(db: T): T =>
    new Proxy(db, {
      apply(target, thisArg, args: unknown[]) {
        const q: unknown = Reflect.apply(target as (...a: unknown[]) => unknown, thisArg, args);
        const strings = args[0];
        if (isTemplate(strings)) hook(q, collapse(strings.join('?')));
        return q;
      },
      get(target, prop, receiver) {
        const value: unknown = Reflect.get(target, prop, receiver);
        if (typeof value !== 'function') return value;
        const fn = value as (...a: unknown[]) => unknown;
        if (prop === 'unsafe') {
          return (...args: unknown[]) => {
            const q = fn.apply(target, args);
            hook(q, collapse(String(args[0])));
            return q;
          };
        }
        if (prop === 'begin' || prop === 'savepoint') {
          return (...args: unknown[]) => {
            const i = args.findIndex((a) => typeof a === 'function');
            if (i >= 0) {
              const cb = args[i] as (tx: object) => unknown;
              args[i] = (tx: object) => cb(wrap(tx));
            }
            return fn.apply(target, args);
          };
        }
        return fn.bind(target);
      },
    });

  return {
    sql: wrap(pool),
    statements,
    reset: () => void statements.splice(0),
  };
}

/** A statement's text shortened for a table. */
export function shortText(text: string, max = 90): string {
  return text.length > max ? text.slice(0, max - 1) + '…' : text;
}

/** The statements that took longest, grouped by text: [text, count, total ms, max ms]. */
export function slowest(statements: readonly TracedStatement[], n = 10): Array<[string, number, number, number]> {
  const by = new Map<string, { count: number; total: number; max: number }>();
  for (const s of statements) {
    const ms = s.end - s.start;
    const g = by.get(s.text) ?? { count: 0, total: 0, max: 0 };
    g.count++;
    g.total += ms;
    g.max = Math.max(g.max, ms);
    by.set(s.text, g);
  }
  return [...by]
    .sort((a, b) => b[1].total - a[1].total)
    .slice(0, n)
    .map(([text, g]) => [text, g.count, g.total, g.max]);
}

/** The slowest statements as a printable table. */
export function slowestTable(statements: readonly TracedStatement[], n = 10): string {
  return table(
    ['statement', 'runs', 'total ms', 'max ms'],
    slowest(statements, n).map(([text, count, total, max]) => [shortText(text), String(count), fmtMs(total), fmtMs(max)]),
  );
}
