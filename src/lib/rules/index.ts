/**
 * Indicator rules: conditions written by coordinators in the forms'
 * expression language (XPath 1.0 as ODK uses it) over the registry's
 * property names, compiled to PostgreSQL for the whole registry and
 * evaluated in TypeScript for one record, with the same result.
 *
 *   person:    age >= 6 and age <= 17 and inSchool = 'no'
 *              bedridden = 'yes' and count(household/others[age >= 18 and age < 70]) = 0
 *   household: monthlyIncome * 12 div size < param('povertyLine', 38000)
 *
 * Semantics (both back ends; rules.test.ts checks them against each other
 * on a real database):
 * - A missing value is what XPath gives for an empty field: '' for text and
 *   dates, NaN for numbers. So `inSchool = 'no'` is false when inSchool is
 *   unknown, and `inSchool != 'yes'` is TRUE when it is unknown (!= is the
 *   negation of =, as in XPath); write `inSchool = 'no'` to require a known
 *   'no'. With a missing number every comparison is false except `!=`.
 *   `x = ''` tests for a missing value, whatever the type of x.
 * - Properties are typed (vocabulary.ts): text, number, date. `=` compares
 *   as boolean if either side is one, else as numbers if either side is
 *   one, else as text (two dates as dates); < <= > >= compare numbers
 *   (dates as days since 1970-01-01, so birthDate < '2010-01-01' works).
 * - Yes/no properties are text: `bedridden` alone as a condition is an
 *   error (XPath would make 'no' true); comparing a coded property with a
 *   value it never has (`tenure = 'railway'`) is an error. Another text
 *   used as a condition means "not empty" (`boolean(phone)`), a number
 *   "neither 0 nor missing" (in a form, a field as a condition means
 *   "the field exists", which is always true).
 * - Person rules: `household/<property>` reads the household;
 *   `household/member` is every live member of the household, the person
 *   included; `household/others` the same without the person;
 *   `household/size` = count(household/member). A person without a
 *   household has no household values and no members (size 0).
 *   Household rules: `member`, `size`, the household's properties.
 *   Inside `member[…]` the names are the member's (and `household/others`
 *   there leaves that member out). A collection as a condition means "not
 *   empty"; count() counts it; sum(), min(), max() take `member/<property>`
 *   (missing values skipped; sum of none is 0, min/max of none is NaN).
 * - `age`: whole years on the rule's day from birthDate, else that year −
 *   birthYear. `today()` and age use today in Thailand (UTC+7) unless a
 *   day is given (option `today`).
 * - Division and mod by zero give NaN (no value), not ±Infinity;
 *   `a mod b` = a − b × trunc(a / b); round(x) = floor(x + 0.5).
 * - `param('name')`, optionally `param('name', default)`: a value given at
 *   compile time (a bound parameter). `$name` and `${name}` are not rules'
 *   syntax (the forms parser rejects them).
 *
 * Where rules and a form differ: a number made text prints as PostgreSQL
 * prints float8 (exponents below 1e-4 and from 1e15) and NaN prints as '';
 * number() of a text that is not a literal does not read dates; positional
 * predicates, `.`, `..`, `|`, absolute paths, instance(), current() and
 * the form-only functions (regex, pulldata, format-date, …) are refused
 * with a RuleError.
 */
import { checkRule, checkRuleCached, type RuleParams } from './check.js';
import type { RuleTarget } from './ir.js';
import { HOUSEHOLD_FROM, LIVE_HOUSEHOLD, LIVE_PERSON, PERSON_FROM, SqlGenerator, type SqlOptions } from './sql.js';

import { RuleError } from './errors.js';

export { RuleError };
export { RULE_FUNCTIONS, type RuleParams } from './check.js';
export type { RuleTarget } from './ir.js';
export { HOUSEHOLD_FROM, LIVE_HOUSEHOLD, LIVE_PERSON, PERSON_FROM, TODAY_SQL } from './sql.js';
export {
  compileEvaluator,
  evaluateRule,
  householdRecord,
  personRecord,
  type EvaluateOptions,
  type RuleRecord,
  type RuleResult,
} from './evaluate.js';
export { HOUSEHOLD_RULE_PROPERTIES, PERSON_RULE_PROPERTIES, type PropertyType, type RuleProperty } from './vocabulary.js';
export { DEFAULT_INDICATORS, DIMENSIONS, type Dimension, type IndicatorDefinition } from './defaults.js';

export interface CompileOptions extends SqlOptions {
  /** Values of `param('name')`. */
  params?: RuleParams;
}

export interface CompiledRule {
  /** Boolean SQL expression over p/h (person rules) or h (household rules). */
  sql: string;
  /** Values of the $n placeholders of `sql` and `evidence`, from $(paramOffset + 1). */
  params: unknown[];
  /** Properties the rule reads, relative to its subject: 'age', 'household/monthlyIncome', 'household/member/age' (person rules); 'size', 'member/bedridden' (household rules). age depends on birthDate and birthYear. */
  references: string[];
  /** jsonb expression of the evidence (see {@link evidenceSql}), for a query that selects it beside `sql`: its placeholders are those of `paramsWithEvidence`. */
  evidence: string;
  /** The parameters of a query using both `sql` and `evidence`: `params` followed by the evidence's own (its keys). */
  paramsWithEvidence: unknown[];
  /** The keys of the evidence object. */
  evidenceKeys: string[];
  /** The rule reads health or disability data (PDPA s.26): its flags and evidence are sensitive data. */
  sensitive: boolean;
}

/**
 * Compiles a rule to a boolean SQL expression; throws RuleError (position,
 * message, messageTh) for a rule that does not parse or type-check.
 */
export function compileRule(rule: string, target: RuleTarget, opts: CompileOptions = {}): CompiledRule {
  const checked = checkRuleCached(rule, target, opts.params);
  const gen = new SqlGenerator(checked, opts);
  const sql = gen.condition();
  // PostgreSQL rejects a parameter the query never uses, so `params` stops where the condition's end.
  const params = [...gen.params];
  const evidence = gen.evidence();
  return { sql, params, references: [...checked.references], evidence, paramsWithEvidence: gen.params, evidenceKeys: checked.evidence.map((e) => e.key), sensitive: checked.sensitive };
}

/**
 * SQL of a jsonb object of what the rule reads from its subject, for the
 * evidence column: each referenced property as stored (null when missing)
 * under its reference ('age', 'inSchool', 'household/size'), and each
 * count()/sum()/min()/max() over members under its text. evaluateRule's
 * evidence is the same object.
 */
export function evidenceSql(rule: string, target: RuleTarget, opts: CompileOptions = {}): { sql: string; params: unknown[] } {
  const gen = new SqlGenerator(checkRuleCached(rule, target, opts.params), opts);
  const sql = gen.evidence();
  return { sql, params: gen.params };
}

/** A complete query of the live subjects (persons or households) a rule flags: `id` and `evidence` (jsonb). */
export function flagQuery(rule: string, target: RuleTarget, opts: CompileOptions = {}): { sql: string; params: unknown[] } {
  const c = compileRule(rule, target, opts);
  const [alias, from, live] = target === 'person' ? ['p', PERSON_FROM, LIVE_PERSON] : ['h', HOUSEHOLD_FROM, LIVE_HOUSEHOLD];
  return { sql: `select ${alias}.id, ${c.evidence} as evidence from ${from} where ${live} and ${c.sql}`, params: c.paramsWithEvidence };
}

/** Checks a rule without compiling it: null, or the RuleError (for editors). */
export function validateRule(rule: string, target: RuleTarget, params?: RuleParams): RuleError | null {
  try {
    checkRule(rule, target, params);
    return null;
  } catch (e) {
    if (e instanceof RuleError) return e;
    throw e;
  }
}
