/**
 * <h:body>: a control per question (input, select1, select, odk:rank,
 * upload, trigger, range), groups and repeats, itemsets, and the actions
 * that live in the body (trigger recalculations, new-repeat defaults).
 */
import type { FormNode, GroupNode, QuestionNode, RepeatNode } from '../forms/model.js';
import { hasFileExtension } from './survey.js';
import { type WriteCtx, extrasWith, hintElement, labelElement } from './xform-common.js';
import { type XmlElement, el } from './xml.js';

const TAGS: Partial<Record<QuestionNode['type'], string>> = {
  text: 'input',
  integer: 'input',
  decimal: 'input',
  date: 'input',
  time: 'input',
  dateTime: 'input',
  geopoint: 'input',
  geotrace: 'input',
  geoshape: 'input',
  barcode: 'input',
  note: 'input',
  select_one: 'select1',
  select_multiple: 'select',
  rank: 'odk:rank',
  image: 'upload',
  audio: 'upload',
  video: 'upload',
  file: 'upload',
  acknowledge: 'trigger',
  range: 'range',
};

const MEDIATYPES: Partial<Record<QuestionNode['type'], string>> = { image: 'image/*', audio: 'audio/*', video: 'video/*', file: 'application/*' };
const BODYLESS = new Set(['start-geopoint', 'background-geopoint', 'background-audio', 'xml-external', 'csv-external']);

function controlTag(q: QuestionNode): string | undefined {
  if (q.variant !== undefined && BODYLESS.has(q.variant)) return undefined;
  if (q.variant === 'select_one_external') return 'input';
  return TAGS[q.type];
}

function itemset(ctx: WriteCtx, q: QuestionNode): XmlElement {
  const list = q.listName ?? '';
  const filter = q.choiceFilter !== undefined ? `[${q.choiceFilter}]` : '';
  const p = q.parameters ?? {};
  if (hasFileExtension(list)) {
    const id = list.slice(0, list.lastIndexOf('.'));
    return el('itemset', { nodeset: `instance('${id}')/root/item${filter}` }, el('value', { ref: p.value ?? 'name' }), el('label', { ref: p.label ?? 'label' }));
  }
  if (list.trim().startsWith('/') || list.trim().startsWith('..')) {
    return el('itemset', { nodeset: `${list.trim()}${filter}` }, el('value', { ref: '.' }), el('label', { ref: '.' }));
  }
  let nodeset = `instance('${list}')/root/item${filter}`;
  if (p.randomize === 'true') nodeset = p.seed !== undefined ? `randomize(${nodeset}, ${p.seed})` : `randomize(${nodeset})`;
  const label = ctx.itextLists.has(list) ? 'jr:itext(itextId)' : 'label';
  return el('itemset', { nodeset }, el('value', { ref: 'name' }), el('label', { ref: label }));
}

function osmTags(ctx: WriteCtx, q: QuestionNode): XmlElement[] {
  const tags = ctx.form.choices[`osm::${q.listName ?? ''}`] ?? [];
  return tags.map((t) => el('tag', { key: t.name }, el('label', {}, t.label.default ?? Object.values(t.label)[0] ?? t.name)));
}

function controlAttrs(q: QuestionNode): [string, string | undefined][] {
  const p = q.parameters ?? {};
  const attrs: [string, string | undefined][] = [['ref', q.path], ['appearance', q.appearance]];
  if (q.type === 'text' && p.rows !== undefined) attrs.push(['rows', p.rows]);
  if (q.type === 'image' && p.app !== undefined && (q.appearance === undefined || q.appearance === 'annotate')) attrs.push(['intent', p.app]);
  if (q.type === 'geopoint') {
    attrs.push(['accuracyThreshold', p['capture-accuracy']], ['unacceptableAccuracyThreshold', p['warning-accuracy']]);
  }
  if (q.type === 'range') attrs.push(['start', p.start ?? '1'], ['end', p.end ?? '10'], ['step', p.step ?? '1']);
  const mediatype = q.variant === 'osm' ? 'osm/*' : MEDIATYPES[q.type];
  if (mediatype !== undefined) attrs.push(['mediatype', mediatype]);
  if (q.variant === 'select_one_external') {
    attrs.push(['query', `instance('${q.listName ?? ''}')/root/item${q.choiceFilter !== undefined ? `[${q.choiceFilter}]` : ''}`]);
  }
  for (const [k, v] of extrasWith(q, 'control::')) if (!attrs.some(([a]) => a === k)) attrs.push([k, v]);
  return attrs;
}

function triggerActions(ctx: WriteCtx, q: QuestionNode): XmlElement[] {
  return (ctx.triggered.get(q.path) ?? []).map((t) =>
    t.variant === 'background-geopoint'
      ? el('odk:setgeopoint', { event: 'xforms-value-changed', ref: t.path })
      : el('setvalue', { event: 'xforms-value-changed', ref: t.path, value: t.calculation ?? '' }),
  );
}

function newRepeatDefault(q: QuestionNode, inRepeat: boolean): XmlElement | null {
  return inRepeat && q.dynamicDefault !== undefined ? el('setvalue', { event: 'odk-new-repeat', ref: q.path, value: q.dynamicDefault }) : null;
}

function questionControl(ctx: WriteCtx, q: QuestionNode, inRepeat: boolean): XmlElement[] {
  const tag = controlTag(q);
  if (tag === undefined) {
    const actions = [...triggerActions(ctx, q)];
    const d = newRepeatDefault(q, inRepeat);
    if (d) actions.push(d);
    return actions;
  }
  const label = labelElement(ctx, q);
  const hint = hintElement(ctx, q);
  const children: (XmlElement | null)[] = [label ?? el('label'), hint];
  if (tag === 'select1' || tag === 'select' || tag === 'odk:rank') children.push(itemset(ctx, q));
  if (q.variant === 'osm') children.push(...osmTags(ctx, q));
  children.push(...triggerActions(ctx, q), newRepeatDefault(q, inRepeat));
  return [el(tag, controlAttrs(q), ...children)];
}

function groupControl(ctx: WriteCtx, g: GroupNode, inRepeat: boolean): XmlElement[] {
  if (g.path === `${ctx.form.root.path}/meta`) return [];
  const attrs: [string, string | undefined][] = [['ref', g.path], ['appearance', g.appearance], ...extrasWith(g, 'control::')];
  return [el('group', attrs, labelElement(ctx, g), ...controls(ctx, g.children, inRepeat))];
}

function repeatControl(ctx: WriteCtx, r: RepeatNode): XmlElement[] {
  const attrs: [string, string | undefined][] = [['nodeset', r.path], ['appearance', r.appearance]];
  if (r.repeatCount !== undefined) attrs.push(['jr:count', r.repeatCount]);
  attrs.push(...extrasWith(r, 'control::').filter(([k]) => k !== 'jr:count'));
  const repeat = el('repeat', attrs, ...controls(ctx, r.children, true));
  return [el('group', { ref: r.path, appearance: r.appearance }, labelElement(ctx, r) ?? el('label'), repeat)];
}

function controls(ctx: WriteCtx, nodes: FormNode[], inRepeat: boolean): XmlElement[] {
  return nodes.flatMap((n) =>
    n.kind === 'question' ? questionControl(ctx, n, inRepeat) : n.kind === 'group' ? groupControl(ctx, n, inRepeat) : repeatControl(ctx, n),
  );
}

export function buildBody(ctx: WriteCtx): XmlElement {
  const style = ctx.setting('style');
  return el('h:body', style !== undefined ? { class: style } : {}, ...controls(ctx, ctx.form.root.children, false));
}
