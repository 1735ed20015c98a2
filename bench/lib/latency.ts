/** Latency series: run a call n times (after a warm-up), and summarise. */
import { fmtMs, mean, quantile } from './stats.js';

export interface Series {
  times: number[];
  p50: number;
  p95: number;
  mean: number;
  max: number;
  /** Index (into the measured calls) of the slowest call. */
  slowest: number;
}

export function summarise(times: number[]): Series {
  let slowest = 0;
  for (let i = 1; i < times.length; i++) if (times[i]! > times[slowest]!) slowest = i;
  return { times, p50: quantile(times, 0.5), p95: quantile(times, 0.95), mean: mean(times), max: times[slowest] ?? NaN, slowest };
}

/** Calls `once(i)` for i = 0 … warmup + n − 1; the first `warmup` calls are not timed. */
export async function measure(n: number, warmup: number, once: (i: number) => Promise<void>): Promise<Series> {
  for (let i = 0; i < warmup; i++) await once(i);
  const times: number[] = [];
  for (let i = warmup; i < warmup + n; i++) {
    const t = performance.now();
    await once(i);
    times.push(performance.now() - t);
  }
  return summarise(times);
}

/** "p50 / p95" in ms. */
export function p50p95(s: Series): string {
  return `${fmtMs(s.p50)} / ${fmtMs(s.p95)}`;
}
