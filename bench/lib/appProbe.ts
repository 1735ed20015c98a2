/**
 * Preloaded into the app by load benchmarks (`--import` after tsx): every
 * second, one JSON line appended to BENCH_PROBE_FILE with how busy the
 * app's main thread was (event loop utilisation) and how late its timers
 * ran (event loop delay, ms), so that waits in the app can be told from
 * waits elsewhere. Nothing of the app is touched.
 */
import { appendFileSync } from 'node:fs';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';

export interface ProbeLine {
  /** Date.now() at the end of the second. */
  at: number;
  /** Share of the second the event loop was busy (0..1). */
  elu: number;
  delayP50: number;
  delayP99: number;
  delayMax: number;
  rss: number;
}

const file = process.env.BENCH_PROBE_FILE;
if (file) {
  const h = monitorEventLoopDelay({ resolution: 5 });
  h.enable();
  let elu = performance.eventLoopUtilization();
  const timer = setInterval(() => {
    const now = performance.eventLoopUtilization();
    const d = performance.eventLoopUtilization(now, elu);
    elu = now;
    const line: ProbeLine = {
      at: Date.now(),
      elu: d.utilization,
      delayP50: h.percentile(50) / 1e6,
      delayP99: h.percentile(99) / 1e6,
      delayMax: h.max / 1e6,
      rss: process.memoryUsage.rss(),
    };
    h.reset();
    try {
      appendFileSync(file, JSON.stringify(line) + '\n');
    } catch {
      // the bench removed its directory: nothing to report to
    }
  }, 1000);
  timer.unref();
}
