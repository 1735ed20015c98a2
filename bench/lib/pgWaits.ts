/**
 * What the app's PostgreSQL sessions are doing, sampled from
 * pg_stat_activity while a load runs: the share of time sessions spend
 * running, waiting on a lock, on I/O or on the client (idle in
 * transaction), by statement. Evidence for where requests wait.
 */
import type { Sql } from '../../src/db/index.js';

export interface WaitSampler {
  stop(): Promise<WaitReport>;
}

export interface WaitReport {
  samples: number;
  /** [state, mean number of sessions in it] largest first. */
  states: Array<[string, number]>;
  /** Mean age of open transactions of the submission writer (ms), when any were seen. */
  writerXactMs: number | undefined;
}

function label(r: { state: string | null; waitEventType: string | null; waitEvent: string | null; query: string | null }): string {
  const q = (r.query ?? '').replace(/\s+/g, ' ').trim().slice(0, 48);
  const wait = r.waitEventType ? ` waiting ${r.waitEventType}:${r.waitEvent}` : '';
  return `${r.state ?? '?'}${wait} — ${q}`;
}

/** Samples every `everyMs` until stop(). */
export function sampleWaits(sql: Sql, everyMs = 50): WaitSampler {
  const counts = new Map<string, number>();
  let samples = 0;
  let xactMs = 0;
  let xactN = 0;
  let running = true;
  const loop = (async () => {
    while (running) {
      const t = performance.now();
      const rows = await sql<{ state: string | null; waitEventType: string | null; waitEvent: string | null; query: string | null; xactMs: number | null }[]>`
        select state, wait_event_type, wait_event, query,
               extract(epoch from clock_timestamp() - xact_start) * 1000 as xact_ms
        from pg_stat_activity
        where datname = current_database() and pid <> pg_backend_pid() and backend_type = 'client backend' and state <> 'idle'`;
      samples++;
      for (const r of rows) {
        const l = label(r);
        counts.set(l, (counts.get(l) ?? 0) + 1);
        if (r.xactMs !== null && /submissions|audit_append_many|^(begin|commit)/i.test(r.query ?? '')) {
          xactMs += Number(r.xactMs);
          xactN++;
        }
      }
      const wait = everyMs - (performance.now() - t);
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    }
  })();
  return {
    async stop() {
      running = false;
      await loop;
      return {
        samples,
        states: [...counts.entries()].map(([k, n]): [string, number] => [k, n / Math.max(1, samples)]).sort((a, b) => b[1] - a[1]),
        writerXactMs: xactN ? xactMs / xactN : undefined,
      };
    },
  };
}
