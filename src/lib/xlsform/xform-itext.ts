/**
 * <itext>: translations of labels, hints, messages and media, one
 * <translation> per language, every text present in every language ("-"
 * where a translation is missing, as pyxform does).
 */
import type { FormNode, Localized } from '../forms/model.js';
import { type WriteCtx, hintNeedsItext, isTranslated, labelNeedsItext, langOf, localizedExtra, mediaOf } from './xform-common.js';
import { type XmlElement, el, escapeText, raw } from './xml.js';

/** lang → text id → form ("long", "guidance", "image", "audio", …) → value. */
type Translations = Map<string, Map<string, Map<string, string>>>;

interface Entry {
  context: string | null;
}

export function buildItext(ctx: WriteCtx): XmlElement | null {
  const tr: Translations = new Map();
  const entries = new Map<string, Entry>();
  const put = (lang: string, id: string, form: string, value: string, context: string | null): void => {
    let byId = tr.get(lang);
    if (!byId) tr.set(lang, (byId = new Map<string, Map<string, string>>()));
    let forms = byId.get(id);
    if (!forms) byId.set(id, (forms = new Map<string, string>()));
    forms.set(form, value);
    if (!entries.has(id)) entries.set(id, { context });
  };
  const putAll = (loc: Localized, id: string, form: string, context: string | null): void => {
    for (const [k, v] of Object.entries(loc)) put(langOf(ctx, k), id, form, v, context);
  };

  for (const [list, choices] of Object.entries(ctx.form.choices)) {
    if (!ctx.itextLists.has(list) || list.startsWith('osm::')) continue;
    choices.forEach((c, i) => {
      const id = `${list}-${i}`;
      putAll(c.label, id, 'long', null);
      for (const [type, loc] of Object.entries(c.media ?? {})) putAll(loc, id, type, null);
    });
  }

  const visit = (node: FormNode): void => {
    if (node.kind === 'question') {
      for (const [loc, kind] of [
        [node.constraintMessage, 'jr:constraintMsg'],
        [node.requiredMessage, 'jr:requiredMsg'],
      ] as const) {
        if (loc && (isTranslated(loc) || Object.values(loc).some((t) => t.includes('${')))) putAll(loc, `${node.path}:${kind}`, 'long', node.path);
      }
      const noApp = localizedExtra(node, 'bind::jr:noAppErrorString');
      if (noApp && isTranslated(noApp)) putAll(noApp, `${node.path}:jr:noAppErrorString`, 'long', node.path);
    }
    if (labelNeedsItext(node) && node.label) putAll(node.label, `${node.path}:label`, 'long', node.path);
    if (hintNeedsItext(node) && node.hint) putAll(node.hint, `${node.path}:hint`, 'long', node.path);
    const guidance = localizedExtra(node, 'guidance_hint');
    if (guidance) putAll(guidance, `${node.path}:hint`, 'guidance', node.path);
    for (const [type, loc] of Object.entries(mediaOf(node))) putAll(loc, `${node.path}:label`, type, node.path);
    if (node.kind !== 'question') node.children.forEach(visit);
  };
  ctx.form.root.children.forEach(visit);
  if (tr.size === 0) return null;

  // Every text in every language, every form of it too.
  const forms = new Map<string, Set<string>>();
  for (const byId of tr.values()) for (const [id, f] of byId) forms.set(id, new Set([...(forms.get(id) ?? []), ...f.keys()]));
  for (const byId of tr.values()) {
    for (const [id, fs] of forms) {
      let f = byId.get(id);
      if (!f) byId.set(id, (f = new Map<string, string>()));
      for (const form of fs) if (!f.has(form)) f.set(form, '-');
    }
  }

  const translations: XmlElement[] = [];
  for (const [lang, byId] of tr) {
    const texts: XmlElement[] = [];
    for (const [id, f] of byId) {
      const values: XmlElement[] = [];
      const context = entries.get(id)?.context ?? null;
      for (const [form, value] of f) {
        if (form === 'long' || form === 'guidance') {
          const escaped = escapeText(value);
          const out = ctx.resolver.outputs(escaped, context);
          values.push(el('value', form === 'guidance' ? { form } : {}, out.changed ? raw(out.xml) : value));
        } else if (value !== '-') {
          const prefix = form === 'image' || form === 'big-image' ? 'jr://images/' : `jr://${form}/`;
          values.push(el('value', { form }, prefix + value));
        }
      }
      texts.push(el('text', { id }, ...values));
    }
    translations.push(el('translation', lang === ctx.defaultLang ? { lang, default: 'true()' } : { lang }, ...texts));
  }
  return el('itext', {}, ...translations);
}
