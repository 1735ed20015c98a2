/** Benchmark settings from the environment. */

/** A positive integer from the environment ("100_000" allowed), or the fallback. */
export function intEnv(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw.replace(/_/g, ''));
  if (!Number.isInteger(n) || n <= 0) throw new Error(`${name} must be a positive integer, got ${raw}`);
  return n;
}

/** A number in [0, 1] from the environment, or the fallback. */
export function shareEnv(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isFinite(n) || n < 0 || n > 1) throw new Error(`${name} must be a number from 0 to 1, got ${raw}`);
  return n;
}

export function flagEnv(name: string): boolean {
  const v = (process.env[name] ?? '').toLowerCase();
  return v === '1' || v === 'true' || v === 'yes';
}
