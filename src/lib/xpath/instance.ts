/**
 * The instance tree: a minimal XML-like tree for form data (the primary
 * instance of a submission) and for secondary instances (choice lists,
 * CSV/XML attachments) that expressions read with `instance('id')/root/item`.
 *
 * Elements only: each node has a name, a text value, element children and
 * optional attributes. XML parsing and serialisation live elsewhere; this
 * module has no dependencies and runs in Node and in the browser alike.
 */

/** One element of an instance. `value` is its own text (leaves carry the answer; groups usually have ''). */
export interface InstanceNode {
  name: string;
  value: string;
  children: InstanceNode[];
  parent: InstanceNode | null;
  attributes?: Record<string, string>;
}

/** A plain-object view of an instance: leaves are strings, groups are objects, repeated names are arrays, `@name` keys are attributes. */
export type PlainValue = string | PlainObject | PlainValue[];
export interface PlainObject {
  [key: string]: PlainValue;
}

/** Creates a node; the given children are re-parented to it. */
export function createNode(name: string, value = '', children: InstanceNode[] = [], attributes?: Record<string, string>): InstanceNode {
  const node: InstanceNode = { name, value, children: [], parent: null };
  if (attributes) node.attributes = { ...attributes };
  for (const child of children) appendChild(node, child);
  return node;
}

/** Shorthand for a group node: `group('household', leaf('hh_id', 'H1'), group('members', leaf('age', 7)))`. */
export function group(name: string, ...children: InstanceNode[]): InstanceNode {
  return createNode(name, '', children);
}

/** Shorthand for a leaf with a value. */
export function leaf(name: string, value: string | number | boolean = ''): InstanceNode {
  return createNode(name, String(value));
}

/** Appends `child` to `parent` (at `index` if given), detaching it from any previous parent. Returns the child. */
export function appendChild(parent: InstanceNode, child: InstanceNode, index?: number): InstanceNode {
  if (child.parent) removeNode(child);
  let anc: InstanceNode | null = parent;
  while (anc) {
    if (anc === child) throw new Error(`Cannot append <${child.name}> inside itself`);
    anc = anc.parent;
  }
  child.parent = parent;
  if (index === undefined || index >= parent.children.length) parent.children.push(child);
  else parent.children.splice(Math.max(0, index), 0, child);
  return child;
}

/** Inserts `node` right after `sibling` (e.g. a new repeat instance after the last one). */
export function insertAfter(sibling: InstanceNode, node: InstanceNode): InstanceNode {
  const parent = sibling.parent;
  if (!parent) throw new Error(`<${sibling.name}> has no parent`);
  return appendChild(parent, node, parent.children.indexOf(sibling) + 1);
}

/** Detaches a node from its parent. Returns the node. */
export function removeNode(node: InstanceNode): InstanceNode {
  const parent = node.parent;
  if (parent) {
    const i = parent.children.indexOf(node);
    if (i >= 0) parent.children.splice(i, 1);
    node.parent = null;
  }
  return node;
}

/** Deep copy of a subtree (the copy has no parent). Useful to instantiate a repeat from its template. */
export function cloneNode(node: InstanceNode): InstanceNode {
  return createNode(node.name, node.value, node.children.map(cloneNode), node.attributes);
}

/** First child element with that name. */
export function childNamed(node: InstanceNode, name: string): InstanceNode | undefined {
  for (const c of node.children) if (c.name === name) return c;
  return undefined;
}

/** All child elements with that name, in order. */
export function childrenNamed(node: InstanceNode, name: string): InstanceNode[] {
  return node.children.filter((c) => c.name === name);
}

/** The topmost ancestor (the document element). */
export function rootOf(node: InstanceNode): InstanceNode {
  let n = node;
  while (n.parent) n = n.parent;
  return n;
}

/** Every node of the subtree, depth first, parents before children. */
export function* walkNodes(node: InstanceNode): Generator<InstanceNode> {
  yield node;
  for (const child of node.children) yield* walkNodes(child);
}

/** XPath string-value: the node's own text followed by the text of its descendants in document order (a leaf's value for leaves). */
export function stringValue(node: InstanceNode): string {
  if (node.children.length === 0) return node.value;
  let s = node.value;
  for (const c of node.children) s += stringValue(c);
  return s;
}

/** 1-based position among the siblings that share the node's name (1 for a root). */
export function positionAmongSiblings(node: InstanceNode): number {
  const parent = node.parent;
  if (!parent) return 1;
  let pos = 0;
  for (const c of parent.children) {
    if (c.name === node.name) pos++;
    if (c === node) return pos;
  }
  return pos;
}

/** Schema path of a node, without repeat positions: `/household/members/age`. */
export function pathOf(node: InstanceNode): string {
  const names: string[] = [];
  for (let n: InstanceNode | null = node; n; n = n.parent) names.push(n.name);
  return '/' + names.reverse().join('/');
}

/**
 * Path of a node with the 1-based position of every step that has same-named
 * siblings: `/household/members[2]/age`. {@link resolvePath} reads it back.
 */
export function indexedPathOf(node: InstanceNode): string {
  const parts: string[] = [];
  for (let n: InstanceNode | null = node; n; n = n.parent) {
    const parent = n.parent;
    if (parent && parent.children.some((c) => c !== n && c.name === n.name)) parts.push(`${n.name}[${positionAmongSiblings(n)}]`);
    else parts.push(n.name);
  }
  return '/' + parts.reverse().join('/');
}

const STEP = /^([^[\]/]+)(?:\[(\d+)\])?$/;

/**
 * Every node a simple path selects. Absolute paths (`/a/b/c`) start at the
 * root of `context`'s tree and their first step must name that root;
 * relative paths (`b/c`, `../x`, `./y`) start at `context`. Steps are names,
 * `.`, `..`, `*`, or `name[n]` (1-based position among same-named siblings).
 * For full XPath use the expression engine.
 */
export function resolveAll(context: InstanceNode, path: string): InstanceNode[] {
  const trimmed = path.trim();
  let current: InstanceNode[];
  let rest: string;
  if (trimmed.startsWith('/')) {
    const root = rootOf(context);
    const steps = trimmed.slice(1).split('/').filter((s) => s !== '');
    if (steps.length === 0) return [root];
    const first = steps.shift() ?? '';
    const m = STEP.exec(first);
    if (!m || (m[1] !== root.name && m[1] !== '*') || (m[2] !== undefined && m[2] !== '1')) return [];
    current = [root];
    rest = steps.join('/');
  } else {
    current = [context];
    rest = trimmed;
  }
  for (const step of rest.split('/')) {
    if (step === '' || step === '.') continue;
    if (step === '..') {
      const next: InstanceNode[] = [];
      for (const n of current) if (n.parent && !next.includes(n.parent)) next.push(n.parent);
      current = next;
      continue;
    }
    const m = STEP.exec(step);
    if (!m) return [];
    const name = m[1] ?? '';
    const index = m[2] === undefined ? undefined : Number(m[2]);
    const next: InstanceNode[] = [];
    for (const n of current) {
      let pos = 0;
      for (const c of n.children) {
        if (name !== '*' && c.name !== name) continue;
        pos++;
        if (index === undefined || index === pos) next.push(c);
      }
    }
    current = next;
    if (current.length === 0) break;
  }
  return current;
}

/** The first node a simple path selects (see {@link resolveAll}), or null. */
export function resolvePath(context: InstanceNode, path: string): InstanceNode | null {
  return resolveAll(context, path)[0] ?? null;
}

/**
 * Plain-object view: `{ hh_id: 'H1', members: [{ name: 'A' }, { name: 'B' }] }`.
 * Names that occur more than once under a parent become arrays; attributes
 * are `@name` keys. A leaf without attributes is its value string.
 */
export function toPlainObject(node: InstanceNode): PlainValue {
  const attrs = node.attributes ? Object.entries(node.attributes) : [];
  if (node.children.length === 0 && attrs.length === 0) return node.value;
  const out: PlainObject = {};
  for (const [k, v] of attrs) out['@' + k] = v;
  if (node.children.length === 0) {
    if (node.value !== '') out['#text'] = node.value;
    return out;
  }
  const counts = new Map<string, number>();
  for (const c of node.children) counts.set(c.name, (counts.get(c.name) ?? 0) + 1);
  for (const c of node.children) {
    const v = toPlainObject(c);
    if ((counts.get(c.name) ?? 0) > 1) {
      const arr = out[c.name];
      if (Array.isArray(arr)) arr.push(v);
      else out[c.name] = [v];
    } else out[c.name] = v;
  }
  return out;
}

/**
 * Builds a tree from a plain object (the inverse of {@link toPlainObject}):
 * strings/numbers/booleans are leaves, objects are groups, arrays are
 * repeated elements, `@name` keys are attributes, `#text` is an element's own text.
 */
export function fromPlainObject(name: string, value: PlainValue | number | boolean | null | undefined): InstanceNode {
  if (value === null || value === undefined) return createNode(name);
  if (typeof value !== 'object') return createNode(name, String(value));
  if (Array.isArray(value)) throw new Error(`fromPlainObject: <${name}> cannot be an array at the top`);
  const node = createNode(name);
  for (const [k, v] of Object.entries(value)) {
    if (k.startsWith('@')) {
      node.attributes ??= {};
      node.attributes[k.slice(1)] = typeof v === 'string' ? v : JSON.stringify(v);
    } else if (k === '#text') {
      node.value = typeof v === 'string' ? v : '';
    } else if (Array.isArray(v)) {
      for (const item of v) appendChild(node, fromPlainObject(k, item));
    } else appendChild(node, fromPlainObject(k, v));
  }
  return node;
}

/**
 * A secondary instance from rows: `<root><item><name>…</name><label>…</label>…</item>…</root>`,
 * the shape pyxform writes for choice lists and CSV attachments, read with
 * `instance('id')/root/item[...]`.
 */
export function instanceFromRows(rows: readonly Record<string, string | number | null | undefined>[]): InstanceNode {
  const root = createNode('root');
  for (const row of rows) {
    const item = createNode('item');
    for (const [k, v] of Object.entries(row)) appendChild(item, createNode(k, v === null || v === undefined ? '' : String(v)));
    appendChild(root, item);
  }
  return root;
}

/** Minimal shape of a form-model choice (see `Choice` in `src/lib/forms/model.ts`). */
export interface ChoiceLike {
  name: string;
  label: Record<string, string>;
  properties?: Record<string, string>;
}

function languageCode(language: string): string {
  const m = /\(([^()]+)\)\s*$/.exec(language);
  return (m?.[1] ?? language).trim().toLowerCase();
}

/**
 * Text of a localized label in a language given as a column key ('Thai (th)')
 * or a code ('th'): the exact key, else the key with that language code, else
 * `fallback` (the form's default language), else 'default', else the first.
 */
export function pickLabel(label: Readonly<Record<string, string>>, language?: string, fallback?: string): string {
  for (const lang of [language, fallback]) {
    if (lang === undefined) continue;
    const exact = label[lang];
    if (exact !== undefined) return exact;
    const code = languageCode(lang);
    for (const [k, v] of Object.entries(label)) if (languageCode(k) === code) return v;
  }
  return label['default'] ?? Object.values(label)[0] ?? '';
}

/**
 * A secondary instance for a choice list: each item has `name`, `label` (in
 * `language`, see {@link pickLabel}) and the extra choice columns (used by
 * choice_filter, e.g. `instance('villages')/root/item[district = current()/../district]`).
 */
export function instanceFromChoices(choices: readonly ChoiceLike[], language?: string, fallbackLanguage?: string): InstanceNode {
  return instanceFromRows(choices.map((c) => ({ ...(c.properties ?? {}), name: c.name, label: pickLabel(c.label, language, fallbackLanguage) })));
}
