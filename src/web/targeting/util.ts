/** Pure helpers of the targeting pages (tested in registry/csv.test.ts). */

/** Where a rule error is: the position (0-based, as the server counts) as line and column, and the line's text. */
export function errorPlace(rule: string, position: number): { line: number; column: number; text: string } {
  const pos = Math.max(0, Math.min(position, rule.length));
  const before = rule.slice(0, pos).split('\n');
  const line = before.length;
  const column = (before[before.length - 1] ?? '').length + 1;
  const text = rule.split('\n')[line - 1] ?? '';
  return { line, column, text };
}

/** Codes above an area, top first: TH, province, district, subdistrict. */
export function ancestorCodes(code: string): string[] {
  if (code === 'TH') return [];
  const base = code.includes('-') ? code.slice(0, code.indexOf('-')) : code;
  const out = ['TH'];
  for (const n of [2, 4, 6]) if (base.length > n || (code.includes('-') && base.length === n)) out.push(base.slice(0, n));
  return out.filter((c) => c !== code);
}

/** Upper end of the y axis: a round number at or above the largest value. */
export function niceMax(max: number): number {
  if (max <= 5) return 5;
  const power = 10 ** Math.floor(Math.log10(max));
  for (const step of [1, 2, 2.5, 5, 10]) if (step * power >= max) return step * power;
  return 10 * power;
}
