/**
 * Compact, readable lines for the `changes` of an audit entry, whatever
 * shape the server used:
 *   { field: [old, new] }            → "field: old → new"
 *   { field: { from, to } } / { old, new } pairs → the same
 *   { before: {...}, after: {...} }  → one line per field that differs
 *   { field: value }                 → "field: value"
 *   anything else                    → its JSON
 */

const MAX_VALUE = 80;

export function compactValue(v: unknown): string {
  if (v === undefined) return '∅';
  const s = (JSON.stringify(v) as string | undefined) ?? typeof v;
  return s.length > MAX_VALUE ? `${s.slice(0, MAX_VALUE - 1)}…` : s;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function asPair(v: unknown): [unknown, unknown] | null {
  if (Array.isArray(v) && v.length === 2) return [v[0], v[1]];
  if (isRecord(v)) {
    const keys = Object.keys(v);
    if (keys.length === 2 && 'from' in v && 'to' in v) return [v.from, v.to];
    if (keys.length === 2 && 'old' in v && 'new' in v) return [v.old, v.new];
  }
  return null;
}

export function changeLines(changes: unknown): string[] {
  if (changes === null || changes === undefined) return [];
  if (!isRecord(changes)) return [compactValue(changes)];

  const keys = Object.keys(changes);
  if (keys.length === 0) return [];

  const { before, after } = changes;
  if ((isRecord(before) || before === null) && (isRecord(after) || after === null) && keys.every((k) => k === 'before' || k === 'after')) {
    const b = before ?? {};
    const a = after ?? {};
    const fields = [...new Set([...Object.keys(b), ...Object.keys(a)])];
    return fields
      .filter((f) => JSON.stringify(b[f]) !== JSON.stringify(a[f]))
      .map((f) => `${f}: ${compactValue(b[f])} → ${compactValue(a[f])}`);
  }

  const pairs = keys.map((k) => [k, asPair(changes[k])] as const);
  if (pairs.every(([, p]) => p !== null)) {
    return pairs.map(([k, p]) => `${k}: ${compactValue(p?.[0])} → ${compactValue(p?.[1])}`);
  }
  return keys.map((k) => `${k}: ${compactValue(changes[k])}`);
}
