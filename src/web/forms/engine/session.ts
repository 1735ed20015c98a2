/**
 * A form being filled: the primary instance (an XForm instance tree from
 * the shared expression engine) and the form's live logic over it —
 * defaults, calculations, relevance, required, read-only, constraints,
 * choice filters, repeat counts and triggers — the way ODK Collect and
 * Enketo run an XForm. No React and no browser API: the filler renders
 * from it, the unit tests drive it directly.
 *
 * Relevance: a question that stops being relevant is emptied (so nothing
 * downstream reads a stale answer and the instance leaves it empty, as
 * the XForm spec asks), but its answer is kept aside and comes back if
 * the question becomes relevant again — an accidental tap does not lose
 * what the volunteer typed.
 */
import type { Choice, FormDefinition, FormNode, QuestionNode, RepeatNode } from '../../../lib/forms/model.js';
import {
  appendChild,
  buildDependencyGraph,
  childrenNamed,
  compile,
  createNode,
  indexedPathOf,
  instanceFromChoices,
  isThaiLanguage,
  pathOf,
  removeNode,
  resolvePath,
  type DependencyGraph,
  type EvaluationContext,
  toXPathString,
  type InstanceNode,
} from '../../../lib/xpath/index.js';
import { localized } from './language.js';
import { isoLocal, localDate, splitSelection, typeProblem } from './values.js';

/** What the session needs from its surroundings. */
export interface SessionEnv {
  now?: () => Date;
  uuid: () => string;
  deviceId: string;
  username: string;
  email: string;
}

/** Question types with no control: filled by the client or computed. */
export const NO_CONTROL: ReadonlySet<string> = new Set([
  'calculate',
  'hidden',
  'start',
  'end',
  'today',
  'deviceid',
  'username',
  'phonenumber',
  'subscriberid',
  'simserial',
  'email',
  'audit',
]);

export function hasControl(q: QuestionNode): boolean {
  return !NO_CONTROL.has(q.type) && !q.variant?.startsWith('background-') && q.variant !== 'start-geopoint';
}

export type IssueKind = 'required' | 'constraint' | 'integer' | 'decimal' | 'date';

export interface Issue {
  node: InstanceNode;
  model: QuestionNode;
  kind: IssueKind;
  /** The form's own message (constraint_message / required_message) in the form language, if it has one. */
  message: string | null;
}

/** A draft as stored on the device: the tree and the answers kept aside for non-relevant questions. */
export interface Snapshot {
  tree: SnapNode;
  stash: [string, string][];
}

export interface SnapNode {
  n: string;
  v?: string;
  a?: Record<string, string>;
  c?: SnapNode[];
}

/** An element read from XML (or a snapshot) to fill the tree from. */
export interface SourceElement {
  name: string;
  text: string;
  attributes: Record<string, string>;
  children: SourceElement[];
}

interface Derived {
  revision: number;
  required: boolean;
  readonly: boolean;
  issue: Issue | null;
}

const OR_OTHER_TH: Record<string, string> = { Other: 'อื่น ๆ', 'Specify other.': 'ระบุอื่น ๆ' };

const warned = new Set<string>();
function warn(expr: string, err: unknown): void {
  if (warned.has(expr)) return;
  warned.add(expr);
  console.warn(`Form expression failed: ${expr}`, err);
}

function isRepeatList(listName: string | undefined): boolean {
  return listName !== undefined && (listName.startsWith('/') || listName.startsWith('.') || listName.startsWith('current()'));
}

export class FormSession {
  readonly form: FormDefinition;
  readonly root: InstanceNode;
  /** Bumped after every change; the UI re-renders on it. */
  revision = 0;
  private lang: string;
  private readonly env: SessionEnv;
  private readonly modelOf = new WeakMap<InstanceNode, FormNode>();
  private readonly relevance = new WeakMap<InstanceNode, boolean>();
  private readonly stash = new WeakMap<InstanceNode, string>();
  private readonly repeatStash = new WeakMap<InstanceNode, Map<string, InstanceNode[]>>();
  private readonly derived = new WeakMap<InstanceNode, Derived>();
  private readonly choiceCache = new WeakMap<InstanceNode, { key: string; choices: Choice[] }>();
  private readonly randomOrder = new WeakMap<InstanceNode, string[]>();
  private readonly byPath = new Map<string, FormNode>();
  private readonly byName = new Map<string, FormNode>();
  private readonly triggered = new Map<string, QuestionNode[]>();
  private readonly graph: DependencyGraph;
  private instancesByLang = new Map<string, Record<string, InstanceNode>>();
  private readonly listeners = new Set<() => void>();
  /** Questions the volunteer changed (their required errors show before a finish attempt). */
  readonly touched = new WeakSet<InstanceNode>();

  private constructor(form: FormDefinition, env: SessionEnv, lang: string) {
    this.form = form;
    this.env = env;
    this.lang = lang;
    const exprs: Record<string, string[]> = {};
    const visit = (n: FormNode) => {
      this.byPath.set(n.path, n);
      if (!this.byName.has(n.name)) this.byName.set(n.name, n);
      const list: string[] = [];
      if (n.relevant) list.push(n.relevant);
      if (n.kind === 'question') {
        if (n.calculation && n.trigger === undefined) list.push(n.calculation);
        if (typeof n.required === 'string') list.push(n.required);
        if (typeof n.readonly === 'string') list.push(n.readonly);
        if (n.constraint) list.push(n.constraint);
        if (n.trigger !== undefined) {
          const l = this.triggered.get(n.trigger) ?? [];
          l.push(n);
          this.triggered.set(n.trigger, l);
        }
      } else {
        if (n.kind === 'repeat' && n.repeatCount) list.push(n.repeatCount);
        n.children.forEach(visit);
      }
      const valid = list.filter((e) => {
        try {
          compile(e);
          return true;
        } catch (err) {
          warn(e, err);
          return false;
        }
      });
      if (valid.length) exprs[n.path] = valid;
    };
    visit(form.root);
    this.graph = buildDependencyGraph(exprs);
    this.root = createNode(form.root.name, '', [], { id: form.formId, version: form.version });
    this.modelOf.set(this.root, form.root);
  }

  // ---------------------------------------------------------------- creation

  /** A new, empty form: defaults, metadata, calculations. */
  static create(form: FormDefinition, env: SessionEnv, lang: string): FormSession {
    const s = new FormSession(form, env, lang);
    for (const c of form.root.children) s.addInitial(s.root, c, true);
    s.applyDynamicDefaults(s.root);
    s.propagate('all');
    return s;
  }

  /** A form filled from an instance (a submission being edited, or a draft): values as they were, no recalculation. */
  static fromElement(form: FormDefinition, env: SessionEnv, lang: string, source: SourceElement, stash: [string, string][] = []): FormSession {
    const s = new FormSession(form, env, lang);
    s.fill(s.root, form.root, source);
    for (const [path, value] of stash) {
      const node = resolvePath(s.root, path);
      if (node) s.stash.set(node, value);
    }
    s.propagate([]);
    return s;
  }

  static fromSnapshot(form: FormDefinition, env: SessionEnv, lang: string, snap: Snapshot): FormSession {
    return FormSession.fromElement(form, env, lang, snapToElement(snap.tree), snap.stash);
  }

  /**
   * Turns the session into an edit of a received submission: a new
   * meta/instanceID and meta/deprecatedID naming the version it replaces.
   */
  markAsEditOf(previousInstanceId: string): void {
    this.typing = false;
    const meta = this.root.children.find((c) => c.name === 'meta');
    if (!meta) return;
    let id = meta.children.find((c) => c.name === 'instanceID');
    if (!id) {
      id = createNode('instanceID');
      appendChild(meta, id, 0);
    }
    id.value = `uuid:${this.env.uuid()}`;
    let dep = meta.children.find((c) => c.name === 'deprecatedID');
    if (!dep) {
      dep = createNode('deprecatedID');
      appendChild(meta, dep, meta.children.indexOf(id) + 1);
    }
    dep.value = previousInstanceId;
    this.bump();
  }

  private initialValue(q: QuestionNode): string {
    const now = this.now();
    switch (q.type) {
      case 'start':
        return isoLocal(now);
      case 'today':
        return localDate(now);
      case 'deviceid':
        return this.env.deviceId;
      case 'username':
        return this.env.username;
      case 'email':
        return this.env.email;
      default:
        break;
    }
    if (q.preload?.preload === 'uid') return `uuid:${this.env.uuid()}`;
    if (q.default !== undefined && q.dynamicDefault === undefined) return q.default;
    return '';
  }

  private build(model: FormNode, fresh: boolean): InstanceNode {
    if (model.kind === 'question') {
      const n = createNode(model.name, fresh ? this.initialValue(model) : '');
      this.modelOf.set(n, model);
      return n;
    }
    const n = createNode(model.name);
    this.modelOf.set(n, model);
    for (const c of model.children) this.addInitial(n, c, fresh);
    return n;
  }

  /** An element for a model node, without children (fill() adds them). */
  private bare(model: FormNode): InstanceNode {
    const n = createNode(model.name);
    this.modelOf.set(n, model);
    return n;
  }

  /** Children of a new group: one instance of each repeat unless it has a count (set later). */
  private addInitial(parent: InstanceNode, model: FormNode, fresh: boolean): void {
    if (model.kind === 'repeat' && model.repeatCount !== undefined) return;
    appendChild(parent, this.build(model, fresh));
  }

  /** Fills `node` (built for `model`) from a source element; repeats get as many instances as the source has. */
  private fill(node: InstanceNode, model: FormNode, src: SourceElement | undefined): void {
    if (model.kind === 'question') {
      node.value = src?.text ?? '';
      return;
    }
    const known = new Set(model.children.map((c) => c.name));
    for (const c of model.children) {
      const matches = src ? src.children.filter((e) => e.name === c.name && e.attributes.template === undefined) : [];
      if (c.kind === 'repeat') {
        for (const m of matches) {
          const inst = this.bare(c);
          appendChild(node, inst);
          this.fill(inst, c, m);
        }
      } else {
        const child = this.bare(c);
        appendChild(node, child);
        this.fill(child, c, matches[0]);
      }
    }
    // Elements the form does not describe (meta/deprecatedID, entity, client extras) are kept as they were.
    for (const e of src?.children ?? []) {
      if (known.has(e.name)) continue;
      const copy = fromSource(e);
      const meta = model.kind === 'group' && model.name === 'meta';
      if (meta && e.name === 'deprecatedID') {
        const id = node.children.findIndex((c) => c.name === 'instanceID');
        appendChild(node, copy, id + 1);
      } else appendChild(node, copy);
    }
  }

  private applyDynamicDefaults(under: InstanceNode): void {
    for (const n of walk(under)) {
      const m = this.modelOf.get(n);
      if (m?.kind === 'question' && m.dynamicDefault !== undefined && n.value === '') {
        n.value = this.evalString(m.dynamicDefault, n);
      }
    }
  }

  // ---------------------------------------------------------------- reading

  get language(): string {
    return this.lang;
  }

  setLanguage(lang: string): void {
    this.typing = false;
    if (lang === this.lang) return;
    this.lang = lang;
    this.bump();
  }

  /** Text of a label, hint or message in the form language, with ${name} references filled in. */
  text(value: Record<string, string> | undefined, node?: InstanceNode): string {
    let raw = localized(value, this.lang, this.form.defaultLanguage);
    // or_other adds English texts to every language (as pyxform does).
    if (isThaiLanguage(this.lang)) raw = OR_OTHER_TH[raw] ?? raw;
    if (!node || !raw.includes('${')) return raw;
    return raw.replace(/\$\{([^}\s]+)\}/g, (whole, name: string) => {
      const target = this.byName.get(name);
      if (!target) return whole;
      try {
        const v = compile(target.path).evaluate(this.ctx(node));
        if (Array.isArray(v)) return v[0]?.value ?? '';
        return String(v);
      } catch {
        return '';
      }
    });
  }

  model(node: InstanceNode): FormNode | undefined {
    return this.modelOf.get(node);
  }

  modelAt(path: string): FormNode | undefined {
    return this.byPath.get(path);
  }

  isRelevant(node: InstanceNode): boolean {
    return this.relevance.get(node) ?? true;
  }

  /** Instances of a repeat under a parent element. */
  repeatInstances(parent: InstanceNode, model: RepeatNode): InstanceNode[] {
    return childrenNamed(parent, model.name).filter((n) => this.modelOf.get(n) === model);
  }

  /** Whether a repeat may be shown under this parent: its own relevance, asked of an instance or, with none yet, of the parent. */
  repeatRelevant(parent: InstanceNode, model: RepeatNode): boolean {
    if (!this.isRelevant(parent)) return false;
    const instances = this.repeatInstances(parent, model);
    if (instances.length > 0) return instances.some((i) => this.isRelevant(i));
    return model.relevant ? this.evalBool(model.relevant, parent, true) : true;
  }

  /** The element of a model child under a parent (groups and questions). */
  childFor(parent: InstanceNode, model: FormNode): InstanceNode | undefined {
    return parent.children.find((c) => this.modelOf.get(c) === model);
  }

  isRequired(node: InstanceNode): boolean {
    return this.derive(node).required;
  }

  isReadonly(node: InstanceNode): boolean {
    return this.derive(node).readonly;
  }

  /** The problem of one answer now (null when it is fine or not relevant). */
  issueOf(node: InstanceNode): Issue | null {
    return this.derive(node).issue;
  }

  private derive(node: InstanceNode): Derived {
    const hit = this.derived.get(node);
    if (hit && hit.revision === this.revision) return hit;
    const m = this.modelOf.get(node);
    const d: Derived = { revision: this.revision, required: false, readonly: false, issue: null };
    if (m?.kind === 'question') {
      d.required = m.required === true || (typeof m.required === 'string' && this.evalBool(m.required, node, false));
      d.readonly = m.readonly === true || (typeof m.readonly === 'string' && this.evalBool(m.readonly, node, false)) || m.type === 'note';
      if (this.isRelevant(node) && hasControl(m) && m.type !== 'note') {
        const v = node.value;
        if (v.trim() === '') {
          if (d.required) d.issue = { node, model: m, kind: 'required', message: this.text(m.requiredMessage, node) || null };
        } else {
          const tp = typeProblem(m.bindType, v);
          if (tp) d.issue = { node, model: m, kind: tp, message: null };
          else if (m.constraint && !this.evalBool(m.constraint, node, true)) {
            d.issue = { node, model: m, kind: 'constraint', message: this.text(m.constraintMessage, node) || null };
          }
        }
      }
    }
    this.derived.set(node, d);
    return d;
  }

  /** Every problem of the form, in document order. */
  validate(): Issue[] {
    const out: Issue[] = [];
    for (const n of walk(this.root)) {
      const issue = this.issueOf(n);
      if (issue) out.push(issue);
    }
    return out;
  }

  /** The choices of a select for this element now: choice filter applied, randomized when asked. */
  choices(node: InstanceNode): Choice[] {
    const m = this.modelOf.get(node);
    if (m?.kind !== 'question' || !m.listName) return [];
    const dynamic = Boolean(m.choiceFilter) || isRepeatList(m.listName) || m.parameters?.randomize === 'true';
    const key = dynamic ? `${this.revision}|${this.lang}` : 'static';
    const hit = this.choiceCache.get(node);
    if (hit && hit.key === key) return hit.choices;
    const choices = this.computeChoices(node, m);
    const prev = hit?.choices;
    // Same list as before: keep the array, so memoised controls do not re-render.
    const same = prev && prev.length === choices.length && prev.every((c, i) => c === choices[i]);
    const result = same ? prev : choices;
    this.choiceCache.set(node, { key, choices: result });
    return result;
  }

  private computeChoices(node: InstanceNode, m: QuestionNode): Choice[] {
    const listName = m.listName ?? '';
    if (isRepeatList(listName)) {
      // select_one ${name}: the answers of a question in a repeat.
      const cut = listName.lastIndexOf('/');
      const nodeset = listName.slice(0, cut);
      const leaf = listName.slice(cut + 1);
      try {
        const items = compile(`${nodeset}${m.choiceFilter ? `[${m.choiceFilter}]` : ''}`).evaluateNodes(this.ctx(node));
        const seen = new Set<string>();
        const out: Choice[] = [];
        for (const it of items) {
          const v = it.children.find((c) => c.name === leaf)?.value ?? '';
          if (v === '' || seen.has(v)) continue;
          seen.add(v);
          out.push({ name: v, label: { default: v } });
        }
        return out;
      } catch (err) {
        warn(listName, err);
        return [];
      }
    }
    const all = this.form.choices[listName] ?? [];
    const randomize = m.parameters?.randomize === 'true';
    if (!m.choiceFilter && !randomize) return all;
    let names: string[];
    try {
      const itemset = `instance('${listName}')/root/item${m.choiceFilter ? `[${m.choiceFilter}]` : ''}`;
      if (randomize && m.parameters?.seed === undefined && this.randomOrder.has(node)) {
        const order = this.randomOrder.get(node) ?? [];
        const allowed = new Set(compile(itemset).evaluateNodes(this.ctx(node)).map(itemName));
        names = order.filter((n) => allowed.has(n));
      } else {
        const expr = randomize ? `randomize(${itemset}${m.parameters?.seed !== undefined ? `, ${m.parameters.seed}` : ''})` : itemset;
        names = compile(expr).evaluateNodes(this.ctx(node)).map(itemName);
        if (randomize && m.parameters?.seed === undefined) {
          const full = compile(`randomize(instance('${listName}')/root/item)`).evaluateNodes(this.ctx(node)).map(itemName);
          this.randomOrder.set(node, full);
          const allowed = new Set(names);
          names = full.filter((n) => allowed.has(n));
        }
      }
    } catch (err) {
      warn(m.choiceFilter ?? listName, err);
      return all;
    }
    const byName = new Map(all.map((c) => [c.name, c]));
    return names.map((n) => byName.get(n)).filter((c): c is Choice => c !== undefined);
  }

  /** Label of a choice value of a select question, in the form language. */
  choiceLabel(m: QuestionNode, value: string): string {
    const c = (this.form.choices[m.listName ?? ''] ?? []).find((x) => x.name === value);
    return c ? this.text(c.label) || c.name : value;
  }

  // ---------------------------------------------------------------- changing

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private bump(): void {
    this.revision++;
    for (const l of this.listeners) l();
  }

  /**
   * Whether the last change came from typing in a text box: the filler then
   * re-renders the rest of the form at a lower priority, so keystrokes stay
   * quick on a slow phone.
   */
  typing = false;

  /** Sets an answer and runs everything that depends on it. */
  setValue(node: InstanceNode, value: string, typing = false): void {
    this.typing = typing;
    this.touched.add(node);
    this.stash.delete(node);
    if (node.value === value) {
      this.bump();
      return;
    }
    node.value = value;
    const path = pathOf(node);
    const changed = [path, ...this.runTriggers(node, path)];
    this.propagate(changed);
    this.bump();
  }

  private runTriggers(source: InstanceNode, path: string): string[] {
    const out: string[] = [];
    for (const q of this.triggered.get(path) ?? []) {
      let targets: InstanceNode[];
      try {
        targets = compile(q.path).evaluateNodes(this.ctx(source));
      } catch (err) {
        warn(q.path, err);
        continue;
      }
      for (const t of targets) {
        const v = q.calculation ? this.evalString(q.calculation, t) : '';
        if (t.value !== v) {
          t.value = v;
          out.push(q.path);
        }
      }
    }
    return out;
  }

  /** Adds a repeat instance at the end (with its defaults and calculations). */
  addRepeat(parent: InstanceNode, model: RepeatNode): InstanceNode {
    this.typing = false;
    const inst = this.build(model, true);
    this.insertInOrder(parent, inst, model);
    this.applyDynamicDefaults(inst);
    this.propagate([model.path], inst);
    this.bump();
    return inst;
  }

  /** Removes a repeat instance. */
  removeRepeat(inst: InstanceNode): void {
    this.typing = false;
    const m = this.modelOf.get(inst);
    removeNode(inst);
    if (m) this.propagate([m.path]);
    this.bump();
  }

  /** Places a new element after the elements of the model children that come before it. */
  private insertInOrder(parent: InstanceNode, node: InstanceNode, model: FormNode): void {
    const parentModel = this.modelOf.get(parent);
    const order = parentModel && parentModel.kind !== 'question' ? parentModel.children : [];
    const rank = order.indexOf(model);
    let at = 0;
    parent.children.forEach((c, i) => {
      const cm = this.modelOf.get(c);
      const r = cm ? order.indexOf(cm) : -1;
      if (r !== -1 && r <= rank) at = i + 1;
    });
    appendChild(parent, node, at);
  }

  /** Sets the end time (metadata `end`) just before the form is finished. */
  stampEnd(): void {
    this.typing = false;
    const now = isoLocal(this.now());
    for (const n of walk(this.root)) {
      const m = this.modelOf.get(n);
      if (m?.kind === 'question' && m.type === 'end') n.value = now;
    }
    this.propagate([]);
    this.bump();
  }

  // ---------------------------------------------------------------- the logic

  private now(): Date {
    return this.env.now ? this.env.now() : new Date();
  }

  private instances(): Record<string, InstanceNode> {
    let inst = this.instancesByLang.get(this.lang);
    if (!inst) {
      inst = {};
      for (const [name, list] of Object.entries(this.form.choices)) {
        inst[name] = instanceFromChoices(list, this.lang);
      }
      this.instancesByLang.set(this.lang, inst);
    }
    return inst;
  }

  private readonly choiceName = (path: string, value: string): string | undefined => {
    const m = this.byPath.get(path.replace(/\[\d+\]/g, ''));
    if (m?.kind !== 'question') return undefined;
    const labels = splitSelection(value).map((v) => this.choiceLabel(m, v));
    return labels.join(', ');
  };

  private ctx(node: InstanceNode): EvaluationContext {
    const c: EvaluationContext = { contextNode: node, root: this.root, instances: this.instances(), language: this.lang, choiceLabel: this.choiceName };
    if (this.env.now) c.now = this.env.now;
    return c;
  }

  private evalString(expr: string, node: InstanceNode): string {
    try {
      const v = compile(expr).evaluate(this.ctx(node));
      // A calculation over empty answers (NaN) stores nothing, as Collect does.
      if (typeof v === 'number' && Number.isNaN(v)) return '';
      return toXPathString(v);
    } catch (err) {
      warn(expr, err);
      return '';
    }
  }

  private evalBool(expr: string, node: InstanceNode, fallback: boolean): boolean {
    try {
      return compile(expr).evaluateBoolean(this.ctx(node));
    } catch (err) {
      warn(expr, err);
      return fallback;
    }
  }

  private index(): Map<string, InstanceNode[]> {
    const out = new Map<string, InstanceNode[]>();
    for (const n of walk(this.root)) {
      const m = this.modelOf.get(n);
      if (!m) continue;
      const l = out.get(m.path);
      if (l) l.push(n);
      else out.set(m.path, [n]);
    }
    return out;
  }

  /**
   * Re-evaluates what depends on the changed paths ('all': everything):
   * calculations in dependency order, repeat counts, then relevance, until
   * nothing changes any more. `fresh`: a new repeat instance whose own
   * calculations all run.
   */
  private propagate(changed: string[] | 'all', fresh?: InstanceNode): void {
    let pending: Set<string> | 'all' = changed === 'all' ? 'all' : new Set(changed);
    for (let round = 0; round < 12; round++) {
      const affected = new Set<string>();
      if (pending === 'all') for (const k of this.graph.order) affected.add(k);
      else for (const p of pending) for (const k of this.graph.affectedBy(p)) affected.add(k);
      const next = new Set<string>();
      let idx = this.index();
      for (const key of this.graph.order) {
        const m = this.byPath.get(key);
        if (!m) continue;
        if (m.kind === 'question' && m.calculation && m.trigger === undefined) {
          for (const n of idx.get(key) ?? []) {
            const inFresh = fresh !== undefined && isInside(n, fresh);
            if (!affected.has(key) && !inFresh) continue;
            if (!this.isRelevant(n)) continue;
            const v = this.evalString(m.calculation, n);
            if (v !== n.value) {
              n.value = v;
              next.add(key);
            }
          }
        } else if (m.kind === 'repeat' && m.repeatCount !== undefined && affected.has(key)) {
          if (this.applyRepeatCount(m)) {
            next.add(key);
            idx = this.index();
          }
        }
      }
      fresh = undefined;
      for (const p of this.relevancePass()) next.add(p);
      if (next.size === 0) break;
      pending = next;
    }
  }

  /** Adds or removes instances so each parent has as many as the count says (removed ones are kept aside and come back). */
  private applyRepeatCount(m: RepeatNode): boolean {
    const parents = this.index().get(m.path.slice(0, m.path.lastIndexOf('/'))) ?? [];
    let changed = false;
    for (const parent of parents) {
      let count = 0;
      try {
        count = compile(m.repeatCount ?? '0').evaluateNumber(this.ctx(parent));
      } catch (err) {
        warn(m.repeatCount ?? '', err);
      }
      count = Number.isFinite(count) ? Math.max(0, Math.min(Math.trunc(count), 500)) : 0;
      const current = this.repeatInstances(parent, m);
      let kept = this.repeatStash.get(parent);
      if (!kept) {
        kept = new Map();
        this.repeatStash.set(parent, kept);
      }
      const aside = kept.get(m.name) ?? [];
      if (current.length > count) {
        const removed = current.slice(count);
        for (const r of removed) removeNode(r);
        kept.set(m.name, [...removed, ...aside]);
        changed = true;
      } else if (current.length < count) {
        for (let i = current.length; i < count; i++) {
          const back = aside.shift();
          const inst = back ?? this.build(m, true);
          this.insertInOrder(parent, inst, m);
          if (!back) {
            this.applyDynamicDefaults(inst);
            this.computeAllIn(inst);
          }
        }
        kept.set(m.name, aside);
        changed = true;
      }
    }
    return changed;
  }

  private computeAllIn(under: InstanceNode): void {
    const idx = new Map<string, InstanceNode[]>();
    for (const n of walk(under)) {
      const m = this.modelOf.get(n);
      if (m) idx.set(m.path, [...(idx.get(m.path) ?? []), n]);
    }
    for (const key of this.graph.order) {
      const m = this.byPath.get(key);
      if (m?.kind !== 'question' || !m.calculation || m.trigger !== undefined) continue;
      for (const n of idx.get(key) ?? []) n.value = this.evalString(m.calculation, n);
    }
  }

  /** Relevance top-down; empties answers that stop being relevant and brings back those that become relevant again. */
  private relevancePass(): string[] {
    const changed: string[] = [];
    const visit = (node: InstanceNode, parentRelevant: boolean) => {
      const m = this.modelOf.get(node);
      if (!m) return;
      const own = m.relevant ? this.evalBool(m.relevant, node, true) : true;
      const rel = parentRelevant && own;
      const before = this.relevance.get(node);
      this.relevance.set(node, rel);
      if (m.kind === 'question') {
        if (!rel && node.value !== '') {
          if (!m.calculation) this.stash.set(node, node.value);
          node.value = '';
          changed.push(m.path);
        } else if (rel && before === false) {
          let v: string | undefined;
          if (m.calculation && m.trigger === undefined) v = this.evalString(m.calculation, node);
          else if (node.value === '') v = this.stash.get(node);
          this.stash.delete(node);
          if (v !== undefined && v !== node.value) {
            node.value = v;
            changed.push(m.path);
          }
        }
        return;
      }
      for (const c of [...node.children]) visit(c, rel);
    };
    visit(this.root, true);
    return changed;
  }

  // ---------------------------------------------------------------- saving

  snapshot(): Snapshot {
    const stash: [string, string][] = [];
    for (const n of walk(this.root)) {
      const v = this.stash.get(n);
      if (v !== undefined && v !== '') stash.push([indexedPathOf(n), v]);
    }
    return { tree: toSnap(this.root), stash };
  }

  /** meta/instanceID. */
  get instanceId(): string {
    return this.metaValue('instanceID');
  }

  get deprecatedId(): string {
    return this.metaValue('deprecatedID');
  }

  get instanceName(): string {
    return this.metaValue('instanceName');
  }

  private metaValue(name: string): string {
    const meta = this.root.children.find((c) => c.name === 'meta');
    return meta?.children.find((c) => c.name === name)?.value ?? '';
  }

  /** Binary answers (photos, recordings, files): the file names the instance names. */
  attachmentNames(): string[] {
    const out: string[] = [];
    for (const n of walk(this.root)) {
      const m = this.modelOf.get(n);
      if (m?.kind === 'question' && m.bindType === 'binary' && n.value) out.push(n.value);
    }
    return out;
  }
}

function itemName(item: InstanceNode): string {
  return item.children.find((c) => c.name === 'name')?.value ?? '';
}

function isInside(node: InstanceNode, ancestor: InstanceNode): boolean {
  for (let n: InstanceNode | null = node; n; n = n.parent) if (n === ancestor) return true;
  return false;
}

/** Every element of a subtree, parents first (a copy of the child lists, safe while changing values). */
export function* walk(node: InstanceNode): Generator<InstanceNode> {
  yield node;
  for (const c of [...node.children]) yield* walk(c);
}

function toSnap(n: InstanceNode): SnapNode {
  const s: SnapNode = { n: n.name };
  if (n.value !== '') s.v = n.value;
  if (n.attributes && Object.keys(n.attributes).length) s.a = { ...n.attributes };
  if (n.children.length) s.c = n.children.map(toSnap);
  return s;
}

function snapToElement(s: SnapNode): SourceElement {
  return { name: s.n, text: s.v ?? '', attributes: s.a ?? {}, children: (s.c ?? []).map(snapToElement) };
}

function fromSource(e: SourceElement): InstanceNode {
  return createNode(e.name, e.children.length ? '' : e.text, e.children.map(fromSource), Object.keys(e.attributes).length ? e.attributes : undefined);
}
