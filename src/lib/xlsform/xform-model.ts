/**
 * <model>: primary instance (with jr:template repeats), secondary instances
 * (choice lists, pulldata/external/select-from-file CSVs), binds and actions.
 */
import type { Choice, EntityDeclaration, FormNode, QuestionNode } from '../forms/model.js';
import { hasFileExtension } from './survey.js';
import { type WriteCtx, extrasWith, messageAttr } from './xform-common.js';
import { buildItext } from './xform-itext.js';
import { type XmlElement, el } from './xml.js';

const isExternalData = (n: FormNode): boolean => n.kind === 'question' && (n.variant === 'xml-external' || n.variant === 'csv-external');

function entityElement(e: EntityDeclaration): XmlElement {
  const attrs: [string, string][] = [['dataset', e.dataset], ['id', '']];
  if (e.entityId !== undefined) attrs.push(['update', '1'], ['baseVersion', '']);
  if (e.createIf !== undefined || (e.updateIf === undefined && e.entityId === undefined)) attrs.splice(1, 0, ['create', '1']);
  return el('entity', attrs, e.label !== undefined ? el('label') : null);
}

function isMeta(ctx: WriteCtx, node: FormNode): boolean {
  return node.kind === 'group' && node.path === `${ctx.form.root.path}/meta`;
}

/** One node's instance element(s); `inCopy`: inside a repeat's first instance (nested repeats get no template there). */
function instanceOf(ctx: WriteCtx, node: FormNode, inCopy: boolean): XmlElement[] {
  if (isExternalData(node)) return [];
  const attrs = extrasWith(node, 'instance::');
  if (node.kind === 'question') {
    const text = node.default !== undefined && node.dynamicDefault === undefined ? node.default : null;
    return [el(node.name, attrs, text)];
  }
  const children = (copy: boolean): XmlElement[] => {
    const out: XmlElement[] = [];
    if (isMeta(ctx, node) && ctx.form.entities) out.push(entityElement(ctx.form.entities));
    for (const c of node.children) out.push(...instanceOf(ctx, c, copy));
    return out;
  };
  if (node.kind === 'repeat' && !inCopy) {
    const template = el(node.name, [['jr:template', '']], ...templateChildren(ctx, node));
    return [template, el(node.name, attrs, ...children(true))];
  }
  return [el(node.name, attrs, ...children(inCopy))];
}

function templateChildren(ctx: WriteCtx, node: FormNode): XmlElement[] {
  if (node.kind === 'question') return [];
  const out: XmlElement[] = [];
  for (const c of node.children) {
    if (c.kind === 'repeat') out.push(el(c.name, [['jr:template', '']], ...templateChildren(ctx, c)));
    else out.push(...instanceOf(ctx, c, false));
  }
  return out;
}

function primaryInstance(ctx: WriteCtx): XmlElement {
  const { form } = ctx;
  const attrs: [string, string][] = [];
  for (const [k, v] of Object.entries(form.settings)) {
    const m = /^attribute::?(.+)$/i.exec(k.trim());
    if (m) attrs.push([m[1]!, v]);
  }
  attrs.push(['id', form.formId]);
  const xmlns = ctx.setting('instance_xmlns');
  if (xmlns !== undefined) attrs.push(['xmlns', xmlns]);
  if (form.version !== '') attrs.push(['version', form.version]);
  const prefix = ctx.setting('prefix');
  if (prefix !== undefined) attrs.push(['odk:prefix', prefix]);
  const delimiter = ctx.setting('delimiter');
  if (delimiter !== undefined) attrs.push(['odk:delimiter', delimiter]);
  const children = form.root.children.flatMap((c) => instanceOf(ctx, c, false));
  return el('instance', {}, el(form.root.name, attrs, ...children));
}

function choiceItem(ctx: WriteCtx, list: string, c: Choice, i: number): XmlElement {
  const itext = ctx.itextLists.has(list);
  const label = c.label.default ?? c.label[ctx.defaultLang] ?? Object.values(c.label)[0];
  return el(
    'item',
    {},
    itext ? el('itextId', {}, `${list}-${i}`) : null,
    el('name', {}, c.name),
    !itext && label !== undefined ? el('label', {}, label) : null,
    ...Object.entries(c.properties ?? {}).map(([k, v]) => el(k, {}, v)),
  );
}

function secondaryInstances(ctx: WriteCtx): XmlElement[] {
  const found: { name: string; src: string | null; node: XmlElement }[] = [];
  const external = (name: string, src: string): void => {
    found.push({ name, src, node: el('instance', { id: name, src }) });
  };
  let lastSaved = false;
  const visit = (n: FormNode): void => {
    if (n.kind !== 'question') {
      n.children.forEach(visit);
      return;
    }
    if (isExternalData(n)) {
      const ext = n.variant === 'csv-external' ? 'csv' : 'xml';
      external(n.name, `jr://${ext === 'csv' ? 'file-csv' : 'file'}/${n.name}.${ext}`);
    }
    const exprs = [n.calculation, n.constraint, typeof n.readonly === 'string' ? n.readonly : undefined, typeof n.required === 'string' ? n.required : undefined, n.relevant, n.choiceFilter, n.dynamicDefault ?? n.default];
    for (const e of exprs) {
      if (e === undefined) continue;
      for (const m of e.matchAll(/pulldata\s*\(\s*(.*?),/g)) {
        const id = (m[1] ?? '').replace(/['"]/g, '').trim();
        external(id, `jr://file-csv/${id}.csv`);
      }
      if (e.includes("instance('__last-saved')")) lastSaved = true;
    }
    if (n.listName !== undefined && hasFileExtension(n.listName)) {
      const dot = n.listName.lastIndexOf('.');
      const ext = n.listName.slice(dot + 1).toLowerCase();
      external(n.listName.slice(0, dot), `jr://${ext === 'xml' || ext === 'geojson' ? 'file' : `file-${ext}`}/${n.listName}`);
    }
  };
  ctx.form.root.children.forEach(visit);
  if (lastSaved) external('__last-saved', 'jr://instance/last-saved');
  for (const [list, choices] of Object.entries(ctx.form.choices)) {
    if (list.startsWith('osm::') || choices.length === 0) continue;
    found.push({ name: list, src: null, node: el('instance', { id: list }, el('root', {}, ...choices.map((c, i) => choiceItem(ctx, list, c, i)))) });
  }
  const seen = new Set<string>();
  const out: XmlElement[] = [];
  for (const f of found) {
    if (seen.has(f.name)) continue;
    seen.add(f.name);
    out.push(f.node);
  }
  return out;
}

const flagAttr = (v: true | string | undefined): string | undefined => (v === true ? 'true()' : v);

function parameterBinds(q: QuestionNode): [string, string][] {
  const p = q.parameters ?? {};
  const out: [string, string][] = [];
  if (q.type === 'image' && p['max-pixels'] !== undefined) out.push(['orx:max-pixels', p['max-pixels']]);
  if (q.type === 'audio' && q.variant !== 'background-audio' && p.quality !== undefined) out.push(['odk:quality', p.quality]);
  if (['geopoint', 'geotrace', 'geoshape'].includes(q.type) && p['allow-mock-accuracy'] !== undefined) out.push(['odk:allow-mock-accuracy', p['allow-mock-accuracy']]);
  if (q.type === 'audit') {
    for (const k of ['location-max-age', 'location-min-interval', 'location-priority', 'track-changes', 'identify-user', 'track-changes-reasons']) {
      if (p[k] !== undefined) out.push([`odk:${k}`, p[k]]);
    }
  }
  return out;
}

function questionBind(ctx: WriteCtx, q: QuestionNode): XmlElement | null {
  if (isExternalData(q)) return null;
  const attrs: [string, string | undefined][] = [
    ['type', q.bindType !== '' ? q.bindType : undefined],
    ['required', flagAttr(q.required)],
    ['relevant', q.relevant],
    ['constraint', q.constraint],
    ['jr:constraintMsg', messageAttr(q, q.constraintMessage, 'jr:constraintMsg')],
    ['jr:requiredMsg', messageAttr(q, q.requiredMessage, 'jr:requiredMsg')],
    ['calculate', q.trigger !== undefined ? undefined : q.calculation],
    ['readonly', flagAttr(q.readonly)],
    ['jr:preload', q.preload?.preload],
    ['jr:preloadParams', q.preload?.preloadParams],
    ...parameterBinds(q),
  ];
  for (const [k, v] of extrasWith(q, 'bind::')) {
    if (k.startsWith('jr:noAppErrorString::')) continue;
    if (k === 'jr:noAppErrorString') attrs.push([k, Object.keys(q.extra ?? {}).some((x) => x.startsWith('bind::jr:noAppErrorString::')) ? `jr:itext('${q.path}:jr:noAppErrorString')` : v]);
    else attrs.push([k, v]);
  }
  const present = attrs.filter((a): a is [string, string] => a[1] !== undefined);
  return present.length > 0 ? el('bind', [['nodeset', q.path], ...present]) : null;
}

function entityBinds(path: string, e: EntityDeclaration): XmlElement[] {
  const out: XmlElement[] = [];
  const calc = (attr: string, value: string): XmlElement => el('bind', { nodeset: `${path}/${attr}`, calculate: value, type: 'string', readonly: 'true()' });
  if (e.createIf !== undefined) out.push(calc('@create', e.createIf));
  out.push(el('bind', { nodeset: `${path}/@id`, type: 'string', readonly: 'true()', ...(e.entityId !== undefined ? { calculate: e.entityId } : {}) }));
  if (e.createIf !== undefined || e.entityId === undefined) {
    out.push(el('setvalue', { ref: `${path}/@id`, event: 'odk-instance-first-load', value: 'uuid()' }));
  }
  if (e.updateIf !== undefined) out.push(calc('@update', e.updateIf));
  if (e.entityId !== undefined) out.push(calc('@baseVersion', `instance('${e.dataset}')/root/item[name=${e.entityId}]/__version`));
  if (e.label !== undefined) out.push(calc('label', e.label));
  return out;
}

function binds(ctx: WriteCtx): XmlElement[] {
  const out: XmlElement[] = [];
  const visit = (n: FormNode): void => {
    if (n.kind === 'question') {
      const b = questionBind(ctx, n);
      if (b) out.push(b);
      return;
    }
    const attrs: [string, string][] = [];
    if (n.relevant !== undefined) attrs.push(['relevant', n.relevant]);
    attrs.push(...extrasWith(n, 'bind::'));
    if (attrs.length > 0) out.push(el('bind', [['nodeset', n.path], ...attrs]));
    if (isMeta(ctx, n) && ctx.form.entities) out.push(...entityBinds(`${n.path}/entity`, ctx.form.entities));
    n.children.forEach(visit);
  };
  ctx.form.root.children.forEach(visit);
  return out;
}

function actions(ctx: WriteCtx): XmlElement[] {
  const out: XmlElement[] = [];
  const visit = (n: FormNode): void => {
    if (n.kind !== 'question') {
      n.children.forEach(visit);
      return;
    }
    if (n.dynamicDefault !== undefined) out.push(el('setvalue', { event: 'odk-instance-first-load', ref: n.path, value: n.dynamicDefault }));
    if (n.variant === 'start-geopoint') out.push(el('odk:setgeopoint', { event: 'odk-instance-first-load', ref: n.path }));
    if (n.variant === 'background-audio') out.push(el('odk:recordaudio', { event: 'odk-instance-load', ref: n.path, 'odk:quality': n.parameters?.quality }));
  };
  ctx.form.root.children.forEach(visit);
  return out;
}

export function buildModel(ctx: WriteCtx): XmlElement {
  const s = ctx.setting.bind(ctx);
  const children: (XmlElement | null)[] = [];
  const url = s('submission_url');
  const key = s('public_key');
  const autoSend = s('auto_send');
  const autoDelete = s('auto_delete');
  if (url !== undefined || key !== undefined || autoSend !== undefined || autoDelete !== undefined) {
    children.push(
      el('submission', {
        action: url,
        method: url !== undefined ? 'post' : undefined,
        base64RsaPublicKey: key,
        'orx:auto-send': autoSend,
        'orx:auto-delete': autoDelete,
      }),
    );
  }
  children.push(buildItext(ctx), primaryInstance(ctx), ...secondaryInstances(ctx), ...binds(ctx), ...actions(ctx));
  const attrs: Record<string, string> = { 'odk:xforms-version': '1.0.0' };
  if (ctx.form.entities) attrs['entities:entities-version'] = '2024.1.0';
  return el('model', attrs, ...children);
}
