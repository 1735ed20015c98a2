/**
 * The function library: XPath 1.0 core functions plus the ODK XForms ones
 * (https://getodk.github.io/xforms-spec/#xpath-functions).
 */
import {
  MS_PER_DAY,
  civilFromDays,
  dateTimeToEpochMs,
  formatDateParts,
  formatDateTime,
  formatWithPattern,
  isThaiLanguage,
  localParts,
  parseDate,
  parseDateTime,
  parseTime,
  type DateTimeParts,
} from './dates.js';
import { positionAmongSiblings, pathOf, stringValue, type InstanceNode } from './instance.js';
import { resolvePathText } from './paths.js';
import { documentOf, evalError, nowOf, type Env, type Fn } from './runtime.js';
import { formatNumber, isNodeSet, stringToNumber, toXPathBoolean, toXPathString, type XPathValue } from './values.js';

type EagerImpl = (env: Env, args: XPathValue[], node: InstanceNode, pos: number, size: number) => XPathValue;
type LazyImpl = (env: Env, args: Fn[], node: InstanceNode, pos: number, size: number) => XPathValue;

/** A built-in function: arity and implementation (lazy ones get argument thunks). */
export type FunctionDef = { min: number; max: number; eager: EagerImpl } | { min: number; max: number; lazy: LazyImpl };

const S = toXPathString;
const B = toXPathBoolean;
function N(env: Env, v: XPathValue): number {
  if (typeof v === 'number') return v;
  if (typeof v === 'boolean') return v ? 1 : 0;
  return stringToNumber(typeof v === 'string' ? v : S(v), env.offsetAt);
}

function nodes(env: Env, name: string, v: XPathValue | undefined): InstanceNode[] {
  if (v !== undefined && isNodeSet(v)) return v;
  evalError(env, `${name}() needs a node-set (a path) as its argument`, `ฟังก์ชัน ${name}() ต้องการชุดโหนด (เส้นทาง) เป็นอาร์กิวเมนต์`);
}

/** Node-set arguments expand to the string of each node; other values count once. */
function strings(args: XPathValue[]): string[] {
  const out: string[] = [];
  for (const a of args) {
    if (isNodeSet(a)) for (const n of a) out.push(stringValue(n));
    else out.push(S(a));
  }
  return out;
}

/** Characters as XPath counts them (code points). */
function chars(s: string): string[] {
  return Array.from(s);
}

function split(list: string): string[] {
  const t = list.trim();
  return t === '' ? [] : t.split(/\s+/);
}

function arg(args: XPathValue[], i: number): XPathValue {
  return args[i] ?? '';
}

// ---- numbers

/**
 * round(x, digits): halves go towards +∞ as in XPath (round(2.5) = 3,
 * round(-2.5) = -2), on the decimal text of x as ODK Collect does
 * (round(1.005, 2) = 1.01, not 1.00).
 */
function roundDecimal(x: number, digits: number): number {
  if (Number.isNaN(digits)) return NaN;
  if (!Number.isFinite(x)) return x;
  const d = Math.trunc(digits);
  if (d > 30 || d < -30) return NaN;
  const scaled = Number(`${String(x).includes('e') ? formatNumber(x) : String(x)}e${d}`);
  const r = Math.floor(scaled + 0.5);
  return Number(`${r}e${-d}`);
}

/** min()/max() as ODK Collect: values that are not numbers (empty answers) are skipped; NaN when none is left. */
function minMax(env: Env, args: XPathValue[], pick: (a: number, b: number) => number): number {
  let acc: number | null = null;
  for (const a of args) {
    const vals = isNodeSet(a) ? a.map((n) => stringToNumber(stringValue(n), env.offsetAt)) : [N(env, a)];
    for (const v of vals) if (!Number.isNaN(v)) acc = acc === null ? v : pick(acc, v);
  }
  return acc ?? NaN;
}

// ---- dates

/**
 * decimal-date-time(): days since 1970-01-01T00:00Z. A date string counts
 * from its local midnight (as ODK Collect), so date() gives it back.
 */
function decimalDateTime(env: Env, v: XPathValue): number {
  if (typeof v !== 'number' && typeof v !== 'boolean') {
    const d = parseDate(S(v));
    if (d) return dateTimeToEpochMs({ ...d, hour: 0, minute: 0, second: 0, millisecond: 0 }, env.offsetAt) / MS_PER_DAY;
  }
  return N(env, v);
}

/** A day number as a local calendar date: whole numbers are calendar days, fractions instants (from decimal-date-time). */
function dayNumberToParts(env: Env, n: number): DateTimeParts {
  if (Number.isInteger(n)) return { ...civilFromDays(n), hour: 0, minute: 0, second: 0, millisecond: 0 };
  return localParts(n * MS_PER_DAY, env.offsetAt);
}

function dateOf(env: Env, v: XPathValue): string {
  if (typeof v === 'number' || typeof v === 'boolean') {
    const n = N(env, v);
    return Number.isFinite(n) ? formatDateParts(dayNumberToParts(env, n)) : '';
  }
  const s = S(v).trim();
  if (s === '') return '';
  const d = parseDate(s);
  if (d) return formatDateParts(d);
  const dt = parseDateTime(s);
  if (dt) return formatDateParts(dt);
  const n = stringToNumber(s, env.offsetAt);
  return Number.isFinite(n) ? formatDateParts(dayNumberToParts(env, n)) : '';
}

function dateTimeOf(env: Env, v: XPathValue): string {
  if (typeof v !== 'number' && typeof v !== 'boolean') {
    const s = S(v).trim();
    if (s === '') return '';
    const d = parseDate(s);
    if (d) return formatDateTime(dateTimeToEpochMs({ ...d, hour: 0, minute: 0, second: 0, millisecond: 0 }, env.offsetAt), env.offsetAt);
    const dt = parseDateTime(s);
    if (dt) return formatDateTime(dateTimeToEpochMs(dt, env.offsetAt), env.offsetAt);
  }
  const n = N(env, v);
  return Number.isFinite(n) ? formatDateTime(n * MS_PER_DAY, env.offsetAt) : '';
}

/** Wall-clock parts to format; `dayOnly` reads numbers as whole days (format-date), else as instants. */
function partsOf(env: Env, v: XPathValue, dayOnly: boolean): DateTimeParts | null {
  if (typeof v !== 'number' && typeof v !== 'boolean') {
    const s = S(v).trim();
    if (s === '') return null;
    const d = parseDate(s);
    if (d) return { ...d, hour: 0, minute: 0, second: 0, millisecond: 0 };
    const dt = parseDateTime(s);
    if (dt) return dt.offset === undefined ? dt : localParts(dateTimeToEpochMs(dt, env.offsetAt), env.offsetAt);
  }
  const n = N(env, v);
  if (!Number.isFinite(n)) return null;
  if (dayOnly) return dayNumberToParts(env, n);
  return localParts(n * MS_PER_DAY, env.offsetAt);
}

function decimalTime(env: Env, v: XPathValue): number {
  const s = S(v).trim();
  const t = parseTime(s) ?? parseDateTime(s);
  if (!t) return NaN;
  let ms = ((t.hour * 60 + t.minute) * 60 + t.second) * 1000 + t.millisecond;
  if (t.offset !== undefined) ms += (env.offsetAt(nowOf(env)) - t.offset) * 60_000;
  ms = ((ms % MS_PER_DAY) + MS_PER_DAY) % MS_PER_DAY;
  // Round to the millisecond's precision in days to avoid 0.49999999.
  return Number((ms / MS_PER_DAY).toPrecision(12));
}

// ---- randomness

/** Park–Miller minimal standard generator, as ODK's seeded randomize(). */
function parkMiller(seed: number): () => number {
  let s = Math.trunc(seed) % 2147483647;
  if (s <= 0) s += 2147483646;
  return () => {
    s = (s * 16807) % 2147483647;
    return (s - 1) / 2147483646;
  };
}

/** Inside-out Fisher–Yates shuffle (ODK XForms spec, randomize()). */
export function shuffle<T>(items: readonly T[], rng: () => number): T[] {
  const out: T[] = [];
  for (let i = 0; i < items.length; i++) {
    const j = Math.floor(rng() * (i + 1));
    if (j !== i) out[i] = out[j] as T;
    out[j] = items[i] as T;
  }
  return out;
}

function randomUuid(env: Env): string {
  if (env.ctx.uuid) return env.ctx.uuid();
  const c = (globalThis as { crypto?: { randomUUID?: () => string } }).crypto;
  if (!env.ctx.random && c?.randomUUID) return c.randomUUID();
  const rnd = env.ctx.random ?? Math.random;
  const hex = Array.from({ length: 32 }, () => Math.floor(rnd() * 16));
  hex[12] = 4;
  hex[16] = ((hex[16] ?? 0) & 3) | 8;
  const h = hex.map((x) => x.toString(16)).join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

// ---- regex: the whole value must match, as ODK Collect (Java's Pattern.matches) and the ODK docs say

const REGEX_CACHE = new Map<string, RegExp>();
function regexOf(env: Env, pattern: string): RegExp {
  let re = REGEX_CACHE.get(pattern);
  if (re) return re;
  try {
    re = new RegExp(`^(?:${pattern})$`, 'u');
  } catch {
    try {
      re = new RegExp(`^(?:${pattern})$`);
    } catch (e) {
      evalError(env, `Invalid regular expression '${pattern}': ${(e as Error).message}`, `นิพจน์ regex '${pattern}' ไม่ถูกต้อง`);
    }
  }
  if (REGEX_CACHE.size > 500) REGEX_CACHE.clear();
  REGEX_CACHE.set(pattern, re);
  return re;
}

// ---- instances

function instanceRoot(env: Env, id: string): InstanceNode {
  const inst = env.ctx.instances?.[id];
  if (!inst) evalError(env, `Unknown instance '${id}'`, `ไม่พบชุดข้อมูล (instance) '${id}'`);
  return inst;
}

function xpathSubstring(s: string, start: number, length?: number): string {
  const cs = chars(s);
  const first = Math.round(start);
  const last = length === undefined ? Infinity : first + Math.round(length);
  if (Number.isNaN(first) || Number.isNaN(last)) return '';
  let out = '';
  for (let p = 1; p <= cs.length; p++) if (p >= first && p < last) out += cs[p - 1];
  return out;
}

function odkSubstr(s: string, startArg: number, endArg?: number): string {
  const cs = chars(s);
  const len = cs.length;
  let start = Number.isNaN(startArg) ? 0 : Math.trunc(startArg);
  let end = endArg === undefined || Number.isNaN(endArg) ? len : Math.trunc(endArg);
  if (start < 0) start = Math.max(0, len + start);
  if (end < 0) end = Math.max(0, len + end);
  start = Math.min(start, len);
  end = Math.min(end, len);
  return start < end ? cs.slice(start, end).join('') : '';
}

function translate(s: string, from: string, to: string): string {
  const f = chars(from);
  const t = chars(to);
  const map = new Map<string, string | null>();
  f.forEach((ch, i) => {
    if (!map.has(ch)) map.set(ch, t[i] ?? null);
  });
  let out = '';
  for (const ch of chars(s)) {
    if (!map.has(ch)) out += ch;
    else {
      const r = map.get(ch);
      if (r !== null && r !== undefined) out += r;
    }
  }
  return out;
}

const num1 =
  (f: (x: number) => number): FunctionDef => ({ min: 1, max: 1, eager: (env, a) => f(N(env, arg(a, 0))) });

/** Built-in functions by name as written in expressions. */
export const FUNCTIONS: ReadonlyMap<string, FunctionDef> = new Map<string, FunctionDef>([
  // ---- control
  ['if', { min: 3, max: 3, lazy: (env, a, node, pos, size) => (B((a[0] as Fn)(env, node, pos, size)) ? (a[1] as Fn) : (a[2] as Fn))(env, node, pos, size) }],
  ['coalesce', { min: 2, max: Infinity, eager: (_env, a) => { for (const v of a) { const s = S(v); if (s !== '' && s !== 'NaN') return s; } return ''; } }],
  ['once', { min: 1, max: 1, lazy: (env, a, node, pos, size) => (env.current.value !== '' ? env.current.value : (a[0] as Fn)(env, node, pos, size)) }],
  // ---- boolean
  ['true', { min: 0, max: 0, eager: () => true }],
  ['false', { min: 0, max: 0, eager: () => false }],
  ['boolean', { min: 1, max: 1, eager: (_env, a) => B(arg(a, 0)) }],
  ['not', { min: 1, max: 1, eager: (_env, a) => !B(arg(a, 0)) }],
  ['boolean-from-string', { min: 1, max: 1, eager: (_env, a) => { const s = S(arg(a, 0)).trim(); return s.toLowerCase() === 'true' || s === '1'; } }],
  ['regex', { min: 2, max: 2, eager: (env, a) => regexOf(env, S(arg(a, 1))).test(S(arg(a, 0))) }],
  [
    'checklist',
    {
      min: 2,
      max: Infinity,
      eager: (env, a) => {
        const min = Math.trunc(N(env, arg(a, 0)));
        const max = Math.trunc(N(env, arg(a, 1)));
        let count = 0;
        for (const v of a.slice(2)) {
          if (isNodeSet(v)) count += v.filter((n) => B(stringValue(n))).length;
          else if (B(v)) count++;
        }
        return (min < 0 || count >= min) && (max < 0 || count <= max);
      },
    },
  ],
  [
    'weighted-checklist',
    {
      min: 2,
      max: Infinity,
      eager: (env, a) => {
        if (a.length % 2 !== 0) evalError(env, 'weighted-checklist() takes min, max, then (value, weight) pairs', 'weighted-checklist() ต้องมี min, max แล้วตามด้วยคู่ (ค่า, น้ำหนัก)');
        let sum = 0;
        for (let i = 2; i < a.length; i += 2) if (B(arg(a, i))) sum += N(env, arg(a, i + 1));
        return sum >= N(env, arg(a, 0)) && sum <= N(env, arg(a, 1));
      },
    },
  ],
  // ---- selects
  ['selected', { min: 2, max: 2, eager: (_env, a) => split(S(arg(a, 0))).includes(S(arg(a, 1)).trim()) }],
  ['count-selected', { min: 1, max: 1, eager: (_env, a) => split(S(arg(a, 0))).length }],
  [
    'selected-at',
    {
      min: 2,
      max: 2,
      eager: (env, a) => {
        const i = N(env, arg(a, 1));
        return Number.isFinite(i) && i >= 0 ? (split(S(arg(a, 0)))[Math.trunc(i)] ?? '') : '';
      },
    },
  ],
  [
    'jr:choice-name',
    {
      min: 2,
      max: 2,
      eager: (env, a) => {
        const value = S(arg(a, 0)).trim();
        if (value === '') return '';
        const where = resolvePathText(pathOf(env.current), S(arg(a, 1)));
        return env.ctx.choiceLabel?.(where, value) ?? '';
      },
    },
  ],
  ['jr:itext', { min: 1, max: 1, eager: (env, a) => env.ctx.itext?.(S(arg(a, 0))) ?? '' }],
  // ---- node-sets
  ['count', { min: 1, max: 1, eager: (env, a) => nodes(env, 'count', a[0]).length }],
  ['count-non-empty', { min: 1, max: 1, eager: (env, a) => nodes(env, 'count-non-empty', a[0]).filter((n) => stringValue(n) !== '').length }],
  [
    'sum',
    {
      min: 1,
      max: 1,
      // As ODK Collect: values that are not numbers (empty answers) are skipped.
      eager: (env, a) => {
        const v = arg(a, 0);
        if (!isNodeSet(v)) return N(env, v);
        let total = 0;
        for (const n of v) {
          const x = stringToNumber(stringValue(n), env.offsetAt);
          if (!Number.isNaN(x)) total += x;
        }
        return total;
      },
    },
  ],
  ['min', { min: 1, max: Infinity, eager: (env, a) => minMax(env, a, Math.min) }],
  ['max', { min: 1, max: Infinity, eager: (env, a) => minMax(env, a, Math.max) }],
  [
    'position',
    {
      min: 0,
      max: 1,
      eager: (env, a, node, pos) => {
        // Outside a predicate (pos 0) ODK gives the context node's position among its siblings.
        if (a.length === 0) return pos > 0 ? pos : positionAmongSiblings(node);
        const ns = nodes(env, 'position', a[0]);
        const first = ns[0];
        if (ns.length !== 1 || !first) evalError(env, `position() needs exactly one node, got ${ns.length}`, `position() ต้องการโหนดเดียว แต่ได้ ${ns.length} โหนด`);
        return positionAmongSiblings(first);
      },
    },
  ],
  ['last', { min: 0, max: 0, eager: (_env, _a, _node, _pos, size) => Math.max(size, 1) }],
  ['name', { min: 0, max: 1, eager: (env, a, node) => (a.length === 0 ? node.name : (nodes(env, 'name', a[0])[0]?.name ?? '')) }],
  ['local-name', { min: 0, max: 1, eager: (env, a, node) => { const n = a.length === 0 ? node.name : (nodes(env, 'local-name', a[0])[0]?.name ?? ''); return n.slice(n.indexOf(':') + 1); } }],
  ['instance', { min: 1, max: 1, eager: (env, a) => [documentOf(instanceRoot(env, S(arg(a, 0))))] }],
  ['current', { min: 0, max: 0, eager: (env) => [env.current] }],
  [
    'randomize',
    {
      min: 1,
      max: 2,
      eager: (env, a) => {
        const ns = nodes(env, 'randomize', a[0]);
        if (a.length < 2) return shuffle(ns, env.ctx.random ?? Math.random);
        const seed = N(env, arg(a, 1));
        if (!Number.isFinite(seed)) evalError(env, `randomize() seed is not a number: '${S(arg(a, 1))}'`, `ค่า seed ของ randomize() ไม่ใช่ตัวเลข: '${S(arg(a, 1))}'`);
        const rng = parkMiller(seed);
        return shuffle(ns, rng);
      },
    },
  ],
  [
    'pulldata',
    {
      min: 4,
      max: 4,
      eager: (env, a) => {
        const root = instanceRoot(env, S(arg(a, 0)));
        const desired = S(arg(a, 1));
        const key = S(arg(a, 2));
        const query = S(arg(a, 3));
        for (const item of root.children) {
          const k = item.children.find((c) => c.name === key);
          if (k && stringValue(k) === query) {
            const d = item.children.find((c) => c.name === desired);
            return d ? stringValue(d) : '';
          }
        }
        return '';
      },
    },
  ],
  [
    'indexed-repeat',
    {
      min: 3,
      max: 7,
      // Lazy: the paths are read across all repeat instances (no contextualisation to the current one).
      lazy: (env, a, node, pos, size) => {
        if (a.length % 2 === 0) evalError(env, 'indexed-repeat() takes a node then (repeat, index) pairs', 'indexed-repeat() ต้องมีโหนด ตามด้วยคู่ (repeat, ลำดับ)');
        const wide: Env = { ...env, ctx: { ...env.ctx, contextualizeRepeats: false } };
        let scope: InstanceNode | null = null;
        for (let i = 1; i < a.length; i += 2) {
          const reps = nodes(env, 'indexed-repeat', (a[i] as Fn)(wide, node, pos, size)).filter((r) => scope === null || isInside(r, scope));
          const idx = Math.trunc(N(env, (a[i + 1] as Fn)(env, node, pos, size)));
          const chosen = reps[idx - 1];
          if (!chosen) return '';
          scope = chosen;
        }
        const target = nodes(env, 'indexed-repeat', (a[0] as Fn)(wide, node, pos, size)).find((n) => scope === null || isInside(n, scope));
        return target ? stringValue(target) : '';
      },
    },
  ],
  // ---- strings
  ['string', { min: 0, max: 1, eager: (_env, a, node) => (a.length === 0 ? stringValue(node) : S(arg(a, 0))) }],
  ['concat', { min: 0, max: Infinity, eager: (_env, a) => strings(a).join('') }],
  ['join', { min: 1, max: Infinity, eager: (_env, a) => strings(a.slice(1)).join(S(arg(a, 0))) }],
  ['substr', { min: 2, max: 3, eager: (env, a) => odkSubstr(S(arg(a, 0)), N(env, arg(a, 1)), a.length > 2 ? N(env, arg(a, 2)) : undefined) }],
  ['substring', { min: 2, max: 3, eager: (env, a) => xpathSubstring(S(arg(a, 0)), N(env, arg(a, 1)), a.length > 2 ? N(env, arg(a, 2)) : undefined) }],
  ['substring-before', { min: 2, max: 2, eager: (_env, a) => { const s = S(arg(a, 0)); const i = s.indexOf(S(arg(a, 1))); return i < 0 ? '' : s.slice(0, i); } }],
  ['substring-after', { min: 2, max: 2, eager: (_env, a) => { const s = S(arg(a, 0)); const t = S(arg(a, 1)); const i = s.indexOf(t); return i < 0 ? '' : s.slice(i + t.length); } }],
  ['string-length', { min: 0, max: 1, eager: (_env, a, node) => chars(a.length === 0 ? stringValue(node) : S(arg(a, 0))).length }],
  ['normalize-space', { min: 0, max: 1, eager: (_env, a, node) => (a.length === 0 ? stringValue(node) : S(arg(a, 0))).trim().split(/[ \t\r\n]+/).join(' ') }],
  ['contains', { min: 2, max: 2, eager: (_env, a) => S(arg(a, 0)).includes(S(arg(a, 1))) }],
  ['starts-with', { min: 2, max: 2, eager: (_env, a) => S(arg(a, 0)).startsWith(S(arg(a, 1))) }],
  ['ends-with', { min: 2, max: 2, eager: (_env, a) => S(arg(a, 0)).endsWith(S(arg(a, 1))) }],
  ['translate', { min: 3, max: 3, eager: (_env, a) => translate(S(arg(a, 0)), S(arg(a, 1)), S(arg(a, 2))) }],
  [
    'uuid',
    {
      min: 0,
      max: 1,
      eager: (env, a) => {
        if (a.length === 0) return randomUuid(env);
        const n = Math.max(0, Math.trunc(N(env, arg(a, 0))) || 0);
        const rnd = env.ctx.random ?? Math.random;
        let s = '';
        for (let i = 0; i < n; i++) s += ALNUM[Math.floor(rnd() * ALNUM.length)] ?? 'x';
        return s;
      },
    },
  ],
  // ---- numbers
  ['number', { min: 0, max: 1, eager: (env, a, node) => N(env, a.length === 0 ? stringValue(node) : arg(a, 0)) }],
  ['random', { min: 0, max: 0, eager: (env) => (env.ctx.random ?? Math.random)() }],
  ['int', num1(Math.trunc)],
  ['floor', num1(Math.floor)],
  ['ceiling', num1(Math.ceil)],
  ['round', { min: 1, max: 2, eager: (env, a) => roundDecimal(N(env, arg(a, 0)), a.length > 1 ? N(env, arg(a, 1)) : 0) }],
  ['pow', { min: 2, max: 2, eager: (env, a) => Math.pow(N(env, arg(a, 0)), N(env, arg(a, 1))) }],
  ['sqrt', num1(Math.sqrt)],
  ['exp', num1(Math.exp)],
  ['exp10', num1((x) => Math.pow(10, x))],
  ['log', num1(Math.log)],
  ['log10', num1(Math.log10)],
  ['abs', num1(Math.abs)],
  ['sin', num1(Math.sin)],
  ['cos', num1(Math.cos)],
  ['tan', num1(Math.tan)],
  ['asin', num1(Math.asin)],
  ['acos', num1(Math.acos)],
  ['atan', num1(Math.atan)],
  ['atan2', { min: 2, max: 2, eager: (env, a) => Math.atan2(N(env, arg(a, 0)), N(env, arg(a, 1))) }],
  ['pi', { min: 0, max: 0, eager: () => Math.PI }],
  // ---- dates
  ['today', { min: 0, max: 0, eager: (env) => formatDateParts(localParts(nowOf(env).getTime(), env.offsetAt)) }],
  ['now', { min: 0, max: 0, eager: (env) => formatDateTime(nowOf(env).getTime(), env.offsetAt) }],
  ['date', { min: 1, max: 1, eager: (env, a) => dateOf(env, arg(a, 0)) }],
  ['date-time', { min: 1, max: 1, eager: (env, a) => dateTimeOf(env, arg(a, 0)) }],
  ['decimal-date-time', { min: 1, max: 1, eager: (env, a) => decimalDateTime(env, arg(a, 0)) }],
  ['decimal-time', { min: 1, max: 1, eager: (env, a) => decimalTime(env, arg(a, 0)) }],
  [
    'format-date',
    {
      min: 2,
      max: 2,
      eager: (env, a) => {
        const p = partsOf(env, arg(a, 0), true);
        return p ? formatWithPattern(p, S(arg(a, 1)), isThaiLanguage(env.ctx.language)) : '';
      },
    },
  ],
  [
    'format-date-time',
    {
      min: 2,
      max: 2,
      eager: (env, a) => {
        const p = partsOf(env, arg(a, 0), false);
        return p ? formatWithPattern(p, S(arg(a, 1)), isThaiLanguage(env.ctx.language)) : '';
      },
    },
  ],
]);

function isInside(node: InstanceNode, ancestor: InstanceNode): boolean {
  for (let n: InstanceNode | null = node; n; n = n.parent) if (n === ancestor) return true;
  return false;
}

/** Functions whose result changes without any data changing (clock, randomness). */
export const VOLATILE_FUNCTIONS: ReadonlySet<string> = new Set(['now', 'today', 'random', 'uuid', 'randomize']);
