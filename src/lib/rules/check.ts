/**
 * Parses a rule with the forms' XPath parser and type-checks it against the
 * registry vocabulary into the typed form (ir.ts) both back ends use.
 */
import { BUILTIN_FUNCTION_NAMES, XPathSyntaxError, parse, type Ast, type PathExpr, type Step } from '../xpath/index.js';
import { RuleError } from './errors.js';
import type { CheckedRule, Collection, Ir, RuleTarget, ScalarFn, ValueType } from './ir.js';
import { printAst } from './print.js';
import { canonicalDate, dateToNumber, literalToNumber, numberToDate, numberToString } from './values.js';
import { HOUSEHOLD_RULE_PROPERTIES, PERSON_RULE_PROPERTIES, type RuleProperty } from './vocabulary.js';

/** Values for `param('name')` in rules. */
export type RuleParams = Readonly<Record<string, number | string>>;

interface Frame {
  kind: 'person' | 'household';
  depth: number;
}

type Typed =
  | { kind: 'value'; ir: Ir }
  | { kind: 'coll'; coll: Collection; text: string }
  | { kind: 'values'; coll: Collection; value: Ir; text: string };

const TYPE_EN: Record<ValueType, string> = { boolean: 'a condition (true/false)', number: 'a number', string: 'a text', date: 'a date' };
const TYPE_TH: Record<ValueType, string> = { boolean: 'เงื่อนไข (จริง/เท็จ)', number: 'ตัวเลข', string: 'ข้อความ', date: 'วันที่' };

const SUPPORTED_FUNCTIONS = [
  'not', 'boolean', 'true', 'false', 'if', 'coalesce', 'number', 'string', 'int', 'floor', 'ceiling', 'abs', 'round',
  'min', 'max', 'count', 'sum', 'contains', 'starts-with', 'ends-with', 'selected', 'count-selected', 'string-length',
  'concat', 'today', 'date', 'param',
] as const;
/** Functions rules understand, for editors. */
export const RULE_FUNCTIONS: readonly string[] = [...SUPPORTED_FUNCTIONS].sort();
const SUPPORTED = new Set<string>(SUPPORTED_FUNCTIONS);

/** Where an expression starts in the rule (a binary node's own position is its operator's). */
function start(ast: Ast): number {
  return ast.type === 'binary' ? start(ast.left) : ast.pos;
}

function editDistance(a: string, b: string): number {
  const prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0] ?? 0;
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const up = prev[j] ?? 0;
      prev[j] = Math.min(up + 1, (prev[j - 1] ?? 0) + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = up;
    }
  }
  return prev[b.length] ?? 0;
}

class Checker {
  private readonly evidence = new Map<string, Ir>();
  private readonly references = new Set<string>();
  private sensitive = false;

  constructor(
    private readonly rule: string,
    private readonly target: RuleTarget,
    private readonly params: RuleParams,
  ) {}

  fail(pos: number, en: string, th: string): never {
    throw new RuleError(this.rule, pos, en, th);
  }

  run(ast: Ast): CheckedRule {
    const root: Frame = { kind: this.target, depth: 0 };
    const typed = this.typed(ast, root);
    let ir: Ir;
    if (typed.kind === 'value') {
      if (typed.ir.t !== 'boolean') {
        this.fail(
          start(ast),
          `A rule must be a condition (true or false), such as age >= 60; this one is ${TYPE_EN[typed.ir.t]}`,
          `กฎต้องเป็นเงื่อนไข (จริงหรือเท็จ) เช่น age >= 60 แต่กฎนี้เป็น${TYPE_TH[typed.ir.t]}`,
        );
      }
      ir = typed.ir;
    } else ir = this.toBoolean(typed, start(ast));
    return {
      rule: this.rule,
      target: this.target,
      ir,
      evidence: [...this.evidence].map(([key, e]) => ({ key, ir: e })),
      references: [...this.references],
      sensitive: this.sensitive,
    };
  }

  // ---- typing

  private typed(ast: Ast, frame: Frame): Typed {
    switch (ast.type) {
      case 'number':
        return { kind: 'value', ir: { k: 'num', t: 'number', value: ast.value } };
      case 'string':
        return { kind: 'value', ir: { k: 'str', t: 'string', value: ast.value } };
      case 'negate':
        return { kind: 'value', ir: { k: 'neg', t: 'number', a: this.number(ast.operand, frame) } };
      case 'binary':
        switch (ast.op) {
          case 'or':
          case 'and':
            return { kind: 'value', ir: { k: ast.op, t: 'boolean', a: this.boolean(ast.left, frame), b: this.boolean(ast.right, frame) } };
          case '=':
          case '!=':
          case '<':
          case '<=':
          case '>':
          case '>=':
            return { kind: 'value', ir: this.compare(ast.op, ast.left, ast.right, frame) };
          case '|':
            this.fail(ast.pos, "The union operator '|' is not supported in rules", "กฎไม่รองรับตัวดำเนินการรวม '|'");
          // eslint-disable-next-line no-fallthrough
          default:
            return { kind: 'value', ir: { k: 'arith', t: 'number', op: ast.op, a: this.number(ast.left, frame), b: this.number(ast.right, frame) } };
        }
      case 'call':
        return this.call(ast.name, ast.args, ast, frame);
      case 'filter':
        this.fail(
          ast.pos,
          'Conditions in [ ] are only allowed after member or others (member[age >= 60])',
          'เงื่อนไขใน [ ] ใช้ได้หลัง member หรือ others เท่านั้น (เช่น member[age >= 60])',
        );
      // eslint-disable-next-line no-fallthrough
      case 'path':
        return this.path(ast, frame);
    }
  }

  /** A single value (not a collection of members). */
  private value(ast: Ast, frame: Frame): Ir {
    const t = this.typed(ast, frame);
    if (t.kind === 'value') return t.ir;
    if (t.kind === 'coll')
      this.fail(
        start(ast),
        `${t.text} is a list of members, not a value: count(${t.text}) counts them`,
        `${t.text} เป็นรายชื่อสมาชิก ไม่ใช่ค่าเดียว: ใช้ count(${t.text}) เพื่อนับจำนวน`,
      );
    this.fail(
      start(ast),
      `${t.text} is one value per member, not a single value: use sum(), min() or max(), or count members with a condition in [ ]`,
      `${t.text} เป็นค่าของสมาชิกแต่ละคน ไม่ใช่ค่าเดียว: ใช้ sum() min() หรือ max() หรือนับสมาชิกด้วยเงื่อนไขใน [ ]`,
    );
  }

  private number(ast: Ast, frame: Frame): Ir {
    return this.convert(this.value(ast, frame), 'number', start(ast));
  }

  private string(ast: Ast, frame: Frame): Ir {
    return this.convert(this.value(ast, frame), 'string', start(ast));
  }

  private boolean(ast: Ast, frame: Frame): Ir {
    return this.toBoolean(this.typed(ast, frame), start(ast));
  }

  private toBoolean(t: Typed, pos: number): Ir {
    if (t.kind === 'coll') {
      if (t.coll.from === 0) this.addEvidence(t.text, { k: 'agg', t: 'number', fn: 'count', coll: t.coll });
      return { k: 'exists', t: 'boolean', coll: t.coll };
    }
    if (t.kind === 'values')
      this.fail(pos, `${t.text} is one value per member, not a condition`, `${t.text} เป็นค่าของสมาชิกแต่ละคน ไม่ใช่เงื่อนไข`);
    return this.convert(t.ir, 'boolean', pos);
  }

  /** Converts a value to a type, folding literals; conversions with no sensible meaning are errors. */
  private convert(ir: Ir, to: ValueType, pos: number): Ir {
    if (ir.t === to) return ir;
    switch (to) {
      case 'boolean':
        if (ir.k === 'prop' && ir.def.yesNo)
          this.fail(
            pos,
            `${ir.name} is 'yes' or 'no', and both would count as true: write ${ir.name} = 'yes'`,
            `${ir.name} มีค่า 'yes' หรือ 'no' ซึ่งจะนับเป็นจริงทั้งคู่: เขียน ${ir.name} = 'yes'`,
          );
        if (ir.k === 'num') return { k: 'bool', t: 'boolean', value: ir.value !== 0 && !Number.isNaN(ir.value) };
        if (ir.k === 'str') return { k: 'bool', t: 'boolean', value: ir.value !== '' };
        if (ir.k === 'date') return { k: 'bool', t: 'boolean', value: ir.value !== null };
        return { k: 'conv', t: 'boolean', a: ir };
      case 'number':
        if (ir.k === 'str') return { k: 'num', t: 'number', value: literalToNumber(ir.value) };
        if (ir.k === 'bool') return { k: 'num', t: 'number', value: ir.value ? 1 : 0 };
        if (ir.k === 'date') return { k: 'num', t: 'number', value: dateToNumber(ir.value) };
        return { k: 'conv', t: 'number', a: ir };
      case 'string':
        if (ir.k === 'num') return { k: 'str', t: 'string', value: numberToString(ir.value) };
        if (ir.k === 'bool') return { k: 'str', t: 'string', value: ir.value ? 'true' : 'false' };
        if (ir.k === 'date') return { k: 'str', t: 'string', value: ir.value ?? '' };
        return { k: 'conv', t: 'string', a: ir };
      case 'date':
        if (ir.k === 'str') {
          if (ir.value.trim() === '') return { k: 'date', t: 'date', value: null };
          const d = canonicalDate(ir.value);
          if (d === null) this.fail(pos, `'${ir.value}' is not a date (YYYY-MM-DD)`, `'${ir.value}' ไม่ใช่วันที่ (ปปปป-ดด-วว ปีคริสต์ศักราช)`);
          return { k: 'date', t: 'date', value: d };
        }
        if (ir.k === 'num') return { k: 'date', t: 'date', value: numberToDate(ir.value) };
        if (ir.t === 'number') return { k: 'conv', t: 'date', a: ir };
        this.fail(
          pos,
          `${TYPE_EN[ir.t]} cannot be made a date here: date() takes a number of days or a quoted date ('2024-01-31')`,
          `แปลง${TYPE_TH[ir.t]}เป็นวันที่ไม่ได้: date() รับจำนวนวันหรือวันที่ในเครื่องหมายคำพูด ('2024-01-31')`,
        );
    }
  }

  private compare(op: '=' | '!=' | '<' | '<=' | '>' | '>=', left: Ast, right: Ast, frame: Frame): Ir {
    const a = this.value(left, frame);
    const b = this.value(right, frame);
    let mode: ValueType;
    if (op === '=' || op === '!=') {
      // XPath 1.0: boolean if either is one, else number if either is one, else string (dates are strings in XPath; two dates compare as dates, the same thing).
      mode = a.t === 'boolean' || b.t === 'boolean' ? 'boolean' : a.t === 'number' || b.t === 'number' ? 'number' : a.t === 'date' && b.t === 'date' ? 'date' : 'string';
      // `monthlyIncome = ''` asks whether the value is missing, as it does in a form (an empty node's text is ''): compare as text.
      if (mode === 'number' && ((a.k === 'str' && a.value === '') || (b.k === 'str' && b.value === ''))) mode = 'string';
    } else mode = a.t === 'date' && b.t === 'date' ? 'date' : 'number';
    if (mode === 'string') {
      this.checkCoded(a, right);
      this.checkCoded(b, left);
    }
    return { k: 'cmp', t: 'boolean', op, mode, a: this.convert(a, mode, start(left)), b: this.convert(b, mode, start(right)) };
  }

  /** `tenure = 'railway'`: a literal that a coded property never has is a mistake. */
  private checkCoded(ir: Ir, other: Ast, trim = false): void {
    if (ir.k !== 'prop' || !ir.def.values || other.type !== 'string') return;
    const v = trim ? other.value.trim() : other.value;
    if (v === '' || ir.def.values.includes(v)) return;
    const list = ir.def.values.map((x) => `'${x}'`).join(', ');
    this.fail(other.pos, `'${v}' is not a value of ${ir.name} (${list})`, `'${v}' ไม่ใช่ค่าของ ${ir.name} (ค่าที่มี: ${list})`);
  }

  // ---- paths

  private path(ast: PathExpr, frame: Frame): Typed {
    if (ast.start === 'root')
      this.fail(
        ast.pos,
        'Rules use property names (age, household/size), not absolute paths (/…)',
        'กฎใช้ชื่อคุณสมบัติ (เช่น age, household/size) ไม่ใช่เส้นทางแบบเต็ม (/…)',
      );
    if (ast.start !== 'context')
      this.fail(ast.pos, 'Paths starting from an expression are not supported in rules', 'กฎไม่รองรับเส้นทางที่เริ่มจากนิพจน์');
    const steps = ast.steps;
    for (const s of steps) this.checkStep(s);
    const first = steps[0];
    if (!first || first.test.kind !== 'name') this.fail(ast.pos, 'Empty path', 'เส้นทางว่างเปล่า');
    const name = first.test.name;
    if (frame.kind === 'person') {
      if (name === 'household') {
        this.noPredicates(first);
        const second = steps[1];
        if (!second || second.test.kind !== 'name')
          this.fail(
            first.pos,
            'household is not a value: write household/<property>, e.g. household/monthlyIncome',
            'household ไม่ใช่ค่า: เขียน household/<คุณสมบัติ> เช่น household/monthlyIncome',
          );
        const n2 = second.test.name;
        if (n2 === 'member' || n2 === 'others') return this.collection(ast, second, steps.slice(2), frame, n2 === 'others');
        const def = HOUSEHOLD_RULE_PROPERTIES[n2];
        if (!def) {
          if (PERSON_RULE_PROPERTIES[n2])
            this.fail(
              second.pos,
              `${n2} is a property of persons, not of households: household/member[${n2} …] looks at the members`,
              `${n2} เป็นคุณสมบัติของบุคคล ไม่ใช่ของครัวเรือน: ใช้ household/member[${n2} …] เพื่อดูสมาชิก`,
            );
          this.unknownProperty(second.pos, n2, 'household');
        }
        this.noPredicates(second);
        this.noMoreSteps(steps, 2, n2);
        return { kind: 'value', ir: this.property(n2, def, frame) };
      }
      const def = PERSON_RULE_PROPERTIES[name];
      if (def) {
        this.noPredicates(first);
        this.noMoreSteps(steps, 1, name);
        return { kind: 'value', ir: this.property(name, def, frame) };
      }
      if (name === 'member' || name === 'others' || HOUSEHOLD_RULE_PROPERTIES[name])
        this.fail(
          first.pos,
          `${name} belongs to the household: write household/${name}`,
          `${name} เป็นของครัวเรือน: เขียน household/${name}`,
        );
      this.unknownProperty(first.pos, name, 'person');
    }
    // household frame
    if (name === 'member') return this.collection(ast, first, steps.slice(1), frame, false);
    if (name === 'others')
      this.fail(first.pos, 'others (the other members) only exists from a person: use member here', 'others (สมาชิกคนอื่น) ใช้ได้เมื่อพิจารณาบุคคลเท่านั้น ที่นี่ใช้ member');
    if (name === 'household')
      this.fail(first.pos, 'This rule is about a household already: write the property name alone (size, monthlyIncome)', 'กฎนี้พิจารณาครัวเรือนอยู่แล้ว: เขียนชื่อคุณสมบัติได้เลย (เช่น size, monthlyIncome)');
    const def = HOUSEHOLD_RULE_PROPERTIES[name];
    if (def) {
      this.noPredicates(first);
      this.noMoreSteps(steps, 1, name);
      return { kind: 'value', ir: this.property(name, def, frame) };
    }
    if (PERSON_RULE_PROPERTIES[name])
      this.fail(
        first.pos,
        `${name} is a property of persons: a household rule looks at its members, e.g. count(member[${name} …]) > 0`,
        `${name} เป็นคุณสมบัติของบุคคล: กฎระดับครัวเรือนดูที่สมาชิก เช่น count(member[${name} …]) > 0`,
      );
    this.unknownProperty(first.pos, name, 'household');
  }

  private checkStep(s: Step): void {
    if (s.axis === 'self' && s.test.kind === 'node')
      this.fail(s.pos, "'.' is not supported in rules: name the property", "กฎไม่รองรับ '.': ให้ระบุชื่อคุณสมบัติ");
    if (s.axis === 'parent' && s.test.kind === 'node')
      this.fail(s.pos, "'..' is not supported in rules: household/… reads the household", "กฎไม่รองรับ '..': ใช้ household/… เพื่ออ่านข้อมูลครัวเรือน");
    if (s.axis !== 'child' || s.test.kind !== 'name' || s.test.name.includes(':'))
      this.fail(s.pos, 'Only property names, household/… and member[…] are allowed in rule paths', 'เส้นทางในกฎใช้ได้เฉพาะชื่อคุณสมบัติ household/… และ member[…]');
  }

  private noPredicates(s: Step): void {
    const p = s.predicates[0];
    if (p)
      this.fail(
        start(p),
        'Conditions in [ ] are only allowed after member or others (member[age >= 60])',
        'เงื่อนไขใน [ ] ใช้ได้หลัง member หรือ others เท่านั้น (เช่น member[age >= 60])',
      );
  }

  private noMoreSteps(steps: Step[], n: number, name: string): void {
    const extra = steps[n];
    if (extra) this.fail(extra.pos, `${name} is a value and has no parts`, `${name} เป็นค่าเดียว ไม่มีส่วนย่อย`);
  }

  private unknownProperty(pos: number, name: string, entity: 'person' | 'household'): never {
    const known = [...Object.keys(entity === 'person' ? PERSON_RULE_PROPERTIES : HOUSEHOLD_RULE_PROPERTIES)];
    const all = [...Object.keys(PERSON_RULE_PROPERTIES), ...Object.keys(HOUSEHOLD_RULE_PROPERTIES), 'household', 'member', 'others'];
    const dash = name.indexOf('-');
    if (dash > 0 && all.includes(name.slice(0, dash)))
      this.fail(
        pos,
        `Unknown property '${name}': put spaces around '-' (${name.slice(0, dash)} - ${name.slice(dash + 1)}), since a name may contain '-'`,
        `ไม่รู้จักคุณสมบัติ '${name}': ให้เว้นวรรครอบเครื่องหมายลบ (${name.slice(0, dash)} - ${name.slice(dash + 1)}) เพราะชื่ออาจมี '-' ได้`,
      );
    let best: string | undefined;
    let bestD = Infinity;
    for (const k of all) {
      const d = k.toLowerCase() === name.toLowerCase() ? 0 : editDistance(k, name);
      if (d < bestD) [best, bestD] = [k, d];
    }
    const hint = best !== undefined && bestD < name.length && bestD <= Math.max(1, Math.floor(name.length / 3)) ? best : undefined;
    this.fail(
      pos,
      `Unknown property '${name}'${hint ? `: did you mean ${hint}?` : ''} (${entity} properties: ${known.join(', ')})`,
      `ไม่รู้จักคุณสมบัติ '${name}'${hint ? ` หมายถึง ${hint} หรือไม่` : ''} (คุณสมบัติของ${entity === 'person' ? 'บุคคล' : 'ครัวเรือน'}: ${known.join(', ')})`,
    );
  }

  /** How a reference is listed: relative to the rule's subject. */
  private refPath(name: string, def: RuleProperty, frame: Frame): string {
    if (def.entity === 'household') return this.target === 'person' ? `household/${name}` : name;
    if (frame.depth === 0) return name;
    return this.target === 'person' ? `household/member/${name}` : `member/${name}`;
  }

  private property(name: string, def: RuleProperty, frame: Frame): Ir {
    let ir: Ir;
    if (def.derived === 'age') ir = { k: 'age', t: 'number', depth: frame.depth };
    else if (def.derived === 'size') ir = { k: 'agg', t: 'number', fn: 'count', coll: { from: frame.depth, others: false, preds: [] } };
    else ir = { k: 'prop', t: def.type, name, def, depth: frame.depth };
    const ref = this.refPath(name, def, frame);
    this.references.add(ref);
    if (def.sensitive) this.sensitive = true;
    if (frame.depth === 0) this.addEvidence(ref, ir);
    return ir;
  }

  private addEvidence(key: string, ir: Ir): void {
    if (!this.evidence.has(key)) this.evidence.set(key, ir);
  }

  private collection(ast: PathExpr, step: Step, rest: Step[], frame: Frame, others: boolean): Typed {
    const member: Frame = { kind: 'person', depth: frame.depth + 1 };
    const preds = step.predicates.map((p) => {
      const t = this.typed(p, member);
      if (t.kind === 'value' && t.ir.t === 'number')
        this.fail(
          start(p),
          'Numbered picks like member[1] are not supported: members have no order; write a condition, e.g. member[age >= 60]',
          'ไม่รองรับการเลือกตามลำดับ เช่น member[1] เพราะสมาชิกไม่มีลำดับ: ให้เขียนเงื่อนไข เช่น member[age >= 60]',
        );
      return this.toBoolean(t, start(p));
    });
    const coll: Collection = { from: frame.depth, others, preds };
    const text = printAst(ast);
    if (rest.length === 0) return { kind: 'coll', coll, text };
    const prop = rest[0] as Step;
    if (prop.test.kind !== 'name') this.fail(prop.pos, 'Expected a property name', 'ต้องเป็นชื่อคุณสมบัติ');
    const name = prop.test.name;
    const def = PERSON_RULE_PROPERTIES[name];
    if (!def) this.unknownProperty(prop.pos, name, 'person');
    this.noPredicates(prop);
    this.noMoreSteps(rest, 1, name);
    return { kind: 'values', coll, value: this.property(name, def, member), text };
  }

  // ---- functions

  private call(name: string, args: Ast[], ast: Ast, frame: Frame): Typed {
    const pos = ast.pos;
    if (!SUPPORTED.has(name)) {
      if (BUILTIN_FUNCTION_NAMES.includes(name))
        this.fail(pos, `${name}() is a form function that rules do not support (rules support ${RULE_FUNCTIONS.join(', ')})`, `กฎไม่รองรับฟังก์ชัน ${name}() (ฟังก์ชันที่ใช้ได้: ${RULE_FUNCTIONS.join(', ')})`);
      this.fail(pos, `Unknown function ${name}() (rules support ${RULE_FUNCTIONS.join(', ')})`, `ไม่รู้จักฟังก์ชัน ${name}() (ฟังก์ชันที่ใช้ได้: ${RULE_FUNCTIONS.join(', ')})`);
    }
    const arity = (min: number, max: number): void => {
      if (args.length >= min && args.length <= max) return;
      const n = min === max ? `${min}` : max === Infinity ? `at least ${min}` : `${min} to ${max}`;
      const nTh = min === max ? `${min}` : max === Infinity ? `อย่างน้อย ${min}` : `${min} ถึง ${max}`;
      this.fail(pos, `${name}() takes ${n} argument${min === 1 && max === 1 ? '' : 's'}, got ${args.length}`, `${name}() ต้องมีอาร์กิวเมนต์ ${nTh} ตัว แต่มี ${args.length} ตัว`);
    };
    const v = (ir: Ir): Typed => ({ kind: 'value', ir });
    const arg = (i: number): Ast => args[i] as Ast;
    const scalar = (fn: ScalarFn, t: ValueType, as: Ir[]): Typed => v({ k: 'fn', t, fn, args: as });
    switch (name) {
      case 'true':
      case 'false':
        arity(0, 0);
        return v({ k: 'bool', t: 'boolean', value: name === 'true' });
      case 'not':
        arity(1, 1);
        return v({ k: 'not', t: 'boolean', a: this.boolean(arg(0), frame) });
      case 'boolean':
        arity(1, 1);
        return v(this.boolean(arg(0), frame));
      case 'number':
        arity(1, 1);
        return v(this.number(arg(0), frame));
      case 'string':
        arity(1, 1);
        return v(this.string(arg(0), frame));
      case 'if': {
        arity(3, 3);
        const c = this.boolean(arg(0), frame);
        const branches = [1, 2].map((i) => ({ ir: this.value(arg(i), frame), pos: start(arg(i)) }));
        const t = this.unify(branches, pos, 'if');
        const [a, b] = branches.map((x) => this.convert(x.ir, t, x.pos)) as [Ir, Ir];
        return v({ k: 'if', t, c, a, b });
      }
      case 'coalesce': {
        arity(2, Infinity);
        const items = args.map((x) => ({ ir: this.value(x, frame), pos: start(x) }));
        const t = this.unify(items, pos, 'coalesce');
        if (t === 'boolean')
          this.fail(pos, 'coalesce() of conditions makes no sense: a condition is never empty', 'coalesce() ของเงื่อนไขไม่มีความหมาย เพราะเงื่อนไขไม่เคยว่าง');
        return v({ k: 'coalesce', t, args: items.map((x) => this.convert(x.ir, t, x.pos)) });
      }
      case 'contains':
      case 'starts-with':
      case 'ends-with':
        arity(2, 2);
        return scalar(name, 'boolean', [this.string(arg(0), frame), this.string(arg(1), frame)]);
      case 'selected': {
        arity(2, 2);
        const list = this.value(arg(0), frame);
        this.checkCoded(list, arg(1), true);
        return scalar('selected', 'boolean', [this.convert(list, 'string', start(arg(0))), this.string(arg(1), frame)]);
      }
      case 'count-selected':
      case 'string-length':
        arity(1, 1);
        return scalar(name, 'number', [this.string(arg(0), frame)]);
      case 'concat':
        return scalar('concat', 'string', args.map((x) => this.string(x, frame)));
      case 'int':
      case 'floor':
      case 'ceiling':
      case 'abs':
        arity(1, 1);
        return scalar(name, 'number', [this.number(arg(0), frame)]);
      case 'round':
        arity(1, 2);
        if (args.length === 2)
          this.fail(start(arg(1)), 'round() with a number of digits is not supported in rules: round(x * 100) div 100', 'กฎไม่รองรับ round() แบบระบุจำนวนทศนิยม: ใช้ round(x * 100) div 100');
        return scalar('round', 'number', [this.number(arg(0), frame)]);
      case 'min':
      case 'max': {
        arity(1, Infinity);
        if (args.length === 1) {
          const t = this.typed(arg(0), frame);
          if (t.kind === 'values') return v(this.aggregate(name, t.coll, ast, t.value));
          if (t.kind === 'value') return scalar(name, 'number', [this.convert(t.ir, 'number', start(arg(0)))]);
        }
        return scalar(name, 'number', args.map((x) => this.number(x, frame)));
      }
      case 'count': {
        arity(1, 1);
        const t = this.typed(arg(0), frame);
        if (t.kind === 'coll') return v(this.aggregate('count', t.coll, ast));
        if (t.kind === 'values')
          this.fail(start(arg(0)), `count() counts members: count(${printAst(arg(0)).replace(/\/[^/]+$/, '')}) or with a condition in [ ]`, `count() นับจำนวนสมาชิก: ใช้ count(${printAst(arg(0)).replace(/\/[^/]+$/, '')}) หรือใส่เงื่อนไขใน [ ]`);
        this.fail(start(arg(0)), 'count() needs members to count: member[…] or household/member[…]', 'count() ต้องการรายชื่อสมาชิกที่จะนับ: member[…] หรือ household/member[…]');
      }
      // eslint-disable-next-line no-fallthrough
      case 'sum': {
        arity(1, 1);
        const t = this.typed(arg(0), frame);
        if (t.kind === 'values') return v(this.aggregate('sum', t.coll, ast, t.value));
        this.fail(start(arg(0)), 'sum() adds a property over members: sum(member/<property>)', 'sum() รวมค่าคุณสมบัติของสมาชิก: sum(member/<คุณสมบัติ>)');
      }
      // eslint-disable-next-line no-fallthrough
      case 'today':
        arity(0, 0);
        return v({ k: 'today', t: 'date' });
      case 'date':
        arity(1, 1);
        return v(this.convert(this.value(arg(0), frame), 'date', start(arg(0))));
      case 'param':
        arity(1, 2);
        return v(this.param(arg(0), args[1]));
    }
    this.fail(pos, `Unknown function ${name}()`, `ไม่รู้จักฟังก์ชัน ${name}()`);
  }

  private aggregate(fn: 'count' | 'sum' | 'min' | 'max', coll: Collection, ast: Ast, value?: Ir): Ir {
    const ir: Ir = value ? { k: 'agg', t: 'number', fn, coll, value: this.convert(value, 'number', ast.pos) } : { k: 'agg', t: 'number', fn, coll };
    if (coll.from === 0) this.addEvidence(printAst(ast), ir);
    return ir;
  }

  /** The common type of if() branches / coalesce() arguments: '' fits any type; numbers or dates mixed with text become text. */
  private unify(items: { ir: Ir; pos: number }[], pos: number, fn: string): ValueType {
    const types = new Set<ValueType>();
    let emptyLiteral = false;
    for (const { ir } of items) {
      if (ir.k === 'str' && ir.value === '') emptyLiteral = true;
      else types.add(ir.t);
    }
    if (types.size === 0) return 'string';
    if (types.size === 1) {
      const t = [...types][0] as ValueType;
      if (t === 'boolean' && emptyLiteral)
        this.fail(pos, `${fn}() mixes a condition with text`, `${fn}() ปนเงื่อนไขกับข้อความ`);
      return t;
    }
    if (types.size === 2 && types.has('string') && (types.has('number') || types.has('date'))) return 'string';
    const list = [...types].map((t) => TYPE_EN[t]).join(' and ');
    const listTh = [...types].map((t) => TYPE_TH[t]).join('และ');
    this.fail(pos, `${fn}() mixes ${list}: make them the same type`, `${fn}() ปน${listTh}: ให้เป็นชนิดเดียวกัน`);
  }

  private param(nameAst: Ast, fallback: Ast | undefined): Ir {
    if (nameAst.type !== 'string')
      this.fail(start(nameAst), "param() takes the parameter's name in quotes: param('povertyLine')", "param() ต้องระบุชื่อพารามิเตอร์ในเครื่องหมายคำพูด: param('povertyLine')");
    const name = nameAst.value;
    let value: number | string | undefined = Object.hasOwn(this.params, name) ? this.params[name] : undefined;
    if (value === undefined && fallback) {
      if (fallback.type === 'number' || fallback.type === 'string') value = fallback.value;
      else if (fallback.type === 'negate' && fallback.operand.type === 'number') value = -fallback.operand.value;
      else this.fail(start(fallback), "param()'s default must be a number or a quoted text", 'ค่าเริ่มต้นของ param() ต้องเป็นตัวเลขหรือข้อความในเครื่องหมายคำพูด');
    }
    if (value === undefined)
      this.fail(start(nameAst), `Parameter '${name}' has no value`, `พารามิเตอร์ '${name}' ยังไม่ได้กำหนดค่า`);
    if (typeof value === 'number') {
      if (!Number.isFinite(value)) this.fail(start(nameAst), `Parameter '${name}' is not a finite number`, `พารามิเตอร์ '${name}' ไม่ใช่ตัวเลขที่ใช้ได้`);
      return { k: 'num', t: 'number', value };
    }
    if (typeof value !== 'string') this.fail(start(nameAst), `Parameter '${name}' must be a number or a text`, `พารามิเตอร์ '${name}' ต้องเป็นตัวเลขหรือข้อความ`);
    return { k: 'str', t: 'string', value };
  }
}

/** Parses and type-checks a rule; throws {@link RuleError}. */
export function checkRule(rule: string, target: RuleTarget, params: RuleParams = {}): CheckedRule {
  if (target !== 'person' && target !== 'household') throw new TypeError(`target must be 'person' or 'household', got ${String(target)}`);
  let ast: Ast;
  try {
    ast = parse(rule);
  } catch (e) {
    if (e instanceof XPathSyntaxError) {
      if (rule[e.position] === '$')
        throw new RuleError(
          rule,
          e.position,
          "Parameters are written param('name') (with an optional default: param('povertyLine', 38000)), not $name or ${name}",
          "พารามิเตอร์เขียนเป็น param('ชื่อ') (ระบุค่าเริ่มต้นได้: param('povertyLine', 38000)) ไม่ใช่ $ชื่อ หรือ ${ชื่อ}",
        );
      throw new RuleError(rule, e.position, e.message, e.messageTh);
    }
    throw e;
  }
  return new Checker(rule, target, params).run(ast);
}

const CACHE = new Map<string, CheckedRule>();

/** {@link checkRule}, memoised by (rule, target, params). */
export function checkRuleCached(rule: string, target: RuleTarget, params: RuleParams = {}): CheckedRule {
  const key = `${target}\u0000${JSON.stringify(Object.entries(params).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))}\u0000${rule}`;
  let c = CACHE.get(key);
  if (!c) {
    c = checkRule(rule, target, params);
    if (CACHE.size >= 500) CACHE.clear();
    CACHE.set(key, c);
  }
  return c;
}
