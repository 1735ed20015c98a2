/**
 * What the XForm writer's parts share: the form, the reference resolver,
 * which choice lists and nodes use itext, and label/hint elements.
 */
import type { Choice, FormDefinition, FormNode, Localized, QuestionNode } from '../forms/model.js';
import { Resolver } from './references.js';
import { type XmlElement, el, escapeText, raw } from './xml.js';

export interface WriteCtx {
  form: FormDefinition;
  resolver: Resolver;
  defaultLang: string;
  /** Choice lists written with itext (translated, with media or with ${} in labels). */
  itextLists: Set<string>;
  /** Questions to recalculate when the keyed path changes (trigger column). */
  triggered: Map<string, QuestionNode[]>;
  setting(key: string): string | undefined;
}

export function makeCtx(form: FormDefinition): WriteCtx {
  const canon = new Map<string, string>();
  for (const [k, v] of Object.entries(form.settings)) canon.set(settingKey(k), v);
  const itextLists = new Set<string>();
  for (const [name, list] of Object.entries(form.choices)) if (listNeedsItext(list)) itextLists.add(name);
  const triggered = new Map<string, QuestionNode[]>();
  const visit = (n: FormNode): void => {
    if (n.kind === 'question') {
      if (n.trigger !== undefined) {
        const list = triggered.get(n.trigger) ?? [];
        list.push(n);
        triggered.set(n.trigger, list);
      }
    } else n.children.forEach(visit);
  };
  visit(form.root);
  return {
    form,
    resolver: new Resolver(form.root),
    defaultLang: form.defaultLanguage ?? 'default',
    itextLists,
    triggered,
    setting: (key) => canon.get(key),
  };
}

const SETTING_ALIASES: Record<string, string> = { form_title: 'title', form_id: 'id_string', 'set form title': 'title', 'set form id': 'id_string' };
function settingKey(header: string): string {
  const l = header.trim().toLowerCase();
  return SETTING_ALIASES[l] ?? l;
}

/** Language as written in itext: the plain column's text goes to the default language. */
export function langOf(ctx: WriteCtx, key: string): string {
  return key === 'default' ? ctx.defaultLang : key;
}

export function isTranslated(loc: Localized | undefined): boolean {
  return loc !== undefined && Object.keys(loc).some((k) => k !== 'default');
}

function listNeedsItext(list: Choice[]): boolean {
  return list.some(
    (c) => isTranslated(c.label) || (c.media !== undefined && Object.keys(c.media).length > 0) || Object.values(c.label).some((t) => t.includes('${')),
  );
}

/** media::TYPE[::lang] keys of a node's extra, as type → localized file name. */
export function mediaOf(node: FormNode): Record<string, Localized> {
  const out: Record<string, Localized> = {};
  for (const [k, v] of Object.entries(node.extra ?? {})) {
    if (!k.startsWith('media::')) continue;
    const [, type, ...lang] = k.split('::');
    if (type === undefined) continue;
    (out[type] ??= {})[lang.length > 0 ? lang.join('::') : 'default'] = v;
  }
  return out;
}

/** Extra values with a given prefix ("bind::", "control::", "instance::"), prefix removed. */
export function extrasWith(node: FormNode, prefix: string): [string, string][] {
  return Object.entries(node.extra ?? {})
    .filter(([k]) => k.startsWith(prefix))
    .map(([k, v]) => [k.slice(prefix.length), v]);
}

export function localizedExtra(node: FormNode, key: string): Localized | undefined {
  const out: Localized = {};
  let any = false;
  for (const [k, v] of Object.entries(node.extra ?? {})) {
    if (k === key) out.default = v;
    else if (k.startsWith(key + '::')) out[k.slice(key.length + 2)] = v;
    else continue;
    any = true;
  }
  return any ? out : undefined;
}

export function labelNeedsItext(node: FormNode): boolean {
  return isTranslated(node.label) || Object.keys(mediaOf(node)).length > 0;
}

export function hintNeedsItext(node: FormNode): boolean {
  return isTranslated(node.hint) || localizedExtra(node, 'guidance_hint') !== undefined;
}

/** Text with ${name} written as <output value="…"/>. */
export function textWithOutputs(ctx: WriteCtx, text: string, context: string): XmlElement['children'][number] {
  const escaped = escapeText(text);
  const { xml, changed } = ctx.resolver.outputs(escaped, context);
  return changed ? raw(xml) : { kind: 'text', text };
}

function plain(loc: Localized | undefined, ctx: WriteCtx): string | undefined {
  if (!loc) return undefined;
  return loc.default ?? loc[ctx.defaultLang] ?? Object.values(loc)[0];
}

export function labelElement(ctx: WriteCtx, node: FormNode): XmlElement | null {
  if (labelNeedsItext(node)) return el('label', { ref: `jr:itext('${node.path}:label')` });
  const text = plain(node.label, ctx);
  if (text === undefined) return null;
  return el('label', {}, textWithOutputs(ctx, text, node.path));
}

export function hintElement(ctx: WriteCtx, node: FormNode): XmlElement | null {
  if (hintNeedsItext(node)) return el('hint', { ref: `jr:itext('${node.path}:hint')` });
  const text = plain(node.hint, ctx);
  if (text === undefined) return null;
  return el('hint', {}, textWithOutputs(ctx, text, node.path));
}

/** A message (constraint/required) as a bind attribute: plain text or an itext reference. */
export function messageAttr(node: FormNode, loc: Localized | undefined, kind: string): string | undefined {
  if (!loc) return undefined;
  const text = loc.default;
  if (!isTranslated(loc) && text !== undefined && !text.includes('${')) return text;
  return `jr:itext('${node.path}:${kind}')`;
}
