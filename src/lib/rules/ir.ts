/**
 * The typed form of a rule that both back ends (SQL and the TypeScript
 * evaluator) work from. Every conversion XPath does implicitly is explicit
 * here, so the two back ends only have to agree node by node.
 */
import type { RuleProperty } from './vocabulary.js';

export type RuleTarget = 'person' | 'household';
export type ValueType = 'boolean' | 'number' | 'string' | 'date';
export type CmpOp = '=' | '!=' | '<' | '<=' | '>' | '>=';
export type ArithOp = '+' | '-' | '*' | 'div' | 'mod';
export type ScalarFn =
  | 'contains'
  | 'starts-with'
  | 'ends-with'
  | 'selected'
  | 'count-selected'
  | 'string-length'
  | 'concat'
  | 'int'
  | 'floor'
  | 'ceiling'
  | 'abs'
  | 'round'
  | 'min'
  | 'max';

/**
 * The live members of the household of the person at depth `from` (or of
 * the household itself for a household rule at depth 0), each in turn at
 * depth `from + 1`; `others` leaves out the person at depth `from`.
 */
export interface Collection {
  from: number;
  others: boolean;
  preds: Ir[];
}

/**
 * Depth names whose person a node reads: 0 is the subject of a person
 * rule, d ≥ 1 the member being looked at by the d-th nested collection.
 * Household properties always read the one household.
 */
export type Ir =
  | { k: 'num'; t: 'number'; value: number }
  | { k: 'str'; t: 'string'; value: string }
  | { k: 'date'; t: 'date'; value: string | null }
  | { k: 'bool'; t: 'boolean'; value: boolean }
  | { k: 'prop'; t: 'string' | 'number' | 'date'; name: string; def: RuleProperty; depth: number }
  | { k: 'age'; t: 'number'; depth: number }
  | { k: 'today'; t: 'date' }
  | { k: 'agg'; t: 'number'; fn: 'count' | 'sum' | 'min' | 'max'; coll: Collection; value?: Ir }
  | { k: 'exists'; t: 'boolean'; coll: Collection }
  | { k: 'conv'; t: ValueType; a: Ir }
  | { k: 'cmp'; t: 'boolean'; op: CmpOp; mode: ValueType; a: Ir; b: Ir }
  | { k: 'arith'; t: 'number'; op: ArithOp; a: Ir; b: Ir }
  | { k: 'neg'; t: 'number'; a: Ir }
  | { k: 'and' | 'or'; t: 'boolean'; a: Ir; b: Ir }
  | { k: 'not'; t: 'boolean'; a: Ir }
  | { k: 'if'; t: ValueType; c: Ir; a: Ir; b: Ir }
  | { k: 'coalesce'; t: 'number' | 'string' | 'date'; args: Ir[] }
  | { k: 'fn'; t: ValueType; fn: ScalarFn; args: Ir[] };

/** A value the rule reads from the subject, reported as evidence: a property (raw value) or an aggregate over members (a number). */
export interface EvidenceItem {
  key: string;
  ir: Ir;
}

export interface CheckedRule {
  rule: string;
  target: RuleTarget;
  /** The rule as a boolean. */
  ir: Ir;
  evidence: EvidenceItem[];
  references: string[];
  /** Whether the rule reads health or disability data (PDPA s.26), so its flags and evidence are sensitive. */
  sensitive: boolean;
}
