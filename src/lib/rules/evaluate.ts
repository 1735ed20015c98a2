/**
 * Typed rule → value over plain objects, with exactly the semantics of the
 * SQL that sql.ts emits (the equivalence test runs both on the same
 * records). Used for the incremental path (one record changed), for live
 * previews while a coordinator writes a rule, and to explain a flag.
 *
 * Records: a person rule reads
 *   { ...personProperties, household: { ...householdProperties, member: [persons…] } }
 * and a household rule { ...householdProperties, member: [persons…] }, with
 * the property names of the vocabulary (camelCase, as the database rows
 * arrive through postgres.js with toCamel). `member` includes the person
 * itself; members with a non-null mergedInto or erasedAt are skipped, as
 * the SQL skips them. `others` tells members apart by `id` (or identity).
 * `age` is taken from the record when present, else computed from
 * birthDate/birthYear and the day; a household's size is the number of its
 * live members (or its `size` when it has no `member` list).
 */
import { checkRuleCached, type RuleParams } from './check.js';
import type { CheckedRule, Collection, Ir, RuleTarget, ValueType } from './ir.js';
import {
  ageOn,
  bangkokToday,
  canonicalDate,
  dateToNumber,
  numberToDate,
  numberToString,
  readDate,
  readNumber,
  readString,
  splitList,
  stringToNumber,
  trimSpace,
} from './values.js';

/** A person or household as a plain object. */
export type RuleRecord = Readonly<Record<string, unknown>>;

export interface EvaluateOptions {
  params?: RuleParams;
  /** The day today() and age refer to ('YYYY-MM-DD'); default today in Thailand. */
  today?: string;
}

export interface RuleResult {
  value: boolean;
  /** What the rule read from its subject: properties (as stored, null when missing) and aggregates over members (numbers), by reference. */
  evidence: Record<string, unknown>;
}

type Value = number | string | boolean | null;

interface Env {
  household: RuleRecord | null;
  /** The person at each depth: 0 the subject of a person rule, d the member a d-deep collection is looking at. */
  stack: (RuleRecord | null)[];
  today: string;
}

function asRecord(v: unknown): RuleRecord | null {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Date) ? (v as RuleRecord) : null;
}

function isLive(m: RuleRecord): boolean {
  return (m.mergedInto === null || m.mergedInto === undefined) && (m.erasedAt === null || m.erasedAt === undefined);
}

function samePerson(a: RuleRecord, b: RuleRecord | null): boolean {
  if (!b) return false;
  return a === b || (a.id !== undefined && a.id !== null && a.id === b.id);
}

function members(env: Env): RuleRecord[] | null {
  const list = env.household?.member;
  if (!Array.isArray(list)) return null;
  const out: RuleRecord[] = [];
  for (const m of list) {
    const r = asRecord(m);
    if (r && isLive(r)) out.push(r);
  }
  return out;
}

function personAge(p: RuleRecord | null, today: string): number {
  if (!p) return NaN;
  if (p.age !== undefined) return readNumber(p.age);
  return ageOn(readDate(p.birthDate), readNumber(p.birthYear), today);
}

function cmp(ir: Extract<Ir, { k: 'cmp' }>, a: Value, b: Value): boolean {
  if (ir.op === '=') return a === b;
  if (ir.op === '!=') return a !== b;
  if (ir.mode === 'date' && (a === null || b === null)) return false;
  const x = a as number | string;
  const y = b as number | string;
  switch (ir.op) {
    case '<':
      return x < y;
    case '<=':
      return x <= y;
    case '>':
      return x > y;
    case '>=':
      return x >= y;
  }
}

function conv(v: Value, from: ValueType, to: ValueType): Value {
  switch (`${from}>${to}`) {
    case 'number>string':
      return numberToString(v as number);
    case 'string>number':
      return stringToNumber(v as string);
    case 'date>number':
      return dateToNumber(v as string | null);
    case 'date>string':
      return v ?? '';
    case 'boolean>number':
      return v ? 1 : 0;
    case 'boolean>string':
      return v ? 'true' : 'false';
    case 'number>boolean':
      return v !== 0 && !Number.isNaN(v);
    case 'string>boolean':
      return v !== '';
    case 'date>boolean':
      return v !== null;
    case 'number>date':
      return numberToDate(v as number);
  }
  throw new Error(`no conversion from ${from} to ${to}`);
}

function numbers(vs: number[]): number[] {
  return vs.filter((x) => !Number.isNaN(x));
}

class Evaluator {
  constructor(private readonly env: Env) {}

  private matching(coll: Collection): RuleRecord[] {
    const env = this.env;
    let list = members(env) ?? [];
    if (coll.others) {
      const self = env.stack[coll.from] ?? null;
      list = list.filter((m) => !samePerson(m, self));
    }
    if (coll.preds.length === 0) return list;
    const depth = coll.from + 1;
    return list.filter((m) => {
      env.stack[depth] = m;
      return coll.preds.every((p) => this.ev(p) === true);
    });
  }

  private valuesOf(coll: Collection, value: Ir): number[] {
    const depth = coll.from + 1;
    return this.matching(coll).map((m) => {
      this.env.stack[depth] = m;
      return this.ev(value) as number;
    });
  }

  /** A property as stored, for evidence. */
  raw(ir: Ir): unknown {
    if (ir.k === 'prop') {
      const rec = ir.def.entity === 'household' ? this.env.household : (this.env.stack[ir.depth] ?? null);
      const v = rec?.[ir.name];
      if (ir.t === 'number') {
        const n = readNumber(v);
        return Number.isNaN(n) ? null : n;
      }
      if (ir.t === 'date') return readDate(v);
      return v === null || v === undefined ? null : readString(v);
    }
    const v = this.ev(ir);
    return typeof v === 'number' && Number.isNaN(v) ? null : v;
  }

  ev(ir: Ir): Value {
    const env = this.env;
    switch (ir.k) {
      case 'num':
      case 'str':
      case 'date':
      case 'bool':
        return ir.value;
      case 'prop': {
        const rec = ir.def.entity === 'household' ? env.household : (env.stack[ir.depth] ?? null);
        const v = rec?.[ir.name];
        if (ir.t === 'number') return readNumber(v);
        if (ir.t === 'date') return readDate(v);
        return readString(v);
      }
      case 'age':
        return personAge(env.stack[ir.depth] ?? null, env.today);
      case 'today':
        return env.today;
      case 'agg': {
        if (ir.fn === 'count') {
          if (!ir.coll.others && ir.coll.preds.length === 0 && members(env) === null) {
            // no member list: a household's own size, if it has one
            return env.household ? readNumber(env.household.size) : 0;
          }
          return this.matching(ir.coll).length;
        }
        const vs = numbers(this.valuesOf(ir.coll, ir.value as Ir));
        if (ir.fn === 'sum') return vs.reduce((s, x) => s + x, 0);
        if (vs.length === 0) return NaN;
        return ir.fn === 'min' ? Math.min(...vs) : Math.max(...vs);
      }
      case 'exists':
        return this.matching(ir.coll).length > 0;
      case 'conv':
        return conv(this.ev(ir.a), ir.a.t, ir.t);
      case 'cmp':
        return cmp(ir, this.ev(ir.a), this.ev(ir.b));
      case 'arith': {
        const a = this.ev(ir.a) as number;
        const b = this.ev(ir.b) as number;
        switch (ir.op) {
          case '+':
            return a + b;
          case '-':
            return a - b;
          case '*':
            return a * b;
          case 'div':
            return b === 0 ? NaN : a / b;
          case 'mod':
            return b === 0 ? NaN : a - b * Math.trunc(a / b);
        }
        break;
      }
      case 'neg':
        return -(this.ev(ir.a) as number);
      case 'and':
        return this.ev(ir.a) === true && this.ev(ir.b) === true;
      case 'or':
        return this.ev(ir.a) === true || this.ev(ir.b) === true;
      case 'not':
        return this.ev(ir.a) !== true;
      case 'if':
        return this.ev(ir.c) === true ? this.ev(ir.a) : this.ev(ir.b);
      case 'coalesce':
        for (const a of ir.args) {
          const v = this.ev(a);
          if (ir.t === 'number' ? !Number.isNaN(v) : ir.t === 'string' ? v !== '' : v !== null) return v;
        }
        return ir.t === 'number' ? NaN : ir.t === 'string' ? '' : null;
      case 'fn':
        return this.fn(ir);
    }
    throw new Error('unreachable');
  }

  private fn(ir: Extract<Ir, { k: 'fn' }>): Value {
    const args = ir.args.map((a) => this.ev(a));
    const s = (i: number): string => args[i] as string;
    const n = (i: number): number => args[i] as number;
    switch (ir.fn) {
      case 'contains':
        return s(0).includes(s(1));
      case 'starts-with':
        return s(0).startsWith(s(1));
      case 'ends-with':
        return s(0).endsWith(s(1));
      case 'selected':
        return splitList(s(0)).includes(trimSpace(s(1)));
      case 'count-selected':
        return splitList(s(0)).length;
      case 'string-length':
        return Array.from(s(0)).length;
      case 'concat':
        return (args as string[]).join('');
      case 'int':
        return Math.trunc(n(0));
      case 'floor':
        return Math.floor(n(0));
      case 'ceiling':
        return Math.ceil(n(0));
      case 'abs':
        return Math.abs(n(0));
      case 'round':
        return Math.floor(n(0) + 0.5);
      case 'min':
      case 'max': {
        const vs = numbers(args as number[]);
        if (vs.length === 0) return NaN;
        return ir.fn === 'min' ? Math.min(...vs) : Math.max(...vs);
      }
    }
  }
}

function checkToday(today: string): string {
  const d = canonicalDate(today);
  if (d === null) throw new TypeError(`today must be a date YYYY-MM-DD, got ${today}`);
  return d;
}

/** Runs a checked rule on a record. */
export function runRule(checked: CheckedRule, record: RuleRecord, today: string = bangkokToday()): RuleResult {
  const subject = checked.target === 'person' ? record : null;
  const env: Env = {
    household: checked.target === 'person' ? asRecord(record.household) : record,
    stack: [subject],
    today: checkToday(today),
  };
  const e = new Evaluator(env);
  const value = e.ev(checked.ir) === true;
  const evidence: Record<string, unknown> = {};
  for (const item of checked.evidence) {
    env.stack = [subject];
    evidence[item.key] = e.raw(item.ir);
  }
  return { value, evidence };
}

/**
 * Evaluates a rule on one record (see the module comment for its shape);
 * throws RuleError for a rule that does not compile.
 *
 *   evaluateRule("age >= 6 and age <= 17 and inSchool = 'no'", 'person', { birthDate: '2011-05-02', inSchool: 'no' })
 *   // → { value: true, evidence: { age: 14, inSchool: 'no' } }
 */
export function evaluateRule(rule: string, target: RuleTarget, record: RuleRecord, opts: EvaluateOptions = {}): RuleResult {
  return runRule(checkRuleCached(rule, target, opts.params), record, opts.today);
}

/** Checks a rule once and returns a function evaluating it on many records. */
export function compileEvaluator(rule: string, target: RuleTarget, opts: EvaluateOptions = {}): (record: RuleRecord) => RuleResult {
  const checked = checkRuleCached(rule, target, opts.params);
  const today = opts.today;
  return (record) => runRule(checked, record, today);
}

/**
 * The record a person rule reads: the person, and its household with its
 * members (the person included). The person's entry among the members is
 * the record itself, so `others` leaves it out even without an `id`.
 */
export function personRecord(person: RuleRecord, household: RuleRecord | null, members: readonly RuleRecord[]): RuleRecord {
  const record: Record<string, unknown> = { ...person };
  record.household = household ? { ...household, member: members.map((m) => (m === person ? record : m)) } : null;
  return record;
}

/** The record a household rule reads: the household and its members. */
export function householdRecord(household: RuleRecord, members: readonly RuleRecord[]): RuleRecord {
  return { ...household, member: members };
}
