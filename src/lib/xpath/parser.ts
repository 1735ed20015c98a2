/**
 * Recursive-descent parser for XPath 1.0 as ODK uses it (XForms binds,
 * pyxform output). Grammar: https://www.w3.org/TR/1999/REC-xpath-19991116/
 * with the lexical disambiguation rules of section 3.7 (`*` and
 * `and`/`or`/`div`/`mod` are operators only after an operand).
 */
import type { Ast, Axis, NodeTest, Step } from './ast.js';
import { XPathSyntaxError } from './errors.js';

type TokenKind = 'number' | 'string' | 'name' | 'star' | 'op' | 'punct' | 'eof';

interface Token {
  kind: TokenKind;
  value: string;
  pos: number;
  num?: number;
}

const AXES: ReadonlySet<string> = new Set<Axis>([
  'child',
  'parent',
  'self',
  'attribute',
  'descendant',
  'descendant-or-self',
  'ancestor',
  'ancestor-or-self',
  'following-sibling',
  'preceding-sibling',
]);
const UNSUPPORTED_AXES = new Set(['following', 'preceding', 'namespace']);
const NODE_TYPES = new Set(['node', 'text', 'comment', 'processing-instruction']);
const OPERATOR_NAMES = new Set(['and', 'or', 'div', 'mod']);

const NAME_START = /[\p{L}_]/u;
const NAME_CHAR = /[\p{L}\p{M}\p{N}_.\-\u00B7]/u;
const WS = /[ \t\r\n\u00A0]/;

function isNameStart(ch: string | undefined): boolean {
  return ch !== undefined && NAME_START.test(ch);
}
function isNameChar(ch: string | undefined): boolean {
  return ch !== undefined && NAME_CHAR.test(ch);
}

function fail(expr: string, pos: number, en: string, th: string): never {
  throw new XPathSyntaxError(expr, pos, en, th);
}

function tokenize(expr: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  const n = expr.length;
  // Section 3.7: after an operand, `*` multiplies and and/or/div/mod are operators.
  const afterOperand = (): boolean => {
    const prev = tokens[tokens.length - 1];
    if (!prev) return false;
    if (prev.kind === 'op') return false;
    if (prev.kind === 'punct') return prev.value === ')' || prev.value === ']' || prev.value === '.' || prev.value === '..';
    return true;
  };
  while (i < n) {
    const ch = expr[i] ?? '';
    if (WS.test(ch)) {
      i++;
      continue;
    }
    const start = i;
    if (ch === '$') {
      if (expr[i + 1] === '{') {
        const close = expr.indexOf('}', i + 2);
        const ref = close < 0 ? expr.slice(i) : expr.slice(i, close + 1);
        fail(
          expr,
          start,
          `Unresolved reference ${ref} at position ${start}: no question of that name was found, so it was not replaced with a path`,
          `การอ้างอิง ${ref} ที่ตำแหน่ง ${start} ยังไม่ได้แปลงเป็นเส้นทาง (path) ของคำถาม: ไม่พบคำถามชื่อนี้`,
        );
      }
      fail(expr, start, `Variables ($name) are not supported, at position ${start}`, `ไม่รองรับตัวแปร ($ชื่อ) ที่ตำแหน่ง ${start}`);
    }
    if (ch === "'" || ch === '"') {
      const close = expr.indexOf(ch, i + 1);
      if (close < 0) fail(expr, start, `Unterminated string starting at position ${start}`, `ข้อความในเครื่องหมายคำพูดไม่ได้ปิด เริ่มที่ตำแหน่ง ${start}`);
      tokens.push({ kind: 'string', value: expr.slice(i + 1, close), pos: start });
      i = close + 1;
      continue;
    }
    const next = expr[i + 1];
    if ((ch >= '0' && ch <= '9') || (ch === '.' && next !== undefined && next >= '0' && next <= '9')) {
      while (i < n && (expr[i] ?? '') >= '0' && (expr[i] ?? '') <= '9') i++;
      if (expr[i] === '.') {
        i++;
        while (i < n && (expr[i] ?? '') >= '0' && (expr[i] ?? '') <= '9') i++;
      }
      const text = expr.slice(start, i);
      tokens.push({ kind: 'number', value: text, pos: start, num: Number(text) });
      continue;
    }
    if (ch === '.') {
      if (next === '.') {
        tokens.push({ kind: 'punct', value: '..', pos: start });
        i += 2;
      } else {
        tokens.push({ kind: 'punct', value: '.', pos: start });
        i++;
      }
      continue;
    }
    if (ch === '/') {
      if (next === '/') {
        tokens.push({ kind: 'punct', value: '//', pos: start });
        i += 2;
      } else {
        tokens.push({ kind: 'punct', value: '/', pos: start });
        i++;
      }
      continue;
    }
    if (ch === ':' && next === ':') {
      tokens.push({ kind: 'punct', value: '::', pos: start });
      i += 2;
      continue;
    }
    if ('()[]@,'.includes(ch)) {
      tokens.push({ kind: 'punct', value: ch, pos: start });
      i++;
      continue;
    }
    if (ch === '*') {
      tokens.push(afterOperand() ? { kind: 'op', value: '*', pos: start } : { kind: 'star', value: '*', pos: start });
      i++;
      continue;
    }
    if (ch === '!' && next === '=') {
      tokens.push({ kind: 'op', value: '!=', pos: start });
      i += 2;
      continue;
    }
    if (ch === '<' || ch === '>') {
      if (next === '=') {
        tokens.push({ kind: 'op', value: ch + '=', pos: start });
        i += 2;
      } else {
        tokens.push({ kind: 'op', value: ch, pos: start });
        i++;
      }
      continue;
    }
    if ('=+-|'.includes(ch)) {
      tokens.push({ kind: 'op', value: ch, pos: start });
      i++;
      continue;
    }
    if (isNameStart(ch)) {
      i++;
      while (i < n && isNameChar(expr[i])) i++;
      let name = expr.slice(start, i);
      if (afterOperand() && OPERATOR_NAMES.has(name)) {
        tokens.push({ kind: 'op', value: name, pos: start });
        continue;
      }
      // QName prefix:local or prefix:* (not the axis separator '::').
      if (expr[i] === ':' && expr[i + 1] !== ':') {
        if (expr[i + 1] === '*') {
          tokens.push({ kind: 'star', value: name + ':*', pos: start });
          i += 2;
          continue;
        }
        if (isNameStart(expr[i + 1])) {
          i += 2;
          while (i < n && isNameChar(expr[i])) i++;
          name = expr.slice(start, i);
        }
      }
      tokens.push({ kind: 'name', value: name, pos: start });
      continue;
    }
    fail(expr, start, `Unexpected character '${ch}' at position ${start}`, `พบอักขระ '${ch}' ที่ไม่คาดคิด ที่ตำแหน่ง ${start}`);
  }
  tokens.push({ kind: 'eof', value: '', pos: n });
  return tokens;
}

class Parser {
  private i = 0;
  constructor(
    private readonly expr: string,
    private readonly tokens: Token[],
  ) {}

  private peek(offset = 0): Token {
    return this.tokens[Math.min(this.i + offset, this.tokens.length - 1)] ?? { kind: 'eof', value: '', pos: this.expr.length };
  }

  private next(): Token {
    const t = this.peek();
    if (this.i < this.tokens.length - 1) this.i++;
    return t;
  }

  private is(kind: TokenKind, value?: string, offset = 0): boolean {
    const t = this.peek(offset);
    return t.kind === kind && (value === undefined || t.value === value);
  }

  unexpected(t: Token, expected?: string, openedAt?: number): never {
    if (t.kind === 'eof') {
      if (expected !== undefined && openedAt !== undefined)
        fail(
          this.expr,
          t.pos,
          `Missing '${expected}' at position ${t.pos} (opened at position ${openedAt})`,
          `ขาด '${expected}' ที่ตำแหน่ง ${t.pos} (เปิดไว้ที่ตำแหน่ง ${openedAt})`,
        );
      fail(this.expr, t.pos, `Unexpected end of expression at position ${t.pos}`, `นิพจน์จบก่อนที่ควร ที่ตำแหน่ง ${t.pos}`);
    }
    const shown = t.kind === 'string' ? `"${t.value}"` : `'${t.value}'`;
    if (expected !== undefined)
      fail(
        this.expr,
        t.pos,
        `Unexpected ${shown} at position ${t.pos} (expected '${expected}')`,
        `พบ ${shown} ที่ไม่คาดคิด ที่ตำแหน่ง ${t.pos} (ต้องเป็น '${expected}')`,
      );
    fail(this.expr, t.pos, `Unexpected ${shown} at position ${t.pos}`, `พบ ${shown} ที่ไม่คาดคิด ที่ตำแหน่ง ${t.pos}`);
  }

  private expectPunct(value: string, openedAt?: number): Token {
    const t = this.peek();
    if (t.kind !== 'punct' || t.value !== value) this.unexpected(t, value, openedAt);
    return this.next();
  }

  parseTop(): Ast {
    if (this.is('eof')) fail(this.expr, 0, 'Empty expression', 'นิพจน์ว่างเปล่า');
    const ast = this.parseOr();
    const t = this.peek();
    if (t.kind !== 'eof') this.unexpected(t);
    return ast;
  }

  private parseOr(): Ast {
    let left = this.parseAnd();
    while (this.is('op', 'or')) {
      const pos = this.next().pos;
      left = { type: 'binary', op: 'or', left, right: this.parseAnd(), pos };
    }
    return left;
  }

  private parseAnd(): Ast {
    let left = this.parseEquality();
    while (this.is('op', 'and')) {
      const pos = this.next().pos;
      left = { type: 'binary', op: 'and', left, right: this.parseEquality(), pos };
    }
    return left;
  }

  private parseEquality(): Ast {
    let left = this.parseRelational();
    while (this.is('op', '=') || this.is('op', '!=')) {
      const t = this.next();
      left = { type: 'binary', op: t.value as '=' | '!=', left, right: this.parseRelational(), pos: t.pos };
    }
    return left;
  }

  private parseRelational(): Ast {
    let left = this.parseAdditive();
    while (this.is('op', '<') || this.is('op', '<=') || this.is('op', '>') || this.is('op', '>=')) {
      const t = this.next();
      left = { type: 'binary', op: t.value as '<' | '<=' | '>' | '>=', left, right: this.parseAdditive(), pos: t.pos };
    }
    return left;
  }

  private parseAdditive(): Ast {
    let left = this.parseMultiplicative();
    while (this.is('op', '+') || this.is('op', '-')) {
      const t = this.next();
      left = { type: 'binary', op: t.value as '+' | '-', left, right: this.parseMultiplicative(), pos: t.pos };
    }
    return left;
  }

  private parseMultiplicative(): Ast {
    let left = this.parseUnary();
    while (this.is('op', '*') || this.is('op', 'div') || this.is('op', 'mod')) {
      const t = this.next();
      left = { type: 'binary', op: t.value as '*' | 'div' | 'mod', left, right: this.parseUnary(), pos: t.pos };
    }
    return left;
  }

  private parseUnary(): Ast {
    if (this.is('op', '-')) {
      const pos = this.next().pos;
      return { type: 'negate', operand: this.parseUnary(), pos };
    }
    return this.parseUnion();
  }

  private parseUnion(): Ast {
    let left = this.parsePathExpr();
    while (this.is('op', '|')) {
      const pos = this.next().pos;
      left = { type: 'binary', op: '|', left, right: this.parsePathExpr(), pos };
    }
    return left;
  }

  private startsStep(offset = 0): boolean {
    const t = this.peek(offset);
    if (t.kind === 'name' || t.kind === 'star') return true;
    return t.kind === 'punct' && (t.value === '.' || t.value === '..' || t.value === '@');
  }

  private isFunctionCall(): boolean {
    const t = this.peek();
    return t.kind === 'name' && this.is('punct', '(', 1) && !NODE_TYPES.has(t.value);
  }

  private parsePathExpr(): Ast {
    const t = this.peek();
    if (t.kind === 'punct' && t.value === '/') {
      this.next();
      const steps = this.startsStep() ? this.parseRelativeSteps() : [];
      return { type: 'path', start: 'root', steps, pos: t.pos };
    }
    if (t.kind === 'punct' && t.value === '//') {
      this.next();
      const steps = [descendantOrSelf(t.pos), ...this.parseRelativeSteps()];
      return { type: 'path', start: 'root', steps, pos: t.pos };
    }
    if (t.kind === 'number' || t.kind === 'string' || (t.kind === 'punct' && t.value === '(') || this.isFunctionCall()) {
      let primary = this.parsePrimary();
      const predicates = this.parsePredicates();
      if (predicates.length > 0) primary = { type: 'filter', primary, predicates, pos: t.pos };
      if (this.is('punct', '/') || this.is('punct', '//')) {
        const steps: Step[] = [];
        if (this.next().value === '//') steps.push(descendantOrSelf(t.pos));
        steps.push(...this.parseRelativeSteps());
        return { type: 'path', start: primary, steps, pos: t.pos };
      }
      return primary;
    }
    if (this.startsStep()) return { type: 'path', start: 'context', steps: this.parseRelativeSteps(), pos: t.pos };
    this.unexpected(t);
  }

  private parsePrimary(): Ast {
    const t = this.next();
    if (t.kind === 'number') return { type: 'number', value: t.num ?? Number(t.value), pos: t.pos };
    if (t.kind === 'string') return { type: 'string', value: t.value, pos: t.pos };
    if (t.kind === 'punct' && t.value === '(') {
      const inner = this.parseOr();
      this.expectPunct(')', t.pos);
      return inner;
    }
    // function call
    const open = this.expectPunct('(');
    const args: Ast[] = [];
    if (!this.is('punct', ')')) {
      args.push(this.parseOr());
      while (this.is('punct', ',')) {
        this.next();
        args.push(this.parseOr());
      }
    }
    this.expectPunct(')', open.pos);
    return { type: 'call', name: t.value, args, pos: t.pos };
  }

  private parsePredicates(): Ast[] {
    const out: Ast[] = [];
    while (this.is('punct', '[')) {
      const open = this.next();
      if (this.is('punct', ']')) this.unexpected(this.peek());
      out.push(this.parseOr());
      this.expectPunct(']', open.pos);
    }
    return out;
  }

  private parseRelativeSteps(): Step[] {
    const steps = [this.parseStep()];
    while (this.is('punct', '/') || this.is('punct', '//')) {
      const sep = this.next();
      if (sep.value === '//') steps.push(descendantOrSelf(sep.pos));
      steps.push(this.parseStep());
    }
    return steps;
  }

  private parseStep(): Step {
    const t = this.peek();
    if (t.kind === 'punct' && t.value === '.') {
      this.next();
      return { axis: 'self', test: { kind: 'node' }, predicates: [], pos: t.pos };
    }
    if (t.kind === 'punct' && t.value === '..') {
      this.next();
      return { axis: 'parent', test: { kind: 'node' }, predicates: [], pos: t.pos };
    }
    let axis: Axis = 'child';
    if (t.kind === 'punct' && t.value === '@') {
      this.next();
      axis = 'attribute';
    } else if (t.kind === 'name' && this.is('punct', '::', 1)) {
      if (UNSUPPORTED_AXES.has(t.value))
        fail(this.expr, t.pos, `The ${t.value}:: axis is not supported, at position ${t.pos}`, `ไม่รองรับแกน ${t.value}:: ที่ตำแหน่ง ${t.pos}`);
      if (!AXES.has(t.value)) fail(this.expr, t.pos, `Unknown axis '${t.value}' at position ${t.pos}`, `ไม่รู้จักแกน '${t.value}' ที่ตำแหน่ง ${t.pos}`);
      axis = t.value as Axis;
      this.next();
      this.next();
    }
    const test = this.parseNodeTest();
    return { axis, test, predicates: this.parsePredicates(), pos: t.pos };
  }

  private parseNodeTest(): NodeTest {
    const t = this.next();
    if (t.kind === 'star') {
      return t.value === '*' ? { kind: 'any' } : { kind: 'any', prefix: t.value.slice(0, -2) };
    }
    if (t.kind !== 'name') this.unexpected(t);
    if (NODE_TYPES.has(t.value) && this.is('punct', '(')) {
      if (t.value !== 'node')
        fail(
          this.expr,
          t.pos,
          `${t.value}() node tests are not supported (instance data has elements only), at position ${t.pos}`,
          `ไม่รองรับการทดสอบโหนด ${t.value}() (ข้อมูลมีเฉพาะอิลิเมนต์) ที่ตำแหน่ง ${t.pos}`,
        );
      const open = this.next();
      this.expectPunct(')', open.pos);
      return { kind: 'node' };
    }
    return { kind: 'name', name: t.value };
  }
}

function descendantOrSelf(pos: number): Step {
  return { axis: 'descendant-or-self', test: { kind: 'node' }, predicates: [], pos };
}

/**
 * Parses an expression into its syntax tree. Throws {@link XPathSyntaxError}
 * (with the 0-based position and English/Thai messages) on bad syntax,
 * including any `${name}` left unresolved.
 */
export function parse(expr: string): Ast {
  return new Parser(expr, tokenize(expr)).parseTop();
}
