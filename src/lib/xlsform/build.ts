/**
 * Drafts → the form model: paths, loops expanded, flat forms flattened, the
 * meta block, and every expression's ${name} resolved as pyxform does.
 */
import { walk, type Choice, type EntityDeclaration, type FormDefinition, type FormNode, type GroupNode, type Localized, type QuestionNode, type RepeatNode } from '../forms/model.js';
import { findCycles, validate } from '../xpath/index.js';
import { type Columns, headerFor, localizedOf } from './headers.js';
import { Issues } from './issues.js';
import { Resolver, referencedNames } from './references.js';
import { type ChoiceRow, NO, YES } from './sheets.js';
import { type Draft, parseParameters } from './survey.js';
import { lookupType } from './types.js';

/** Keys the model interprets; everything else goes to `extra`. */
const CONSUMED = /^(type|name|label(::.*)?|hint(::.*)?|default|choice_filter|parameters|trigger|bind::(relevant|required|constraint|calculate|readonly)|bind::jr:(constraintMsg|requiredMsg)(::.*)?|control::appearance|control::jr:count)$/;

function flag(v: string | undefined): true | string | undefined {
  if (v === undefined) return undefined;
  const l = v.toLowerCase();
  if (YES.has(l)) return true;
  if (NO.has(l)) return 'false()';
  return v;
}

/** pyxform's default_is_dynamic: an expression (reference, function, operator), not a literal. */
export function isDynamicDefault(value: string, type: string): boolean {
  if (type === 'image') return false;
  if (value.includes('${')) return true;
  const v = value.trim();
  if (/^-?\d+(\.\d*)?$|^-?\.\d+$/.test(v)) return false;
  if (/^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?([+-]\d{2}:?\d{2}|Z)?)?$/.test(v)) return false;
  if (/^\d{2}:\d{2}(:\d{2}(\.\d+)?)?([+-]\d{2}:?\d{2}|Z)?$/.test(v)) return false;
  // Strip quoted strings, then look for function calls, predicates, unions and math.
  const s = v.replace(/'[^']*'|"[^"]*"/g, "''");
  if (/[A-Za-z_][\w.:-]*\s*\(/.test(s)) return true;
  if (/[[\]|*+]/.test(s)) return true;
  if (/(^|[\s(])-[\s\d.(]|\s(div|mod)\s/.test(s)) return true;
  return false;
}

function substitute(text: string, choice: Choice, lang: string): string {
  const label = choice.label[lang] ?? choice.label.default ?? Object.values(choice.label)[0] ?? choice.name;
  return text.replace(/%\(label\)s/g, label).replace(/%\(name\)s/g, choice.name);
}

/** Copies a loop body for one choice, filling %(label)s and %(name)s. */
function instantiate(d: Draft, choice: Choice): Draft {
  const values = new Map<string, string>();
  for (const [k, v] of d.values) {
    const lang = k.includes('::') ? k.slice(k.indexOf('::') + 2) : 'default';
    values.set(k, k === 'name' ? v : substitute(v, choice, lang));
  }
  return { ...d, values, children: d.children.map((c) => instantiate(c, choice)) };
}

/** flat setting: groups disappear, their relevance is and-ed onto their children. */
function flatten(drafts: Draft[], parentRelevant: string): Draft[] {
  const out: Draft[] = [];
  for (const d of drafts) {
    const own = d.values.get('bind::relevant') ?? '';
    let relevant = own;
    if (parentRelevant !== '') relevant = own !== '' ? `${parentRelevant} and (${own})` : parentRelevant;
    if (d.children.length > 0 || d.kind !== 'question') {
      out.push(...flatten(d.children, relevant));
    } else {
      if (relevant !== '') d.values.set('bind::relevant', relevant);
      out.push(d);
    }
  }
  return out;
}

interface Ctx {
  cols: Columns;
  choices: Map<string, ChoiceRow[]>;
  sources: Map<FormNode, Draft>;
}

function extraOf(values: Map<string, string>): Record<string, string> | undefined {
  const extra: Record<string, string> = {};
  for (const [k, v] of values) if (!CONSUMED.test(k)) extra[k] = v;
  return Object.keys(extra).length > 0 ? extra : undefined;
}

function base(d: Draft, path: string, ctx: Ctx) {
  const v = d.values;
  const node = {
    name: d.name,
    path,
    source: { sheet: ctx.cols.sheet, row: d.row },
    ...(localizedOf(v, 'label') ? { label: localizedOf(v, 'label')! } : {}),
    ...(localizedOf(v, 'hint') ? { hint: localizedOf(v, 'hint')! } : {}),
    ...(v.has('bind::relevant') ? { relevant: v.get('bind::relevant')! } : {}),
    ...(v.has('control::appearance') ? { appearance: v.get('control::appearance')! } : {}),
  };
  const extra = extraOf(v);
  return extra ? { ...node, extra } : node;
}

function toNode(d: Draft, parentPath: string, ctx: Ctx): FormNode[] {
  const path = `${parentPath}/${d.name}`;
  if (d.kind === 'loop') {
    const group: GroupNode = { kind: 'group', ...base(d, path, ctx), children: [] };
    ctx.sources.set(group, d);
    for (const { choice } of ctx.choices.get(d.listName ?? '') ?? []) {
      const sub: GroupNode = {
        kind: 'group',
        name: choice.name,
        path: `${path}/${choice.name}`,
        source: group.source,
        label: choice.label,
        children: [],
      };
      ctx.sources.set(sub, d);
      sub.children = d.children.flatMap((c) => toNode(instantiate(c, choice), sub.path, ctx));
      group.children.push(sub);
    }
    return [group];
  }
  if (d.kind === 'group' || d.kind === 'repeat') {
    const node: GroupNode | RepeatNode =
      d.kind === 'group' ? { kind: 'group', ...base(d, path, ctx), children: [] } : { kind: 'repeat', ...base(d, path, ctx), children: [] };
    const count = d.values.get('control::jr:count');
    if (node.kind === 'repeat' && count !== undefined) node.repeatCount = count;
    ctx.sources.set(node, d);
    node.children = d.children.flatMap((c) => toNode(c, path, ctx));
    return [node];
  }
  const spec = d.spec ?? lookupType('text')!;
  const v = d.values;
  const q: QuestionNode = { kind: 'question', ...base(d, path, ctx), type: spec.type, bindType: spec.bindType };
  if (!q.hint && spec.hint) q.hint = { default: spec.hint };
  const required = flag(v.get('bind::required'));
  if (required !== undefined) q.required = required;
  const requiredMessage = localizedOf(v, 'bind::jr:requiredMsg');
  if (requiredMessage) q.requiredMessage = requiredMessage;
  const constraint = v.get('bind::constraint') ?? spec.constraint;
  if (constraint !== undefined) q.constraint = constraint;
  const constraintMessage = localizedOf(v, 'bind::jr:constraintMsg');
  if (constraintMessage) q.constraintMessage = constraintMessage;
  const calculation = v.get('bind::calculate');
  if (calculation !== undefined) q.calculation = calculation;
  const readonly = flag(v.get('bind::readonly')) ?? spec.readonly;
  if (readonly !== undefined) q.readonly = readonly === 'true()' ? true : readonly;
  const def = v.get('default');
  if (def !== undefined) {
    if (isDynamicDefault(def, spec.type)) q.dynamicDefault = def;
    else q.default = spec.type === 'image' && !def.includes('jr://images/') ? `jr://images/${def}` : def;
  }
  if (d.select) {
    q.listName = d.select.listName;
    if (d.select.orOther) q.orOther = true;
  } else if (d.listName !== undefined) {
    q.listName = d.listName;
  }
  const filter = v.get('choice_filter');
  if (filter !== undefined) q.choiceFilter = filter;
  const params = v.get('parameters');
  if (params !== undefined) q.parameters = parseParameters(params);
  const trigger = v.get('trigger');
  if (trigger !== undefined) q.trigger = trigger;
  if (spec.preload) q.preload = { ...spec.preload };
  if (spec.variant !== undefined) q.variant = spec.variant;
  ctx.sources.set(q, d);
  return [q];
}

/** Languages in column order: "default" for columns without one. */
export function languagesOf(keys: (string | null)[], more: string[]): string[] {
  const out: string[] = [];
  for (const key of keys) {
    if (key === null) continue;
    const m = /^(label|hint|guidance_hint|bind::jr:constraintMsg|bind::jr:requiredMsg|media::[^:]+)(::(.+))?$/.exec(key);
    if (!m) continue;
    const lang = m[3] ?? 'default';
    if (!out.includes(lang)) out.push(lang);
  }
  for (const l of more) if (!out.includes(l)) out.push(l);
  return out.length > 0 ? out : ['default'];
}

export interface BuildInput {
  cols: Columns;
  children: Draft[];
  meta: Draft[];
  choices: Map<string, ChoiceRow[]>;
  choiceLanguages: string[];
  osm: Map<string, ChoiceRow[]>;
  settings: { raw: Record<string, string>; canon: Map<string, string> };
  entity?: EntityDeclaration;
  fileStem: string;
  issues: Issues;
  skipped?: Set<string>;
}

export function buildForm(input: BuildInput): FormDefinition {
  const { cols, settings, issues } = input;
  const s = (k: string): string | undefined => settings.canon.get(k);
  const rootName = s('name') ?? 'data';
  const formId = s('id_string') ?? input.fileStem;
  const ctx: Ctx = { cols, choices: input.choices, sources: new Map() };
  const drafts = isYes(s('flat')) ? flatten(input.children, '') : input.children;
  const root: GroupNode = { kind: 'group', name: rootName, path: `/${rootName}`, source: { sheet: cols.sheet, row: 1 }, children: [] };
  root.children = drafts.flatMap((d) => toNode(d, root.path, ctx));

  const metaChildren = input.meta.flatMap((d) => toNode(d, `${root.path}/meta`, ctx));
  if (isYes(s('omit_instanceid'))) {
    if (s('public_key') !== undefined) issues.error('settings', 1, 'omit_instanceID', 'omitInstanceIdEncrypted');
  } else {
    metaChildren.push({
      kind: 'question', name: 'instanceID', path: `${root.path}/meta/instanceID`, source: { sheet: 'settings', row: 1 },
      type: 'calculate', bindType: 'string', readonly: true, preload: { preload: s('instance_id') ?? 'uid' },
    });
  }
  const instanceName = s('instance_name');
  if (instanceName !== undefined) {
    metaChildren.push({
      kind: 'question', name: 'instanceName', path: `${root.path}/meta/instanceName`, source: { sheet: 'settings', row: 1 },
      type: 'calculate', bindType: 'string', calculation: instanceName,
    });
  }
  if (metaChildren.length > 0 || input.entity) {
    root.children.push({ kind: 'group', name: 'meta', path: `${root.path}/meta`, source: { sheet: cols.sheet, row: 1 }, children: metaChildren });
  }

  const choices: Record<string, Choice[]> = {};
  for (const [name, list] of input.choices) choices[name] = list.map((c) => c.choice);
  for (const [name, list] of input.osm) choices[`osm::${name}`] = list.map((c) => c.choice);

  const form: FormDefinition = {
    formId,
    version: s('version') ?? '',
    title: s('title') ?? formId,
    languages: languagesOf(cols.keys, input.choiceLanguages),
    root,
    choices,
    settings: { ...settings.raw },
  };
  const defaultLanguage = s('default_language');
  if (defaultLanguage !== undefined) form.defaultLanguage = defaultLanguage;

  resolveAll(form, ctx, issues, instanceName, input.skipped ?? new Set());
  if (input.entity) form.entities = resolveEntity(input.entity, form, issues);
  checkLabels(root, ctx, issues);
  return form;
}

/** Columns whose text is an XPath expression (as canonical column keys). */
const EXPRESSION_COLUMNS = new Set(['bind::relevant', 'bind::required', 'bind::readonly', 'bind::constraint', 'bind::calculate', 'choice_filter', 'default', 'control::jr:count']);

/** ODK functions the engine does not evaluate but Collect does: valid in a form. */
const KNOWN_ELSEWHERE = new Set(['area', 'distance', 'digest', 'version', 'property', 'geofence', 'base64-decode', 'jr:itext', 'jr:choice-name', 'pulldata', 'indexed-repeat']);

function validateExpression(text: string): { message: string; messageTh: string } | null {
  const err = validate(text);
  if (!err) return null;
  const fn = /^Unknown function ([^(]+)\(\)/.exec(err.message)?.[1];
  if (fn && KNOWN_ELSEWHERE.has(fn)) return null;
  return err;
}

function isYes(v: string | undefined): boolean {
  return v !== undefined && YES.has(v.toLowerCase());
}

function resolveAll(form: FormDefinition, ctx: Ctx, issues: Issues, instanceName: string | undefined, skipped: Set<string>): void {
  const resolver = new Resolver(form.root);
  const report = (node: FormNode | null, column: string, text: string, missing: string[], ambiguous: string[]): void => {
    const d = node ? ctx.sources.get(node) : undefined;
    const sheet = d ? ctx.cols.sheet : 'settings';
    const row = d ? d.row : 2;
    const header = d ? headerFor(ctx.cols, column) : column;
    for (const ref of missing) if (!skipped.has(ref)) issues.error(sheet, row, header, 'undefinedReference', { ref });
    for (const ref of ambiguous) issues.error(sheet, row, header, 'ambiguousReference', { ref });
    for (const bad of text.match(/\$\{[^}]*$|\$\{\s*\}|\$\{[^}]*\s[^}]*\}/g) ?? []) issues.error(sheet, row, header, 'badReferenceSyntax', { text: bad });
  };
  const fix = (node: FormNode, column: string, text: string | undefined, useCurrent = false): string | undefined => {
    if (text === undefined) return undefined;
    const r = resolver.resolve(text, node.path, useCurrent);
    report(node, column, text, r.missing, r.ambiguous);
    if (EXPRESSION_COLUMNS.has(column)) checkSyntax(node, column, text);
    return r.text;
  };
  // Syntax of each expression, checked on the cell's own text: every ${name} is
  // replaced by a path of the same length, so the error's position is the cell's.
  const checkSyntax = (node: FormNode, column: string, text: string): void => {
    const sameLength = text.replace(/\$\{[^}]*\}/g, (m) => `/${'x'.repeat(Math.max(1, m.length - 1))}`.slice(0, m.length));
    const err = validateExpression(sameLength);
    if (!err) return;
    const d = ctx.sources.get(node);
    issues.error(d ? ctx.cols.sheet : 'settings', d ? d.row : 2, d ? headerFor(ctx.cols, column) : column, 'expressionError', { detail: err.message, detailTh: err.messageTh });
  };
  const check = (node: FormNode, column: string, loc: Localized | undefined): void => {
    for (const [lang, text] of Object.entries(loc ?? {})) {
      const r = resolver.resolve(text, node.path);
      report(node, lang === 'default' ? column : `${column}::${lang}`, text, r.missing, r.ambiguous);
    }
  };
  const visit = (node: FormNode): void => {
    node.relevant = fix(node, 'bind::relevant', node.relevant);
    if (node.relevant === undefined) delete node.relevant;
    check(node, 'label', node.label);
    check(node, 'hint', node.hint);
    if (node.extra) {
      for (const [k, v] of Object.entries(node.extra)) {
        if (/^(bind|instance|control)::/.test(k) && !k.startsWith('bind::jr:')) node.extra[k] = fix(node, k, v)!;
        else if (referencedNames(v).length > 0 && /^(media|guidance_hint|bind::jr:)/.test(k)) check(node, k, { default: v });
      }
    }
    if (node.kind === 'question') {
      if (typeof node.required === 'string') node.required = fix(node, 'bind::required', node.required);
      if (typeof node.readonly === 'string') node.readonly = fix(node, 'bind::readonly', node.readonly);
      if (node.constraint !== undefined) node.constraint = fix(node, 'bind::constraint', node.constraint);
      if (node.calculation !== undefined) node.calculation = fix(node, 'bind::calculate', node.calculation);
      if (node.choiceFilter !== undefined) node.choiceFilter = fix(node, 'choice_filter', node.choiceFilter, true);
      if (node.dynamicDefault !== undefined) node.dynamicDefault = fix(node, 'default', node.dynamicDefault);
      if (node.trigger !== undefined) {
        const r = resolver.resolve(node.trigger, null);
        report(node, 'trigger', node.trigger, r.missing, r.ambiguous);
        node.trigger = r.text.trim();
      }
      if (node.parameters?.seed?.includes('${')) node.parameters.seed = fix(node, 'parameters', node.parameters.seed)!;
      if (node.listName?.includes('${')) node.listName = fix(node, 'type', node.listName)!;
      check(node, 'bind::jr:constraintMsg', node.constraintMessage);
      check(node, 'bind::jr:requiredMsg', node.requiredMessage);
    } else {
      if (node.kind === 'repeat' && node.repeatCount !== undefined) node.repeatCount = fix(node, 'control::jr:count', node.repeatCount);
      node.children.forEach(visit);
    }
  };
  form.root.children.forEach(visit);
  // Calculations that feed each other in a circle never settle on a phone.
  const calcs: Record<string, string> = {};
  const nodeOf = new Map<string, FormNode>();
  for (const n of walk(form.root)) {
    if (n.kind === 'question' && n.calculation) {
      calcs[n.path] = n.calculation;
      nodeOf.set(n.path, n);
    }
  }
  for (const cycle of safeCycles(calcs)) {
    const first = nodeOf.get(cycle[0]!);
    const d = first ? ctx.sources.get(first) : undefined;
    issues.error(ctx.cols.sheet, d ? d.row : null, headerFor(ctx.cols, 'bind::calculate'), 'calculationCycle', { cycle: cycle.map((p) => p.split('/').pop()).join(' → ') });
  }
  if (instanceName !== undefined) {
    const r = resolver.resolve(instanceName, form.root.path);
    report(null, 'instance_name', instanceName, r.missing, r.ambiguous);
    form.instanceName = r.text;
  }
}

function safeCycles(calcs: Record<string, string>): string[][] {
  try {
    return findCycles(calcs);
  } catch {
    // an expression that does not parse is reported on its own cell
    return [];
  }
}

function resolveEntity(e: EntityDeclaration, form: FormDefinition, issues: Issues): EntityDeclaration {
  const resolver = new Resolver(form.root);
  const context = `${form.root.path}/meta/entity`;
  const out: EntityDeclaration = { dataset: e.dataset };
  for (const k of ['label', 'createIf', 'updateIf', 'entityId'] as const) {
    const v = e[k];
    if (v === undefined) continue;
    const r = resolver.resolve(v, context);
    for (const ref of r.missing) issues.error('entities', 2, k === 'createIf' ? 'create_if' : k === 'updateIf' ? 'update_if' : k === 'entityId' ? 'entity_id' : 'label', 'undefinedReference', { ref });
    out[k] = r.text;
  }
  return out;
}

/** A question shown with a control needs a label, a hint or media. */
function checkLabels(node: FormNode, ctx: Ctx, issues: Issues): void {
  if (node.kind !== 'question') {
    node.children.forEach((c) => checkLabels(c, ctx, issues));
    return;
  }
  const d = ctx.sources.get(node);
  if (!d?.spec?.control || node.variant === 'trigger' && node.label) return;
  if (node.name.startsWith('reserved_name_for_field_list_labels_')) return;
  const hasMedia = Object.keys(node.extra ?? {}).some((k) => k.startsWith('media::'));
  if (!node.label && !node.hint && !hasMedia) issues.error(ctx.cols.sheet, d.row, headerFor(ctx.cols, 'label'), 'missingLabel', { name: node.name });
}
