/**
 * Compiles syntax trees into closures and evaluates them. Compiled
 * expressions are cached by source text, so evaluating the same relevance
 * condition many times costs one parse.
 */
import type { Ast, Axis, BinaryOp, FilterExpr, NodeTest, PathExpr, Step } from './ast.js';
import { runtimeOffset } from './dates.js';
import { XPathEvaluationError, XPathSyntaxError } from './errors.js';
import { FUNCTIONS, type FunctionDef } from './functions.js';
import { rootOf, type InstanceNode } from './instance.js';
import { parse } from './parser.js';
import { attributeNodes, chainOf, documentOf, evalError, isDocument, sortUnique, type Env, type EvaluationContext, type Fn } from './runtime.js';
import { compareValues, isNodeSet, toXPathBoolean, toXPathNumber, toXPathString, type XPathValue } from './values.js';

/** A function supplied by the caller (e.g. `pulldata` variants, `distance`): receives evaluated arguments. */
export interface CustomFunction {
  min?: number;
  max?: number;
  call: (args: XPathValue[], ctx: EvaluationContext, current: InstanceNode) => XPathValue;
}

export interface CompileOptions {
  /** Extra functions by name (as written, with prefix); they override built-ins of the same name. */
  functions?: Record<string, CustomFunction>;
}

/** A parsed and compiled expression, reusable across contexts. */
export interface CompiledExpression {
  readonly source: string;
  readonly ast: Ast;
  /** The raw XPath value. */
  evaluate(ctx: EvaluationContext): XPathValue;
  /** string() of the value (what a calculate stores). */
  evaluateString(ctx: EvaluationContext): string;
  /** number() of the value. */
  evaluateNumber(ctx: EvaluationContext): number;
  /** boolean() of the value (relevant, required, constraint, readonly). */
  evaluateBoolean(ctx: EvaluationContext): boolean;
  /** The node-set; throws XPathEvaluationError when the value is not one (itemsets, repeat nodesets). */
  evaluateNodes(ctx: EvaluationContext): InstanceNode[];
}

type StepFn = (env: Env, input: InstanceNode[]) => InstanceNode[];

function makeEnv(ctx: EvaluationContext, source: string): Env {
  const tz = ctx.timeZoneOffset;
  return {
    ctx,
    source,
    current: ctx.contextNode,
    root: ctx.root ?? rootOf(ctx.contextNode),
    offsetAt: tz === undefined ? runtimeOffset : typeof tz === 'number' ? () => tz : tz,
    chain: null,
    clock: null,
  };
}

function testFn(test: NodeTest): (n: InstanceNode) => boolean {
  switch (test.kind) {
    case 'node':
      return () => true;
    case 'any':
      return (n) => !isDocument(n);
    case 'name': {
      const name = test.name;
      const colon = name.indexOf(':');
      if (colon < 0) return (n) => n.name === name;
      const local = name.slice(colon + 1);
      // Prefixed tests match the prefixed name, or the local name of an unprefixed element.
      return (n) => n.name === name || (n.name.indexOf(':') < 0 && n.name === local);
    }
  }
}

function axisNodes(axis: Axis, node: InstanceNode): InstanceNode[] {
  switch (axis) {
    case 'child':
      return node.children;
    case 'self':
      return [node];
    case 'attribute':
      return attributeNodes(node);
    case 'parent':
      if (node.parent) return [node.parent];
      return isDocument(node) ? [] : [documentOf(node)];
    case 'ancestor':
    case 'ancestor-or-self': {
      const out: InstanceNode[] = axis === 'ancestor-or-self' ? [node] : [];
      let n = node;
      while (n.parent) {
        n = n.parent;
        out.push(n);
      }
      if (!isDocument(n)) out.push(documentOf(n));
      return out;
    }
    case 'descendant':
    case 'descendant-or-self': {
      const out: InstanceNode[] = axis === 'descendant-or-self' ? [node] : [];
      const walk = (n: InstanceNode): void => {
        for (const c of n.children) {
          out.push(c);
          walk(c);
        }
      };
      walk(node);
      return out;
    }
    case 'following-sibling': {
      const p = node.parent;
      if (!p) return [];
      return p.children.slice(p.children.indexOf(node) + 1);
    }
    case 'preceding-sibling': {
      const p = node.parent;
      if (!p) return [];
      return p.children.slice(0, p.children.indexOf(node)).reverse();
    }
  }
}

function applyPredicate(env: Env, pred: Fn, literal: number | null, nodes: InstanceNode[]): InstanceNode[] {
  if (literal !== null) {
    const n = Number.isInteger(literal) ? nodes[literal - 1] : undefined;
    return n ? [n] : [];
  }
  const size = nodes.length;
  const out: InstanceNode[] = [];
  for (let i = 0; i < size; i++) {
    const n = nodes[i] as InstanceNode;
    const v = pred(env, n, i + 1, size);
    if (typeof v === 'number' ? v === i + 1 : toXPathBoolean(v)) out.push(n);
  }
  return out;
}

const ORDER_PRESERVING: ReadonlySet<Axis> = new Set<Axis>(['child', 'attribute', 'self']);

class Compiler {
  constructor(
    private readonly source: string,
    private readonly custom: Record<string, CustomFunction> | undefined,
  ) {}

  private syntax(pos: number, en: string, th: string): never {
    throw new XPathSyntaxError(this.source, pos, en, th);
  }

  compile(ast: Ast): Fn {
    switch (ast.type) {
      case 'number': {
        const v = ast.value;
        return () => v;
      }
      case 'string': {
        const v = ast.value;
        return () => v;
      }
      case 'negate': {
        const f = this.compile(ast.operand);
        return (env, node, pos, size) => -toXPathNumber(f(env, node, pos, size), env.offsetAt);
      }
      case 'binary':
        return this.binary(ast.op, this.compile(ast.left), this.compile(ast.right));
      case 'call':
        return this.call(ast.name, ast.args, ast.pos);
      case 'filter':
        return this.filter(ast);
      case 'path':
        return this.path(ast);
    }
  }

  private binary(op: BinaryOp, l: Fn, r: Fn): Fn {
    switch (op) {
      case 'or':
        return (env, node, pos, size) => toXPathBoolean(l(env, node, pos, size)) || toXPathBoolean(r(env, node, pos, size));
      case 'and':
        return (env, node, pos, size) => toXPathBoolean(l(env, node, pos, size)) && toXPathBoolean(r(env, node, pos, size));
      case '=':
      case '!=':
      case '<':
      case '<=':
      case '>':
      case '>=':
        return (env, node, pos, size) => compareValues(op, l(env, node, pos, size), r(env, node, pos, size), env.offsetAt);
      case '+':
        return (env, node, pos, size) => toXPathNumber(l(env, node, pos, size), env.offsetAt) + toXPathNumber(r(env, node, pos, size), env.offsetAt);
      case '-':
        return (env, node, pos, size) => toXPathNumber(l(env, node, pos, size), env.offsetAt) - toXPathNumber(r(env, node, pos, size), env.offsetAt);
      case '*':
        return (env, node, pos, size) => toXPathNumber(l(env, node, pos, size), env.offsetAt) * toXPathNumber(r(env, node, pos, size), env.offsetAt);
      case 'div':
        return (env, node, pos, size) => toXPathNumber(l(env, node, pos, size), env.offsetAt) / toXPathNumber(r(env, node, pos, size), env.offsetAt);
      case 'mod':
        return (env, node, pos, size) => toXPathNumber(l(env, node, pos, size), env.offsetAt) % toXPathNumber(r(env, node, pos, size), env.offsetAt);
      case '|':
        return (env, node, pos, size) => {
          const a = l(env, node, pos, size);
          const b = r(env, node, pos, size);
          if (!isNodeSet(a) || !isNodeSet(b)) evalError(env, "Both sides of '|' must be node-sets (paths)", "ทั้งสองข้างของ '|' ต้องเป็นชุดโหนด (เส้นทาง)");
          return sortUnique([...a, ...b]);
        };
    }
  }

  private call(name: string, argAsts: Ast[], at: number): Fn {
    const custom = this.custom?.[name];
    let def: FunctionDef | undefined;
    if (custom) {
      const call = custom.call;
      def = { min: custom.min ?? 0, max: custom.max ?? Infinity, eager: (env, args) => call(args, env.ctx, env.current) };
    } else def = FUNCTIONS.get(name);
    if (!def) this.syntax(at, `Unknown function ${name}() at position ${at}`, `ไม่รู้จักฟังก์ชัน ${name}() ที่ตำแหน่ง ${at}`);
    if (argAsts.length < def.min || argAsts.length > def.max) {
      const expected = def.min === def.max ? String(def.min) : def.max === Infinity ? `at least ${def.min}` : `${def.min} to ${def.max}`;
      const expectedTh = def.min === def.max ? String(def.min) : def.max === Infinity ? `อย่างน้อย ${def.min}` : `${def.min} ถึง ${def.max}`;
      this.syntax(
        at,
        `${name}() takes ${expected} argument${def.max === 1 && def.min === 1 ? '' : 's'}, got ${argAsts.length}, at position ${at}`,
        `${name}() ต้องมีอาร์กิวเมนต์ ${expectedTh} ตัว แต่ได้ ${argAsts.length} ตัว ที่ตำแหน่ง ${at}`,
      );
    }
    const args = argAsts.map((a) => this.compile(a));
    if ('lazy' in def) {
      const lazy = def.lazy;
      return (env, node, pos, size) => lazy(env, args, node, pos, size);
    }
    const eager = def.eager;
    switch (args.length) {
      case 0:
        return (env, node, pos, size) => eager(env, [], node, pos, size);
      case 1: {
        const [a0] = args as [Fn];
        return (env, node, pos, size) => eager(env, [a0(env, node, pos, size)], node, pos, size);
      }
      case 2: {
        const [a0, a1] = args as [Fn, Fn];
        return (env, node, pos, size) => eager(env, [a0(env, node, pos, size), a1(env, node, pos, size)], node, pos, size);
      }
      default:
        return (env, node, pos, size) =>
          eager(
            env,
            args.map((f) => f(env, node, pos, size)),
            node,
            pos,
            size,
          );
    }
  }

  private predicates(preds: Ast[]): { fn: Fn; literal: number | null }[] {
    return preds.map((p) => ({ fn: this.compile(p), literal: p.type === 'number' ? p.value : null }));
  }

  private filter(ast: FilterExpr): Fn {
    const primary = this.compile(ast.primary);
    const preds = this.predicates(ast.predicates);
    return (env, node, pos, size) => {
      const v = primary(env, node, pos, size);
      if (!isNodeSet(v)) evalError(env, 'Predicates [...] can only filter node-sets', 'เงื่อนไข [...] ใช้กรองได้เฉพาะชุดโหนด');
      let nodes = v;
      for (const p of preds) nodes = applyPredicate(env, p.fn, p.literal, nodes);
      return nodes;
    };
  }

  private step(step: Step, unordered: boolean): StepFn {
    const { axis } = step;
    const preds = this.predicates(step.predicates);
    const test = testFn(step.test);
    const mustSort = unordered || !ORDER_PRESERVING.has(axis);
    // Fast path: child::name with no predicate (almost every step ODK writes).
    if (axis === 'child' && step.test.kind === 'name' && !step.test.name.includes(':') && preds.length === 0) {
      const name = step.test.name;
      return (_env, input) => {
        const out: InstanceNode[] = [];
        for (const n of input) for (const c of n.children) if (c.name === name) out.push(c);
        return mustSort && input.length > 1 ? sortUnique(out) : out;
      };
    }
    if (axis === 'self' && step.test.kind === 'node' && preds.length === 0) return (_env, input) => input;
    if (axis === 'parent' && step.test.kind === 'node' && preds.length === 0) {
      return (_env, input) => {
        if (input.length === 1) {
          const p = (input[0] as InstanceNode).parent;
          if (p) return [p];
        }
        const out: InstanceNode[] = [];
        for (const n of input) out.push(...axisNodes('parent', n));
        return sortUnique(out);
      };
    }
    return (env, input) => {
      const out: InstanceNode[] = [];
      for (const n of input) {
        let cands = axisNodes(axis, n);
        if (step.test.kind !== 'node') cands = cands.filter(test);
        for (const p of preds) cands = applyPredicate(env, p.fn, p.literal, cands);
        for (const c of cands) out.push(c);
      }
      return mustSort && (input.length > 1 || !ORDER_PRESERVING.has(axis)) ? sortUnique(out) : out;
    };
  }

  private path(ast: PathExpr): Fn {
    const steps: StepFn[] = [];
    let unordered = typeof ast.start === 'object';
    for (const s of ast.steps) {
      steps.push(this.step(s, unordered));
      if (!ORDER_PRESERVING.has(s.axis)) unordered = true;
    }
    const run = (env: Env, start: InstanceNode[], from: number): InstanceNode[] => {
      let cur = start;
      for (let i = from; i < steps.length && cur.length > 0; i++) cur = (steps[i] as StepFn)(env, cur);
      return cur;
    };
    if (ast.start === 'context') return (env, node) => run(env, [node], 0);
    if (ast.start === 'root') {
      // Leading plain child steps (not the last): candidates for repeat contextualisation.
      const names: string[] = [];
      for (let i = 0; i < ast.steps.length - 1; i++) {
        const s = ast.steps[i] as Step;
        if (s.axis !== 'child' || s.test.kind !== 'name' || s.predicates.length > 0) break;
        names.push(s.test.name);
      }
      return (env) => {
        if (names.length > 0 && env.ctx.contextualizeRepeats !== false) {
          const chain = chainOf(env);
          if (chain[0] === env.root) {
            let k = 0;
            while (k < names.length && k < chain.length && (chain[k] as InstanceNode).name === names[k]) k++;
            if (k > 0) return run(env, [chain[k - 1] as InstanceNode], k);
          }
        }
        return run(env, [documentOf(env.root)], 0);
      };
    }
    const start = this.compile(ast.start);
    return (env, node, pos, size) => {
      const v = start(env, node, pos, size);
      if (!isNodeSet(v)) evalError(env, "A path can only continue ('/') from a node-set", "เส้นทางต่อด้วย '/' ได้เฉพาะจากชุดโหนด");
      return run(env, v, 0);
    };
  }
}

class Compiled implements CompiledExpression {
  constructor(
    readonly source: string,
    readonly ast: Ast,
    private readonly fn: Fn,
  ) {}

  evaluate(ctx: EvaluationContext): XPathValue {
    return this.fn(makeEnv(ctx, this.source), ctx.contextNode, 0, 0);
  }

  evaluateString(ctx: EvaluationContext): string {
    return toXPathString(this.evaluate(ctx));
  }

  evaluateNumber(ctx: EvaluationContext): number {
    const env = makeEnv(ctx, this.source);
    return toXPathNumber(this.fn(env, ctx.contextNode, 0, 0), env.offsetAt);
  }

  evaluateBoolean(ctx: EvaluationContext): boolean {
    return toXPathBoolean(this.evaluate(ctx));
  }

  evaluateNodes(ctx: EvaluationContext): InstanceNode[] {
    const v = this.evaluate(ctx);
    if (!isNodeSet(v)) throw new XPathEvaluationError(this.source, 'The expression does not select nodes', 'นิพจน์นี้ไม่ได้เลือกโหนด');
    return v;
  }
}

const CACHE = new Map<string, CompiledExpression>();
const CACHE_LIMIT = 20_000;
const AST_CACHE = new WeakMap<Ast, CompiledExpression>();

/**
 * Parses and compiles an expression (cached by text when no options are
 * given). Throws XPathSyntaxError on bad syntax, unknown functions and wrong
 * argument counts, so a form can be checked once, up front.
 */
export function compile(expr: string | Ast, options?: CompileOptions): CompiledExpression {
  const cacheable = options?.functions === undefined;
  if (typeof expr !== 'string') {
    const hit = cacheable ? AST_CACHE.get(expr) : undefined;
    if (hit) return hit;
    const compiled = new Compiled('', expr, new Compiler('', options?.functions).compile(expr));
    if (cacheable) AST_CACHE.set(expr, compiled);
    return compiled;
  }
  if (cacheable) {
    const hit = CACHE.get(expr);
    if (hit) return hit;
  }
  const ast = parse(expr);
  const compiled = new Compiled(expr, ast, new Compiler(expr, options?.functions).compile(ast));
  if (cacheable) {
    if (CACHE.size >= CACHE_LIMIT) CACHE.clear();
    CACHE.set(expr, compiled);
  }
  return compiled;
}

/** Checks an expression without evaluating it: null when fine, else the syntax error (position, English and Thai message). */
export function validate(expr: string, options?: CompileOptions): XPathSyntaxError | null {
  try {
    compile(expr, options);
    return null;
  } catch (e) {
    if (e instanceof XPathSyntaxError) return e;
    throw e;
  }
}

/** Evaluates an expression (text, syntax tree or compiled) against a context; the raw XPath value. */
export function evaluate(expr: string | Ast | CompiledExpression, ctx: EvaluationContext): XPathValue {
  return (isCompiled(expr) ? expr : compile(expr)).evaluate(ctx);
}

function isCompiled(expr: string | Ast | CompiledExpression): expr is CompiledExpression {
  return typeof expr === 'object' && 'evaluate' in expr;
}

/** boolean() of the result: for relevant, required, readonly and constraint. */
export function evaluateBoolean(expr: string | Ast | CompiledExpression, ctx: EvaluationContext): boolean {
  return (isCompiled(expr) ? expr : compile(expr)).evaluateBoolean(ctx);
}

/** string() of the result: what a calculate stores in the instance. */
export function evaluateString(expr: string | Ast | CompiledExpression, ctx: EvaluationContext): string {
  return (isCompiled(expr) ? expr : compile(expr)).evaluateString(ctx);
}

/** number() of the result: for repeat_count and numeric checks. */
export function evaluateNumber(expr: string | Ast | CompiledExpression, ctx: EvaluationContext): number {
  return (isCompiled(expr) ? expr : compile(expr)).evaluateNumber(ctx);
}

/** The selected nodes: for itemsets (`instance('list')/root/item[...]`) and repeat nodesets. */
export function evaluateNodes(expr: string | Ast | CompiledExpression, ctx: EvaluationContext): InstanceNode[] {
  return (isCompiled(expr) ? expr : compile(expr)).evaluateNodes(ctx);
}
