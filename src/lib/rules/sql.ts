/**
 * Typed rule → PostgreSQL. The result is a boolean expression over the
 * aliases `p` (persons) and `h` (its household, LEFT JOINed) for person
 * rules, `h` (households) for household rules; collections of members are
 * correlated subqueries over `persons m1`, `m2`, … Every value that comes
 * from the rule (literals, parameters, evidence keys) is a bound parameter
 * with an explicit type (`$1::float8`, `$2::text`, `$3::date`); the only
 * text pasted into the SQL is the compiler's own.
 *
 * Value representations (the evaluator mirrors them): numbers are float8
 * with NULL for "no value" (XPath's NaN); strings are text coalesced to ''
 * (XPath has no missing value, only the empty string); dates are date or
 * NULL; booleans are never NULL.
 */
import type { CheckedRule, Collection, Ir } from './ir.js';
import { MAX_DAY, MIN_DAY, NUMBER_RE_SQL } from './values.js';

/** FROM clause person rules are written against. */
export const PERSON_FROM = 'persons p left join households h on h.id = p.household_id';
/** FROM clause household rules are written against. */
export const HOUSEHOLD_FROM = 'households h';
/** Live (not merged, not erased) persons of alias p. */
export const LIVE_PERSON = 'p.merged_into is null and p.erased_at is null';
/** Live households of alias h. */
export const LIVE_HOUSEHOLD = 'h.merged_into is null and h.erased_at is null';
/** Today in Thailand: what today(), and age, read unless a day is given. */
export const TODAY_SQL = "(now() at time zone 'Asia/Bangkok')::date";

export interface SqlOptions {
  /** Placeholders already used by the surrounding query: the rule's start at $(paramOffset + 1). Default 0. */
  paramOffset?: number;
  /** The day today() and age refer to ('YYYY-MM-DD'), bound as a parameter; default today in Thailand at execution. */
  today?: string;
}

/** PostgreSQL quoting of the compiler's own constant texts (never of rule text). */
function constant(s: string): string {
  return `'${s.replace(/'/g, "''")}'`;
}

const WS_SQL = "E' \\t\\n\\r'";
const NUMBER_RE_LITERAL = constant(NUMBER_RE_SQL);
const SPLIT_RE_LITERAL = constant('[ \\t\\n\\r]+');

export class SqlGenerator {
  readonly params: unknown[] = [];
  private readonly bound = new Map<string, string>();

  constructor(
    private readonly checked: CheckedRule,
    private readonly opts: SqlOptions = {},
  ) {}

  /** today(): bound only when the rule uses it (an unused parameter would have no type). */
  private get today(): string {
    return this.opts.today !== undefined ? this.bind(this.opts.today, 'date') : TODAY_SQL;
  }

  bind(value: number | string, type: 'float8' | 'text' | 'date'): string {
    const key = `${type}:${typeof value}:${String(value)}`;
    let placeholder = this.bound.get(key);
    if (placeholder === undefined) {
      this.params.push(value);
      placeholder = `$${(this.opts.paramOffset ?? 0) + this.params.length}::${type}`;
      this.bound.set(key, placeholder);
    }
    return placeholder;
  }

  private person(depth: number): string {
    return depth === 0 ? 'p' : `m${depth}`;
  }

  private householdKey(depth: number): string {
    return depth === 0 && this.checked.target === 'household' ? 'h.id' : `${this.person(depth)}.household_id`;
  }

  /** The rule as a boolean SQL expression. */
  condition(): string {
    return this.gen(this.checked.ir);
  }

  /** The evidence as a jsonb expression: the raw values the rule reads from its subject, and its aggregates over members. */
  evidence(): string {
    const pairs = this.checked.evidence.map(({ key, ir }) => `${this.bind(key, 'text')}, ${this.raw(ir)}`);
    if (pairs.length === 0) return "'{}'::jsonb";
    const chunks: string[] = [];
    // jsonb_build_object takes at most 100 arguments
    for (let i = 0; i < pairs.length; i += 50) chunks.push(`jsonb_build_object(${pairs.slice(i, i + 50).join(', ')})`);
    return chunks.join(' || ');
  }

  /** A property as stored (NULL stays NULL) for evidence; other nodes as computed. */
  private raw(ir: Ir): string {
    if (ir.k === 'prop') {
      const col = this.column(ir);
      return ir.t === 'number' ? `${col}::float8` : col;
    }
    return this.gen(ir);
  }

  private column(ir: Extract<Ir, { k: 'prop' }>): string {
    const alias = ir.def.entity === 'household' ? 'h' : this.person(ir.depth);
    return `${alias}.${ir.def.column ?? ''}`;
  }

  private members(coll: Collection): string {
    const m = this.person(coll.from + 1);
    let where = `${m}.household_id = ${this.householdKey(coll.from)} and ${m}.merged_into is null and ${m}.erased_at is null`;
    if (coll.others) where += ` and ${m}.id <> ${this.person(coll.from)}.id`;
    for (const p of coll.preds) where += ` and ${this.gen(p)}`;
    return `from persons ${m} where ${where}`;
  }

  /**
   * Whole years: (YYYYMMDD of today − YYYYMMDD of birth) div 10000, rounded
   * down, which is the year difference less one before the birthday (the
   * same as date_part('year', age(today, birth_date)) for past birth
   * dates, and -1 rather than 0 for a birth date later this year); else
   * today's year − birth_year.
   */
  private age(depth: number): string {
    const x = this.person(depth);
    const t = this.today;
    return `coalesce(floor((to_char(${t}, 'YYYYMMDD')::float8 - to_char(${x}.birth_date, 'YYYYMMDD')::float8) / 10000::float8), date_part('year', ${t}) - ${x}.birth_year)`;
  }

  gen(ir: Ir): string {
    switch (ir.k) {
      case 'num':
        return Number.isNaN(ir.value) ? 'null::float8' : this.bind(ir.value, 'float8');
      case 'str':
        return this.bind(ir.value, 'text');
      case 'date':
        return ir.value === null ? 'null::date' : this.bind(ir.value, 'date');
      case 'bool':
        return ir.value ? 'true' : 'false';
      case 'prop': {
        const col = this.column(ir);
        if (ir.t === 'string') return `coalesce(${col}, '')`;
        if (ir.t === 'number') return `${col}::float8`;
        return col;
      }
      case 'age':
        return this.age(ir.depth);
      case 'today':
        return this.today;
      case 'agg': {
        const from = this.members(ir.coll);
        switch (ir.fn) {
          case 'count':
            return `(select count(*)::float8 ${from})`;
          case 'sum':
            return `(select coalesce(sum(${this.gen(ir.value as Ir)}), 0::float8) ${from})`;
          case 'min':
          case 'max':
            return `(select ${ir.fn}(${this.gen(ir.value as Ir)}) ${from})`;
        }
        break;
      }
      case 'exists':
        return `exists(select 1 ${this.members(ir.coll)})`;
      case 'conv':
        return this.conv(ir.a, ir.t);
      case 'cmp': {
        const a = this.gen(ir.a);
        const b = this.gen(ir.b);
        const op = ir.op === '!=' ? '<>' : ir.op;
        if (ir.mode === 'number' || (ir.mode === 'date' && ir.op !== '=' && ir.op !== '!=')) {
          // NaN (NULL) is unequal to everything, and no order holds with it.
          return `coalesce(${a} ${op} ${b}, ${ir.op === '!=' ? 'true' : 'false'})`;
        }
        if (ir.mode === 'date') return `(${a} is ${ir.op === '=' ? 'not ' : ''}distinct from ${b})`;
        return `(${a} ${op} ${b})`;
      }
      case 'arith': {
        const a = this.gen(ir.a);
        const b = this.gen(ir.b);
        switch (ir.op) {
          case '+':
          case '-':
          case '*':
            return `(${a} ${ir.op} ${b})`;
          case 'div':
            return `(${a} / nullif(${b}, 0::float8))`;
          case 'mod':
            return `(select _a - _b * trunc(_a / nullif(_b, 0::float8)) from (select ${a} as _a, ${b} as _b) _mod)`;
        }
        break;
      }
      case 'neg':
        return `(-(${this.gen(ir.a)}))`;
      case 'and':
      case 'or':
        return `(${this.gen(ir.a)} ${ir.k} ${this.gen(ir.b)})`;
      case 'not':
        return `(not ${this.gen(ir.a)})`;
      case 'if':
        return `(case when ${this.gen(ir.c)} then ${this.gen(ir.a)} else ${this.gen(ir.b)} end)`;
      case 'coalesce':
        if (ir.t === 'string') return `coalesce(${ir.args.map((a) => `nullif(${this.gen(a)}, '')`).join(', ')}, '')`;
        return `coalesce(${ir.args.map((a) => this.gen(a)).join(', ')})`;
      case 'fn':
        return this.fn(ir);
    }
    throw new Error('unreachable');
  }

  private fn(ir: Extract<Ir, { k: 'fn' }>): string {
    const args = ir.args.map((a) => this.gen(a));
    const [a = '', b = ''] = args;
    switch (ir.fn) {
      case 'contains':
        return `(strpos(${a}, ${b}) > 0)`;
      case 'starts-with':
        return `starts_with(${a}, ${b})`;
      case 'ends-with':
        return `starts_with(reverse(${a}), reverse(${b}))`;
      case 'selected':
        return `(select _v <> '' and _v = any(regexp_split_to_array(_l, ${SPLIT_RE_LITERAL})) from (select btrim(${a}, ${WS_SQL}) as _l, btrim(${b}, ${WS_SQL}) as _v) _sel)`;
      case 'count-selected':
        return `(select (case when _l = '' then 0 else cardinality(regexp_split_to_array(_l, ${SPLIT_RE_LITERAL})) end)::float8 from (select btrim(${a}, ${WS_SQL}) as _l) _cs)`;
      case 'string-length':
        return `length(${a})::float8`;
      case 'concat':
        return args.length === 0 ? "''" : `(${args.join(' || ')})`;
      case 'int':
        return `trunc(${a})`;
      case 'floor':
        return `floor(${a})`;
      case 'ceiling':
        return `ceil(${a})`;
      case 'abs':
        return `abs(${a})`;
      case 'round':
        return `floor(${a} + 0.5::float8)`;
      case 'min':
        return `least(${args.join(', ')})`;
      case 'max':
        return `greatest(${args.join(', ')})`;
    }
  }

  private conv(from: Ir, to: Ir['t']): string {
    const a = this.gen(from);
    switch (`${from.t}>${to}`) {
      case 'number>string':
        return `(select coalesce(case when _x = trunc(_x) and abs(_x) < 1e15::float8 then _x::bigint::text else _x::text end, '') from (select ${a} as _x) _n)`;
      case 'string>number':
        return `(select case when _s ~ ${NUMBER_RE_LITERAL} then btrim(_s, ${WS_SQL})::float8 end from (select ${a} as _s) _str)`;
      case 'date>number':
        return `(${a} - date '1970-01-01')::float8`;
      case 'date>string':
        return `coalesce(to_char(${a}, 'YYYY-MM-DD'), '')`;
      case 'boolean>number':
        return `(case when ${a} then 1 else 0 end)::float8`;
      case 'boolean>string':
        return `(case when ${a} then 'true' else 'false' end)`;
      case 'number>boolean':
        return `coalesce(${a} <> 0::float8, false)`;
      case 'string>boolean':
        return `(${a} <> '')`;
      case 'date>boolean':
        return `(${a} is not null)`;
      case 'number>date':
        return `(select case when floor(_d) between ${MIN_DAY} and ${MAX_DAY} then date '1970-01-01' + floor(_d)::integer end from (select ${a} as _d) _dt)`;
    }
    throw new Error(`no conversion from ${from.t} to ${to}`);
  }
}
