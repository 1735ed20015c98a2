/**
 * The survey sheet, row by row as pyxform reads it: begin/end blocks, selects
 * (or_other, table-list), generated nodes (notes without names, repeat_count
 * calculations, table-list labels) and the checks that name a row and column.
 */
import type { Choice } from '../forms/model.js';
import { type Columns, type Row, headerFor } from './headers.js';
import { Issues } from './issues.js';
import { isSingleReference } from './references.js';
import { type ChoiceLists, type ChoiceRow, isXmlName, isYes } from './sheets.js';
import { type ControlKind, type SelectParse, type TypeSpec, lookupType, parseBegin, parseEnd, parseOsm, parseSelect } from './types.js';

export interface Draft {
  kind: 'question' | ControlKind;
  name: string;
  row: number;
  values: Map<string, string>;
  spec?: TypeSpec;
  select?: SelectParse;
  /** osm: the osm sheet list of tags. Loop: the list to loop over. */
  listName?: string;
  children: Draft[];
}

export interface SurveyContext {
  cols: Columns;
  choices: ChoiceLists;
  external: ChoiceLists;
  osm: ChoiceLists;
  issues: Issues;
  /** Names of rows dropped because of an error (their references are not reported again). */
  skipped: Set<string>;
}

interface Frame {
  kind: ControlKind | null;
  name: string;
  row: number;
  children: Draft[];
  names: Map<string, number>;
}

const FILE_EXTENSIONS = ['.csv', '.xml', '.geojson'];

export function hasFileExtension(listName: string): boolean {
  return FILE_EXTENSIONS.some((e) => listName.toLowerCase().endsWith(e));
}

function hasLabel(values: Map<string, string>): boolean {
  for (const k of values.keys()) if (k === 'label' || k.startsWith('label::')) return true;
  return false;
}

function addOther(list: ChoiceRow[], languages: string[]): void {
  if (list.some((c) => c.choice.name === 'other')) return;
  const langs = new Set<string>();
  for (const c of list) for (const l of Object.keys(c.choice.label)) langs.add(l);
  if (langs.size === 0) langs.add('default');
  const label: Record<string, string> = {};
  for (const l of langs.size > 0 ? langs : new Set(languages)) label[l] = 'Other';
  const other: Choice = { name: 'other', label };
  list.push({ choice: other, row: list[list.length - 1]?.row ?? 0 });
}

/** Parses the survey rows into a tree of drafts (plus the rows that go in meta, e.g. audit). */
export function readSurvey(rows: Row[], ctx: SurveyContext): { children: Draft[]; meta: Draft[] } {
  const { cols, choices, issues } = ctx;
  const sheet = cols.sheet;
  const col = (key: string): string => headerFor(cols, key);
  const root: Frame = { kind: null, name: '', row: 1, children: [], names: new Map() };
  const stack: Frame[] = [root];
  const meta: Draft[] = [];
  // null: not in a table-list group; true: in one, no select yet; string: its list.
  let tableList: true | string | null = null;

  for (const r of rows) {
    const values = new Map(r.values);
    const n = r.row;
    const top = stack[stack.length - 1]!;
    const disabled = values.get('disabled');
    values.delete('disabled');
    if (isYes(disabled)) continue;
    if (values.size === 0) continue;
    const type = values.get('type');
    if (type === undefined) {
      if (values.has('name') || hasLabel(values)) issues.error(sheet, n, col('type'), 'noType');
      continue;
    }

    if (type.toLowerCase() === 'audit') {
      const name = values.get('name');
      if (name !== undefined && name !== 'audit') issues.error(sheet, n, col('name'), 'auditName');
      values.set('name', 'audit');
      meta.push({ kind: 'question', name: 'audit', row: n, values, spec: lookupType('audit')!, children: [] });
      continue;
    }

    const endKind = parseEnd(type);
    if (endKind !== undefined) {
      if (top.kind !== endKind || stack.length === 1) {
        issues.error(sheet, n, col('type'), 'unmatchedEnd', { kind: endKind });
      } else {
        stack.pop();
      }
      tableList = null;
      continue;
    }

    let name = values.get('name');
    if (name === undefined) {
      if (type.toLowerCase() === 'note') {
        name = `generated_note_name_${n}`;
        values.set('name', name);
      } else {
        const begin = parseBegin(type);
        issues.error(sheet, n, col('name'), 'noName', { what: begin ? begin.kind : 'question' });
        if (begin) {
          // Keep the block so its end still matches.
          stack.push({ kind: begin.kind, name: '', row: n, children: [], names: new Map() });
        }
        continue;
      }
    }
    if (!isXmlName(name)) issues.error(sheet, n, col('name'), 'invalidName', { name });
    const seen = top.names.get(name);
    if (seen !== undefined) issues.error(sheet, n, col('name'), 'duplicateName', { name, other: seen });
    else top.names.set(name, n);

    const begin = parseBegin(type);
    if (begin) {
      const draft: Draft = { kind: begin.kind, name, row: n, values, children: [] };
      if (begin.kind === 'loop') {
        if (begin.listName === undefined) issues.error(sheet, n, col('type'), 'loopNoList');
        else if (!choices.lists.has(begin.listName)) issues.error(sheet, n, col('type'), 'missingList', { list: begin.listName, sheet: 'choices' });
        else draft.listName = begin.listName;
      }
      const count = values.get('control::jr:count');
      if (begin.kind === 'repeat' && count !== undefined && !isSingleReference(count)) {
        const countName = `${name}_count`;
        top.children.push({
          kind: 'question',
          name: countName,
          row: n,
          values: new Map([['name', countName], ['bind::readonly', 'true()'], ['bind::calculate', count]]),
          spec: lookupType('calculate')!,
          children: [],
        });
        values.set('control::jr:count', `\${${countName}}`);
      }
      const appearance = values.get('control::appearance');
      if (appearance !== undefined && appearance.split(/\s+/).includes('table-list')) {
        tableList = true;
        values.set('control::appearance', ['field-list', ...appearance.split(/\s+/).filter((w) => w !== 'table-list')].join(' '));
        const labelKeys = [...values.keys()].filter((k) => k === 'label' || k.startsWith('label::') || k === 'hint' || k.startsWith('hint::'));
        if (labelKeys.length > 0) {
          const noteName = `generated_table_list_label_${n}`;
          const noteValues = new Map<string, string>([['name', noteName]]);
          for (const k of labelKeys) {
            noteValues.set(k, values.get(k)!);
            values.delete(k);
          }
          draft.children.push({ kind: 'question', name: noteName, row: n, values: noteValues, spec: lookupType('note')!, children: [] });
        }
      }
      top.children.push(draft);
      stack.push({ kind: begin.kind, name, row: n, children: draft.children, names: new Map() });
      continue;
    }

    const select = parseSelect(type);
    if (select) {
      readSelect(select, name, values, n, top, ctx);
      if (tableList !== null) {
        if (tableList === true) {
          tableList = select.listName;
          if (values.has('choice_filter')) issues.error(sheet, n, col('choice_filter'), 'badParameter', { detail: 'choice_filter is not supported in a table-list group' });
          const headerName = `reserved_name_for_field_list_labels_${n}`;
          const last = top.children.pop()!;
          top.children.push({
            kind: 'question',
            name: headerName,
            row: n,
            values: new Map([['name', headerName], ['control::appearance', 'label']]),
            spec: last.spec!,
            select: { ...select, orOther: false },
            children: [],
          });
          top.children.push(last);
        } else if (tableList !== select.listName) {
          issues.error(sheet, n, col('type'), 'tableListMismatch', { first: tableList, list: select.listName });
        }
        values.set('control::appearance', 'list-nolabel');
      }
      if (select.orOther) {
        const otherName = `${name}_other`;
        top.children.push({
          kind: 'question',
          name: otherName,
          row: n,
          values: new Map([['name', otherName], ['label', 'Specify other.'], ['bind::relevant', `selected(../${name}, 'other')`]]),
          spec: lookupType('text')!,
          children: [],
        });
      }
      continue;
    }

    const osm = parseOsm(type);
    const spec = osm ? lookupType('osm') : lookupType(type);
    if (!spec) {
      issues.error(sheet, n, col('type'), 'unknownType', { type });
      ctx.skipped.add(name);
      continue;
    }
    const draft: Draft = { kind: 'question', name, row: n, values, spec, children: [] };
    if (osm?.listName !== undefined) draft.listName = osm.listName;
    if (spec.type === 'calculate' && !values.has('bind::calculate') && !values.has('default')) {
      issues.error(sheet, n, col('bind::calculate'), 'missingCalculation', { name });
    }
    if (spec.type === 'range') readRange(draft, ctx);
    top.children.push(draft);
  }

  for (let i = stack.length - 1; i > 0; i--) {
    const f = stack[i]!;
    issues.error(sheet, f.row, col('type'), 'unmatchedBegin', { kind: f.kind ?? 'group', name: f.name });
  }
  return { children: root.children, meta };
}

function readSelect(select: SelectParse, name: string, values: Map<string, string>, n: number, top: Frame, ctx: SurveyContext): void {
  const { cols, choices, external, issues } = ctx;
  const col = (key: string): string => headerFor(cols, key);
  const list = select.listName;
  const spec: TypeSpec = {
    type: select.type,
    bindType: select.type === 'rank' ? 'odk:rank' : 'string',
    control: select.variant === 'select_one_external' ? 'input' : select.type === 'select_one' ? 'select1' : select.type === 'rank' ? 'odk:rank' : 'select',
    ...(select.variant !== undefined ? { variant: select.variant } : {}),
  };
  const fromFile = hasFileExtension(list);
  const fromAnswers = list.includes('${');
  if (select.variant === 'select_one_external') {
    if (!external.lists.has(list)) issues.error(cols.sheet, n, col('type'), 'missingList', { list, sheet: 'external_choices' });
  } else if (!fromFile && !fromAnswers && !choices.lists.has(list)) {
    issues.error(cols.sheet, n, col('type'), 'missingList', { list, sheet: 'choices' });
  }
  const rows = choices.lists.get(list);
  if (select.type === 'select_multiple' && rows && !fromFile) {
    for (const c of rows) {
      if (c.choice.name.includes(' ')) {
        issues.error(choices.sheet, c.row, choices.cols ? headerFor(choices.cols, 'name') : 'name', 'choiceSpace', { name: c.choice.name, list });
      }
    }
  }
  if (select.orOther) {
    if (values.has('choice_filter')) issues.error(cols.sheet, n, col('choice_filter'), 'orOtherFilter');
    if (rows) addOther(rows, choices.languages);
  }
  top.children.push({ kind: 'question', name, row: n, values, spec, select, children: [] });
}

/** Range parameters: numbers, defaults start=1 end=10 step=1; decimal when any has a fraction. */
function readRange(draft: Draft, ctx: SurveyContext): void {
  const params = parseParameters(draft.values.get('parameters') ?? '');
  const bad = Object.entries(params).find(([k, v]) => ['start', 'end', 'step'].includes(k) && !Number.isFinite(Number(v)));
  if (bad) {
    ctx.issues.error(ctx.cols.sheet, draft.row, headerFor(ctx.cols, 'parameters'), 'badParameter', {
      detail: `range ${bad[0]}=${bad[1]} is not a number`,
    });
    return;
  }
  if (['start', 'end', 'step'].some((k) => (params[k] ?? '').includes('.'))) draft.spec = { ...draft.spec!, bindType: 'decimal' };
}

/** `parameters` column: "start=1 end=10", "randomize=true; seed=${s}", "max-pixels=1024". */
export function parseParameters(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  const normalised = text.replace(/\s*=\s*/g, '=').trim();
  if (normalised === '') return out;
  for (const part of normalised.split(/[;,\s]+/)) {
    const eq = part.indexOf('=');
    if (eq <= 0) continue;
    out[part.slice(0, eq).toLowerCase()] = part.slice(eq + 1);
  }
  return out;
}

