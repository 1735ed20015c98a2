/**
 * XPath 1.0 values and their conversions (section 4 of the recommendation),
 * with the ODK extension that number() reads date and dateTime strings as
 * days since 1970-01-01.
 */
import { dateStringToDays, runtimeOffset, type OffsetAt } from './dates.js';
import { stringValue, type InstanceNode } from './instance.js';

/** The result of an expression: string, number, boolean, or a node-set (array of nodes in document order). */
export type XPathValue = string | number | boolean | InstanceNode[];

export function isNodeSet(v: XPathValue): v is InstanceNode[] {
  return Array.isArray(v);
}

/**
 * XPath number → string: integers without a decimal point ('3', not '3.0'),
 * 'NaN', 'Infinity', '-Infinity', never exponent notation. As ODK Collect,
 * a value within 1e-12 of an integer prints as that integer (0.1 * 3 * 10 → '3').
 */
export function formatNumber(n: number): string {
  if (Number.isNaN(n)) return 'NaN';
  if (n === Infinity) return 'Infinity';
  if (n === -Infinity) return '-Infinity';
  if (Math.abs(n) < 1e-12) return '0';
  const r = Math.round(n);
  if (r !== n && Math.abs(n - r) < 1e-12 && Math.abs(r) < 2 ** 31) return String(r);
  const s = String(n);
  const e = s.indexOf('e');
  if (e < 0) return s;
  const negative = s.startsWith('-');
  const mantissa = s.slice(negative ? 1 : 0, e);
  const exponent = Number(s.slice(e + 1));
  const point = mantissa.indexOf('.');
  const digits = mantissa.replace('.', '');
  const intLen = (point < 0 ? mantissa.length : point) + exponent;
  let out: string;
  if (intLen <= 0) out = '0.' + '0'.repeat(-intLen) + digits;
  else if (intLen >= digits.length) out = digits + '0'.repeat(intLen - digits.length);
  else out = digits.slice(0, intLen) + '.' + digits.slice(intLen);
  return (negative ? '-' : '') + out;
}

const NUMBER_RE = /^[ \t\r\n]*-?(?:\d+(?:\.\d*)?|\.\d+)[ \t\r\n]*$/;

/** string → number as number() does: XPath Number syntax, else a date/dateTime as days, else NaN ('' is NaN). */
export function stringToNumber(s: string, offsetAt: OffsetAt = runtimeOffset): number {
  if (NUMBER_RE.test(s)) return Number(s);
  // Cheap guard before the date regexes: dates start with a 4-digit year.
  if (s.length >= 10 && s.charCodeAt(s.search(/\S/)) <= 57) return dateStringToDays(s, offsetAt);
  return NaN;
}

/** string(): a node-set gives the string-value of its first node ('' when empty). */
export function toXPathString(v: XPathValue): string {
  if (typeof v === 'string') return v;
  if (typeof v === 'number') return formatNumber(v);
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  const first = v[0];
  return first ? stringValue(first) : '';
}

/** number(): true → 1, false → 0, strings per {@link stringToNumber}, node-sets through their string. */
export function toXPathNumber(v: XPathValue, offsetAt: OffsetAt = runtimeOffset): number {
  if (typeof v === 'number') return v;
  if (typeof v === 'boolean') return v ? 1 : 0;
  return stringToNumber(typeof v === 'string' ? v : toXPathString(v), offsetAt);
}

/** boolean(): non-zero non-NaN numbers, non-empty strings, non-empty node-sets are true. Note boolean('false') is true. */
export function toXPathBoolean(v: XPathValue): boolean {
  if (typeof v === 'boolean') return v;
  if (typeof v === 'number') return v !== 0 && !Number.isNaN(v);
  if (typeof v === 'string') return v.length > 0;
  return v.length > 0;
}

export type ComparisonOp = '=' | '!=' | '<' | '<=' | '>' | '>=';

function cmpNumbers(op: ComparisonOp, a: number, b: number): boolean {
  switch (op) {
    case '=':
      return a === b;
    case '!=':
      return a !== b;
    case '<':
      return a < b;
    case '<=':
      return a <= b;
    case '>':
      return a > b;
    case '>=':
      return a >= b;
  }
}

function cmpAtoms(op: ComparisonOp, a: string | number | boolean, b: string | number | boolean, offsetAt: OffsetAt): boolean {
  if (op === '=' || op === '!=') {
    let eq: boolean;
    if (typeof a === 'boolean' || typeof b === 'boolean') eq = toXPathBoolean(a) === toXPathBoolean(b);
    else if (typeof a === 'number' || typeof b === 'number') eq = toXPathNumber(a, offsetAt) === toXPathNumber(b, offsetAt);
    else eq = a === b;
    return op === '=' ? eq : !eq;
  }
  return cmpNumbers(op, toXPathNumber(a, offsetAt), toXPathNumber(b, offsetAt));
}

/**
 * Comparison with XPath 1.0 rules: a node-set compares true if some node
 * (some pair of nodes for two node-sets) satisfies it; against a boolean the
 * node-set is converted to boolean; = and != otherwise compare as boolean,
 * number or string in that order of precedence; < <= > >= compare numbers
 * (so date strings compare as dates).
 */
export function compareValues(op: ComparisonOp, a: XPathValue, b: XPathValue, offsetAt: OffsetAt = runtimeOffset): boolean {
  const an = isNodeSet(a);
  const bn = isNodeSet(b);
  if (an && bn) {
    if (a.length === 0 || b.length === 0) return false;
    const bs = b.map(stringValue);
    for (const x of a) {
      const xs = stringValue(x);
      for (const ys of bs) if (cmpAtoms(op, xs, ys, offsetAt)) return true;
    }
    return false;
  }
  if (an || bn) {
    const nodes = (an ? a : b) as InstanceNode[];
    const other = (an ? b : a) as string | number | boolean;
    if (typeof other === 'boolean') return an ? cmpAtoms(op, nodes.length > 0, other, offsetAt) : cmpAtoms(op, other, nodes.length > 0, offsetAt);
    for (const node of nodes) {
      const s = stringValue(node);
      const atom: string | number = typeof other === 'number' ? stringToNumber(s, offsetAt) : s;
      if (an ? cmpAtoms(op, atom, other, offsetAt) : cmpAtoms(op, other, atom, offsetAt)) return true;
    }
    return false;
  }
  return cmpAtoms(op, a, b, offsetAt);
}
