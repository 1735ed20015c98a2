/** What bench/run.ts hands every benchmark. */
import type { Sql } from '../../src/db/index.js';
import type { GenerateResult } from '../generate.js';

export interface BenchContext {
  /** Pool on the bench database: migrated, reference areas and the Songkhla set loaded, analysed. */
  sql: Sql;
  /** URL of the bench database. */
  url: string;
  /** The generated data set: its size and how long the load took. */
  generation: GenerateResult;
  /** Seconds of ANALYZE (and VACUUM, when it ran) after the load. */
  analyzeSeconds: number;
  vacuumSeconds: number | undefined;
  /** Seed of the data set; benchmarks seed their own random choices from it. */
  seed: number;
  /** Repository root (for spawning the app). */
  root: string;
  /** Adds a figure to the summary table printed at the end. */
  report(label: string, value: string): void;
}

/** A benchmark module: bench/<name>.bench.ts. */
export interface BenchModule {
  run(ctx: BenchContext): Promise<void>;
  /** False when the benchmark needs no bench database (it then gets a context without one). */
  needsDatabase?: boolean;
}
