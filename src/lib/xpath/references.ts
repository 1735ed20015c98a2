/**
 * What an expression reads, and what depends on what: the form filler
 * recomputes only the binds that read a changed node, in dependency order,
 * and the form checker rejects calculations that depend on themselves.
 */
import type { Ast, Step } from './ast.js';
import { VOLATILE_FUNCTIONS } from './functions.js';
import { parse } from './parser.js';
import { isSameOrBelow, pathMatches, referenceAffected } from './paths.js';

/** A path being built: absolute or relative steps; '' marks `//`, '*' any name, leading '..' climb above a relative base. */
interface Rep {
  abs: boolean;
  steps: string[];
}

function repToString(r: Rep): string {
  if (r.abs) return '/' + r.steps.join('/');
  return r.steps.length === 0 ? '.' : r.steps.join('/');
}

function repFromString(path: string | undefined): Rep {
  if (path === undefined) return { abs: false, steps: [] };
  const p = path.trim();
  const abs = p.startsWith('/');
  const out: Rep = { abs, steps: [] };
  for (const s of p.split('/')) {
    if (s === '' || s === '.') continue;
    if (s === '..') up(out);
    else out.steps.push(s);
  }
  return out;
}

function up(r: Rep): void {
  const last = r.steps[r.steps.length - 1];
  if (!r.abs && (last === undefined || last === '..')) r.steps.push('..');
  else r.steps.pop();
}

function applyStep(r: Rep, step: Step): Rep {
  const out: Rep = { abs: r.abs, steps: [...r.steps] };
  const name = step.test.kind === 'name' ? step.test.name : '*';
  switch (step.axis) {
    case 'self':
      break;
    case 'parent':
      up(out);
      break;
    case 'child':
      out.steps.push(name);
      break;
    case 'attribute':
      out.steps.push('@' + name);
      break;
    case 'descendant-or-self':
      if (out.steps[out.steps.length - 1] !== '') out.steps.push('');
      if (step.test.kind !== 'node') out.steps.push(name);
      break;
    case 'descendant':
      if (out.steps[out.steps.length - 1] !== '') out.steps.push('');
      out.steps.push(name);
      break;
    case 'following-sibling':
    case 'preceding-sibling':
      up(out);
      out.steps.push(name);
      break;
    case 'ancestor':
    case 'ancestor-or-self':
      // Not expressible as one path: keep the node itself (its changes are what matter most).
      break;
  }
  return out;
}

/** What {@link analyze} finds in an expression. */
export interface ExpressionInfo {
  /** Primary-instance paths read, normalised against the context path (absolute when one was given), sorted. */
  references: string[];
  /** The subset of `references` only counted or located (count(), position(), indexed-repeat()'s repeats), whose values are not read. */
  structural: string[];
  /** Secondary instances read with instance('id') (literal ids only). */
  instances: string[];
  /** Functions called, as written. */
  functions: string[];
  /** True when the result can change with no data change (now, today, random, uuid, randomize). */
  volatile: boolean;
}

/** Functions whose node-set argument is only counted or located, not read: they add no value dependency. */
const STRUCTURAL_ARGS: ReadonlyMap<string, readonly number[]> = new Map([
  ['count', [0]],
  ['position', [0]],
  ['indexed-repeat', [1, 3, 5]],
]);

class Collector {
  /** path → true when its value is read, false when only its existence/position is. */
  readonly refs = new Map<string, boolean>();
  readonly instances = new Set<string>();
  readonly functions = new Set<string>();

  constructor(private readonly current: Rep) {}

  /**
   * Visits `ast` evaluated at `ctx` (null: inside a secondary instance).
   * Returns the primary-instance paths the expression selects, if it is a path.
   */
  private add(rep: Rep, structural: boolean): void {
    const key = repToString(rep);
    if (!structural) this.refs.set(key, true);
    else if (!this.refs.has(key)) this.refs.set(key, false);
  }

  visit(ast: Ast, ctx: Rep | null, structural = false): Rep[] {
    switch (ast.type) {
      case 'number':
      case 'string':
        return [];
      case 'negate':
        this.visit(ast.operand, ctx);
        return [];
      case 'binary': {
        const l = this.visit(ast.left, ctx, structural && ast.op === '|');
        const r = this.visit(ast.right, ctx, structural && ast.op === '|');
        return ast.op === '|' ? [...l, ...r] : [];
      }
      case 'call': {
        this.functions.add(ast.name);
        if (ast.name === 'instance') {
          const a = ast.args[0];
          if (a?.type === 'string') this.instances.add(a.value);
        }
        if (ast.name === 'current') {
          this.add(this.current, structural);
          return [this.current];
        }
        const structuralArgs = STRUCTURAL_ARGS.get(ast.name) ?? [];
        ast.args.forEach((a, i) => this.visit(a, ctx, structuralArgs.includes(i)));
        return [];
      }
      case 'filter': {
        const reps = this.visit(ast.primary, ctx, structural);
        for (const p of ast.predicates) this.visit(p, reps[0] ?? null);
        return reps;
      }
      case 'path': {
        let starts: (Rep | null)[];
        if (ast.start === 'root') starts = [{ abs: true, steps: [] }];
        else if (ast.start === 'context') starts = [ctx];
        else if (ast.start.type === 'call' && ast.start.name === 'current' && ast.start.args.length === 0) {
          this.functions.add('current');
          starts = [this.current];
        } else if (ast.start.type === 'call' && ast.start.name === 'instance') {
          this.visit(ast.start, ctx);
          starts = [null];
        } else {
          const reps = this.visit(ast.start, ctx, true);
          starts = reps.length > 0 ? reps : [null];
        }
        const results: Rep[] = [];
        for (const start of starts) {
          let rep = start;
          for (const step of ast.steps) {
            rep = rep ? applyStep(rep, step) : null;
            for (const p of step.predicates) this.visit(p, rep);
          }
          if (rep) {
            this.add(rep, structural);
            results.push(rep);
          }
        }
        return results;
      }
    }
  }
}

/**
 * Analyses an expression: the primary-instance paths it reads (predicates
 * included; paths inside `instance(...)` excluded except `current()/…` and
 * absolute paths in their predicates), the instances and functions it uses.
 * `contextPath` is the absolute path of the node the expression belongs to;
 * without it relative references stay relative ('../x').
 */
export function analyze(expr: string | Ast, contextPath?: string): ExpressionInfo {
  const ast = typeof expr === 'string' ? parse(expr) : expr;
  const base = repFromString(contextPath);
  const c = new Collector(base);
  c.visit(ast, base);
  const functions = [...c.functions].sort();
  return {
    references: [...c.refs.keys()].sort(),
    structural: [...c.refs].filter(([, value]) => !value).map(([k]) => k).sort(),
    instances: [...c.instances].sort(),
    functions,
    volatile: functions.some((f) => VOLATILE_FUNCTIONS.has(f)),
  };
}

/** The primary-instance paths an expression reads (see {@link analyze}). */
export function references(expr: string | Ast, contextPath?: string): string[] {
  return analyze(expr, contextPath).references;
}

/** Dependencies among the expressions of a form, keyed by the path of the node they belong to. */
export interface DependencyGraph {
  /** For each key, the keys whose value it reads (a key reading itself is listed). */
  readonly dependencies: ReadonlyMap<string, readonly string[]>;
  /** For each key, the keys that read it. */
  readonly dependents: ReadonlyMap<string, readonly string[]>;
  /** Keys ordered so that each comes after what it depends on; keys in cycles come last. */
  readonly order: readonly string[];
  /** Each cycle as a list of paths that starts and ends with the same path (`['/d/a', '/d/b', '/d/a']`). */
  readonly cycles: readonly string[][];
  /** Keys to re-evaluate after the node at `changedPath` changed, transitively, in evaluation order. */
  affectedBy(changedPath: string): string[];
}

/**
 * Builds the dependency graph of `{ path → expression(s) }` (e.g. every
 * calculate, or every bind expression of each node). Each expression's
 * relative paths are resolved against its key. Key A depends on key B when
 * A reads the value of B, of a group containing B, or of something inside B
 * (count() and position() read no values, so `position(..)` inside a repeat
 * creates no dependency on the repeat's own calculations). `affectedBy`
 * also follows those structural references: call it with a repeat's path
 * when an instance is added or removed.
 */
export function buildDependencyGraph(exprs: Readonly<Record<string, string | Ast | readonly (string | Ast)[]>>): DependencyGraph {
  const keys = Object.keys(exprs);
  const refsOf = new Map<string, string[]>();
  const valueRefsOf = new Map<string, string[]>();
  for (const k of keys) {
    const v = exprs[k];
    const list = v === undefined ? [] : Array.isArray(v) ? (v as readonly (string | Ast)[]) : [v as string | Ast];
    const refs = new Set<string>();
    const valueRefs = new Set<string>();
    for (const e of list) {
      const info = analyze(e, k);
      for (const r of info.references) {
        refs.add(r);
        if (!info.structural.includes(r)) valueRefs.add(r);
      }
    }
    refsOf.set(k, [...refs]);
    valueRefsOf.set(k, [...valueRefs]);
  }

  // Index keys by each of their ancestors-or-self for fast "same or below" lookups.
  const below = new Map<string, string[]>();
  const keySet = new Set(keys);
  for (const k of keys) {
    const steps = k.split('/');
    for (let i = 2; i <= steps.length; i++) {
      const a = steps.slice(0, i).join('/');
      const arr = below.get(a);
      if (arr) arr.push(k);
      else below.set(a, [k]);
    }
  }
  const depsFor = (ref: string): string[] => {
    if (ref.includes('*') || ref.includes('//') || !ref.startsWith('/')) return keys.filter((k) => referenceAffected(ref, k));
    const out = [...(below.get(ref) ?? [])];
    const steps = ref.split('/');
    for (let i = steps.length - 1; i > 1; i--) {
      const a = steps.slice(0, i).join('/');
      if (keySet.has(a)) out.push(a);
    }
    return out;
  };

  const dependencies = new Map<string, string[]>();
  const dependents = new Map<string, string[]>();
  for (const k of keys) dependents.set(k, []);
  for (const k of keys) {
    const deps = new Set<string>();
    for (const r of valueRefsOf.get(k) ?? []) for (const d of depsFor(r)) deps.add(d);
    const list = [...deps].sort();
    dependencies.set(k, list);
    for (const d of list) dependents.get(d)?.push(k);
  }

  const cycles = findCyclesInGraph(keys, dependencies);
  const order = topologicalOrder(keys, dependencies);
  const position = new Map(order.map((k, i) => [k, i]));

  return {
    dependencies,
    dependents,
    order,
    cycles,
    affectedBy(changedPath: string): string[] {
      const seen = new Set<string>();
      const queue: string[] = [];
      for (const k of keys) {
        const values = valueRefsOf.get(k) ?? [];
        const hit = (refsOf.get(k) ?? []).some((r) => (values.includes(r) ? referenceAffected(r, changedPath) : isSameOrBelow(r, changedPath) || pathMatches(r, changedPath)));
        if (hit) {
          seen.add(k);
          queue.push(k);
        }
      }
      while (queue.length > 0) {
        const k = queue.shift() as string;
        for (const d of dependents.get(k) ?? []) {
          if (!seen.has(d)) {
            seen.add(d);
            queue.push(d);
          }
        }
      }
      return [...seen].sort((a, b) => (position.get(a) ?? 0) - (position.get(b) ?? 0));
    },
  };
}

function topologicalOrder(keys: string[], deps: ReadonlyMap<string, readonly string[]>): string[] {
  const indegree = new Map<string, number>();
  const users = new Map<string, string[]>();
  for (const k of keys) {
    const ds = (deps.get(k) ?? []).filter((d) => d !== k);
    indegree.set(k, ds.length);
    for (const d of ds) {
      const u = users.get(d);
      if (u) u.push(k);
      else users.set(d, [k]);
    }
  }
  const ready = keys.filter((k) => indegree.get(k) === 0);
  const out: string[] = [];
  while (ready.length > 0) {
    const k = ready.shift() as string;
    out.push(k);
    for (const u of users.get(k) ?? []) {
      const n = (indegree.get(u) ?? 0) - 1;
      indegree.set(u, n);
      if (n === 0) ready.push(u);
    }
  }
  if (out.length < keys.length) {
    const placed = new Set(out);
    for (const k of keys) if (!placed.has(k)) out.push(k);
  }
  return out;
}

/** One cycle per strongly connected component that has one (Tarjan), each as [a, b, …, a]. */
function findCyclesInGraph(keys: string[], deps: ReadonlyMap<string, readonly string[]>): string[][] {
  let index = 0;
  const idx = new Map<string, number>();
  const low = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const components: string[][] = [];

  const strongConnect = (v: string): void => {
    idx.set(v, index);
    low.set(v, index);
    index++;
    stack.push(v);
    onStack.add(v);
    for (const w of deps.get(v) ?? []) {
      if (!idx.has(w)) {
        strongConnect(w);
        low.set(v, Math.min(low.get(v) ?? 0, low.get(w) ?? 0));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v) ?? 0, idx.get(w) ?? 0));
    }
    if (low.get(v) === idx.get(v)) {
      const comp: string[] = [];
      let w: string | undefined;
      do {
        w = stack.pop();
        if (w === undefined) break;
        onStack.delete(w);
        comp.push(w);
      } while (w !== v);
      components.push(comp);
    }
  };
  for (const k of keys) if (!idx.has(k)) strongConnect(k);

  const cycles: string[][] = [];
  for (const comp of components) {
    const first = comp.slice().sort()[0];
    if (first === undefined) continue;
    if (comp.length === 1 && !(deps.get(first) ?? []).includes(first)) continue;
    const inComp = new Set(comp);
    // Walk from `first` inside the component back to it (DFS), for a readable path.
    const path: string[] = [first];
    const visited = new Set<string>([first]);
    const dfs = (v: string): boolean => {
      for (const w of deps.get(v) ?? []) {
        if (!inComp.has(w)) continue;
        if (w === first) {
          path.push(first);
          return true;
        }
        if (visited.has(w)) continue;
        visited.add(w);
        path.push(w);
        if (dfs(w)) return true;
        path.pop();
      }
      return false;
    };
    if (dfs(first)) cycles.push(path);
  }
  return cycles.sort((a, b) => (a[0] ?? '').localeCompare(b[0] ?? ''));
}

/**
 * Cycles among calculations `{ path → calculate expression }`: each as the
 * list of paths around it, first path repeated at the end
 * (`['/d/a', '/d/b', '/d/a']`); a calculation reading its own node is `['/d/a', '/d/a']`.
 */
export function findCycles(calculations: Readonly<Record<string, string | Ast>>): string[][] {
  return [...buildDependencyGraph(calculations).cycles];
}

/** The first cycle among calculations (see {@link findCycles}), or null when there is none. */
export function findCycle(calculations: Readonly<Record<string, string | Ast>>): string[] | null {
  return findCycles(calculations)[0] ?? null;
}

