/** Internals shared by the compiler and the function library (not exported from the package). */
import type { OffsetAt } from './dates.js';
import { XPathEvaluationError } from './errors.js';
import type { InstanceNode } from './instance.js';
import type { XPathValue } from './values.js';

/** What an expression is evaluated against. */
export interface EvaluationContext {
  /** The node the expression belongs to (`.` and `current()`): the bound question, or the repeat instance. */
  contextNode: InstanceNode;
  /** The primary instance's root element; defaults to the topmost ancestor of `contextNode`. */
  root?: InstanceNode;
  /** Secondary instances by id, for `instance('id')`: each is its document element (usually `<root>`). */
  instances?: Record<string, InstanceNode>;
  /** Clock for today()/now(); default: the system clock. */
  now?: () => Date;
  /** Source for random() and uuid(n); default: Math.random. */
  random?: () => number;
  /** Source for uuid(); default: crypto.randomUUID. */
  uuid?: () => string;
  /** Label of a choice for jr:choice-name(value, 'path'): called with the select's path (resolved to absolute) and the value. */
  choiceLabel?: (listOrPath: string, value: string) => string | undefined;
  /** Text for jr:itext('id') in the active language. */
  itext?: (id: string) => string | undefined;
  /** Active form language (e.g. 'th', 'Thai (th)'): Thai month/day names in format-date when Thai. */
  language?: string;
  /** Local time zone as minutes east of UTC (Thailand: 420), or a function of the instant; default: the machine's. */
  timeZoneOffset?: number | ((at: Date) => number);
  /**
   * ODK's deviation from XForms 1.0 (default true): an absolute path into a
   * repeat, evaluated from inside a repeat instance, stays in that instance
   * (`/d/rep/x` from `/d/rep[2]/y` means `/d/rep[2]/x`), as in Collect and Enketo.
   */
  contextualizeRepeats?: boolean;
}

/** Per-evaluation state. */
export interface Env {
  ctx: EvaluationContext;
  source: string;
  current: InstanceNode;
  root: InstanceNode;
  offsetAt: OffsetAt;
  /** Ancestors-or-self of `current`, root first; computed on first use. */
  chain: InstanceNode[] | null;
  /** now(), fixed for the whole evaluation. */
  clock: Date | null;
}

/** A compiled expression: (env, context node, context position, context size) → value. Position and size are 0 outside predicates. */
export type Fn = (env: Env, node: InstanceNode, pos: number, size: number) => XPathValue;

export function evalError(env: Env, en: string, th: string): never {
  throw new XPathEvaluationError(env.source, en, th);
}

export function chainOf(env: Env): InstanceNode[] {
  if (env.chain) return env.chain;
  const chain: InstanceNode[] = [];
  for (let n: InstanceNode | null = env.current; n; n = n.parent) chain.push(n);
  chain.reverse();
  env.chain = chain;
  return chain;
}

export function nowOf(env: Env): Date {
  env.clock ??= env.ctx.now ? env.ctx.now() : new Date();
  return env.clock;
}

// ---- document nodes: `/` and `instance('id')` return a node above the document element

const DOC_OF = new WeakMap<InstanceNode, InstanceNode>();
const ROOT_OF_DOC = new WeakMap<InstanceNode, InstanceNode>();

export function documentOf(root: InstanceNode): InstanceNode {
  let doc = DOC_OF.get(root);
  if (!doc || doc.children[0] !== root) {
    doc = { name: '#document', value: '', children: [root], parent: null };
    DOC_OF.set(root, doc);
    ROOT_OF_DOC.set(doc, root);
  }
  return doc;
}

export function isDocument(node: InstanceNode): boolean {
  return ROOT_OF_DOC.has(node);
}

// ---- attribute nodes: made on demand, one object per (element, name) so identity holds

const ATTRS = new WeakMap<InstanceNode, Map<string, InstanceNode>>();
const IS_ATTR = new WeakSet<InstanceNode>();

export function attributeNodes(el: InstanceNode): InstanceNode[] {
  const attrs = el.attributes;
  if (!attrs) return [];
  let cache = ATTRS.get(el);
  if (!cache) {
    cache = new Map();
    ATTRS.set(el, cache);
  }
  const out: InstanceNode[] = [];
  for (const [name, value] of Object.entries(attrs)) {
    let node = cache.get(name);
    if (!node) {
      node = { name, value, children: [], parent: el };
      IS_ATTR.add(node);
      cache.set(name, node);
    }
    node.value = value;
    out.push(node);
  }
  return out;
}

export function isAttribute(node: InstanceNode): boolean {
  return IS_ATTR.has(node);
}

// ---- document order

function orderKey(node: InstanceNode, trees: Map<InstanceNode, number>): number[] {
  const key: number[] = [];
  let n = node;
  for (;;) {
    const parent: InstanceNode | null = n.parent;
    if (!parent) break;
    key.push(IS_ATTR.has(n) ? -1 : parent.children.indexOf(n));
    n = parent;
  }
  const isDoc = ROOT_OF_DOC.has(n);
  const top = isDoc ? (ROOT_OF_DOC.get(n) ?? n) : n;
  let id = trees.get(top);
  if (id === undefined) {
    id = trees.size;
    trees.set(top, id);
  }
  key.push(isDoc ? 0 : 1, id);
  return key.reverse();
}

/** Removes duplicates and sorts nodes in document order (trees in order of first appearance). */
export function sortUnique(nodes: InstanceNode[]): InstanceNode[] {
  if (nodes.length < 2) return nodes;
  const unique = [...new Set(nodes)];
  if (unique.length < 2) return unique;
  const trees = new Map<InstanceNode, number>();
  const keys = new Map<InstanceNode, number[]>();
  for (const n of unique) keys.set(n, orderKey(n, trees));
  unique.sort((a, b) => {
    const ka = keys.get(a) ?? [];
    const kb = keys.get(b) ?? [];
    const len = Math.min(ka.length, kb.length);
    for (let i = 0; i < len; i++) {
      const d = (ka[i] ?? 0) - (kb[i] ?? 0);
      if (d !== 0) return d;
    }
    return ka.length - kb.length;
  });
  return unique;
}
