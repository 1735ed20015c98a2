/**
 * Conversions between the rule language's value types, as the evaluator
 * computes them. Each one mirrors, exactly, the SQL the compiler emits for
 * it (see sql.ts); the equivalence test runs both on the same records.
 *
 * Representations: a number is a double, NaN for "no value" (SQL: float8,
 * NULL); a string is never missing, '' for "no value" (SQL: text, coalesced
 * to ''); a date is 'YYYY-MM-DD' or null (SQL: date or NULL); a boolean is
 * true or false (SQL: boolean, never NULL).
 */
import { civilFromDays, daysFromCivil } from '../xpath/index.js';

/** The whitespace rules split and trim on (selected(), number()): the XML whitespace characters. */
export const WHITESPACE = ' \t\n\r';
const TRIM_RE = /^[ \t\n\r]+|[ \t\n\r]+$/g;
const SPLIT_RE = /[ \t\n\r]+/;
/** XPath's Number syntax (no exponent, no '+'), surrounded by optional whitespace. */
export const NUMBER_RE = /^[ \t\n\r]*-?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)[ \t\n\r]*$/;
/** The same pattern as a PostgreSQL regular expression. */
export const NUMBER_RE_SQL = '^[ \\t\\n\\r]*-?([0-9]+(\\.[0-9]*)?|\\.[0-9]+)[ \\t\\n\\r]*$';
const DATE_RE = /^([0-9]{4})-([0-9]{2})-([0-9]{2})$/;

export function trimSpace(s: string): string {
  return s.replace(TRIM_RE, '');
}

/** The items of a space-separated list (a select_multiple answer). */
export function splitList(s: string): string[] {
  const t = trimSpace(s);
  return t === '' ? [] : t.split(SPLIT_RE);
}

/** string → number: XPath Number syntax, else NaN (a date-like string is NaN here; date literals are converted when the rule is compiled). */
export function stringToNumber(s: string): number {
  return NUMBER_RE.test(s) ? Number(trimSpace(s)) : NaN;
}

/**
 * number → string as PostgreSQL prints float8 (shortest round-trip digits):
 * integers below 10^15 as integers, other values in fixed notation from
 * 10^-4 to 10^15 and in exponent notation (1e-05, 1.5e+20) outside; NaN
 * (no value) is ''. XPath would print 'NaN' and never use exponents: a
 * documented difference.
 */
export function numberToString(x: number): string {
  if (Number.isNaN(x)) return '';
  if (Number.isInteger(x) && Math.abs(x) < 1e15) return String(x);
  const a = Math.abs(x);
  if (a >= 1e-4 && a < 1e15) return String(x);
  if (!Number.isFinite(x)) return x > 0 ? 'Infinity' : '-Infinity';
  const [mantissa = '', exponent = ''] = x.toExponential().split('e');
  const sign = exponent.startsWith('-') ? '-' : '+';
  return `${mantissa}e${sign}${exponent.replace(/^[-+]/, '').padStart(2, '0')}`;
}

/** 'YYYY-MM-DD' when `s` is a valid calendar date in that form, else null. */
export function canonicalDate(s: string): string | null {
  const m = DATE_RE.exec(s.trim());
  if (!m) return null;
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const d = Number(m[3]);
  const back = civilFromDays(daysFromCivil(y, mo, d));
  return back.year === y && back.month === mo && back.day === d ? `${m[1]}-${m[2]}-${m[3]}` : null;
}

/** Days since 1970-01-01 of a 'YYYY-MM-DD' date (null → NaN). */
export function dateToNumber(d: string | null): number {
  if (d === null) return NaN;
  return daysFromCivil(Number(d.slice(0, 4)), Number(d.slice(5, 7)), Number(d.slice(8, 10)));
}

/** First and last day numbers a number converts to a date within: 0001-01-01 and 9999-12-31. */
export const MIN_DAY = -719162;
export const MAX_DAY = 2932896;

/** The date of a day number, rounded down (NaN, or outside years 1–9999 → null). */
export function numberToDate(n: number): string | null {
  if (Number.isNaN(n)) return null;
  const day = Math.floor(n);
  if (day < MIN_DAY || day > MAX_DAY) return null;
  const p = civilFromDays(day);
  return `${String(p.year).padStart(4, '0')}-${String(p.month).padStart(2, '0')}-${String(p.day).padStart(2, '0')}`;
}

/** XPath's number() of a string literal, used when folding constants: Number syntax, else a date as days, else NaN. */
export function literalToNumber(s: string): number {
  if (NUMBER_RE.test(s)) return Number(trimSpace(s));
  const d = canonicalDate(s);
  return d === null ? NaN : dateToNumber(d);
}

/** Whole years from a birth date (or year) to a day, as the SQL computes them. */
export function ageOn(birthDate: string | null, birthYear: number, today: string): number {
  const ty = Number(today.slice(0, 4));
  if (birthDate !== null) {
    const by = Number(birthDate.slice(0, 4));
    const tmd = Number(today.slice(5, 7)) * 100 + Number(today.slice(8, 10));
    const bmd = Number(birthDate.slice(5, 7)) * 100 + Number(birthDate.slice(8, 10));
    return ty - by - (tmd < bmd ? 1 : 0);
  }
  return ty - birthYear;
}

/** Today in Thailand (UTC+7, no daylight saving time), 'YYYY-MM-DD'. */
export function bangkokToday(now: Date = new Date()): string {
  return new Date(now.getTime() + 7 * 3_600_000).toISOString().slice(0, 10);
}

// ---- reading plain-object records

/** A string property of a record: missing is ''. */
export function readString(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return v;
  if (typeof v === 'number') return numberToString(v);
  if (v instanceof Date) return readDate(v) ?? '';
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (typeof v === 'bigint') return v.toString();
  return '';
}

/** A number property: numbers as they are, numeric strings ('12000.00', as PostgreSQL numerics arrive) parsed, anything else NaN. */
export function readNumber(v: unknown): number {
  if (typeof v === 'number') return v;
  if (typeof v === 'string') return stringToNumber(v);
  if (typeof v === 'bigint') return Number(v);
  return NaN;
}

/** A date property: a Date (its UTC day, as postgres.js gives `date` columns) or a 'YYYY-MM-DD…' string; null otherwise. */
export function readDate(v: unknown): string | null {
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? null : v.toISOString().slice(0, 10);
  if (typeof v === 'string') return canonicalDate(v.slice(0, 10));
  return null;
}
