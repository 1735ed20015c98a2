/**
 * The non-survey sheets: settings (first data row), choices (lists in order
 * of first appearance), entities, osm and external_choices.
 */
import type { Choice, EntityDeclaration } from '../forms/model.js';
import { type Columns, type Row, headerFor, isTranslatable, localizedOf, parseColumns, rowOf } from './headers.js';
import { Issues } from './issues.js';
import type { SheetData } from './workbook.js';

export const SUPPORTED_SHEETS = ['survey', 'choices', 'settings', 'external_choices', 'entities', 'osm'] as const;
export type SupportedSheet = (typeof SUPPORTED_SHEETS)[number];

export const YES = new Set(['yes', 'true', 'true()']);
export const NO = new Set(['no', 'false', 'false()']);
export const isYes = (v: string | undefined): boolean => v !== undefined && YES.has(v.toLowerCase());

/** A valid XML element name (as pyxform's is_xml_tag). */
export function isXmlName(name: string): boolean {
  return /^[\p{L}_][\p{L}\p{N}\p{M}_.\-\u00B7]*$/u.test(name);
}

export interface Settings {
  /** As written: header → value. */
  raw: Record<string, string>;
  /** Canonical key → value. */
  canon: Map<string, string>;
  row: number;
}

export function readSettings(sheet: SheetData | undefined, issues: Issues): Settings {
  const raw: Record<string, string> = {};
  const canon = new Map<string, string>();
  if (!sheet) return { raw, canon, row: 2 };
  const cols = parseColumns('settings', sheet, issues);
  const first = sheet.rows.find((r) => r.cells.some((c) => c !== ''));
  if (!first) return { raw, canon, row: 2 };
  const row = rowOf(cols, first);
  cols.keys.forEach((key, i) => {
    const v = first.cells[i];
    if (key !== null && v !== undefined && v !== '') raw[sheet.header[i]!.trim()] = v;
  });
  for (const [k, v] of row.values) canon.set(k.toLowerCase(), v);
  return { raw, canon, row: first.row };
}

export interface ChoiceRow {
  choice: Choice;
  row: number;
}

export interface ChoiceLists {
  lists: Map<string, ChoiceRow[]>;
  cols: Columns | null;
  sheet: string;
  /** Property columns (besides list_name, name, label, media) in header order. */
  languages: string[];
}

function choiceOf(row: Row): Choice {
  const label = localizedOf(row.values, 'label') ?? {};
  const choice: Choice = { name: row.values.get('name') ?? '', label };
  const media: Record<string, Record<string, string>> = {};
  const properties: Record<string, string> = {};
  for (const [k, v] of row.values) {
    if (k === 'list_name' || k === 'name' || k === 'label' || k.startsWith('label::')) continue;
    if (k.startsWith('media::')) {
      const [, type, ...lang] = k.split('::');
      if (type === undefined) continue;
      (media[type] ??= {})[lang.length > 0 ? lang.join('::') : 'default'] = v;
      continue;
    }
    if (isXmlName(k)) properties[k] = v;
  }
  if (Object.keys(media).length > 0) choice.media = media;
  if (Object.keys(properties).length > 0) choice.properties = properties;
  return choice;
}

/** Reads a choices-like sheet (choices, external_choices, osm). */
export function readChoices(sheet: SheetData | undefined, kind: 'choices' | 'external_choices' | 'osm', issues: Issues, allowDuplicates: boolean): ChoiceLists {
  const lists = new Map<string, ChoiceRow[]>();
  if (!sheet) return { lists, cols: null, sheet: kind, languages: [] };
  const cols = parseColumns(kind, sheet, issues);
  const languages: string[] = [];
  for (const key of cols.keys) {
    if (key === null) continue;
    const base = key.startsWith('media::') ? key.split('::').slice(0, 2).join('::') : key.split('::')[0]!;
    if (!isTranslatable(base)) continue;
    const lang = key.length > base.length ? key.slice(base.length + 2) : 'default';
    if (!languages.includes(lang)) languages.push(lang);
  }
  if (kind === 'choices' && sheet.rows.length > 0 && !cols.keys.includes('name')) {
    issues.error(sheet.name, 1, null, 'missingChoiceNameColumn');
    return { lists, cols, sheet: sheet.name, languages };
  }
  for (const r of sheet.rows) {
    const row = rowOf(cols, r);
    for (const [k, v] of row.values) row.values.set(k, v.replace(/[\u2018\u2019]/g, "'").replace(/[\u201c\u201d]/g, '"'));
    const listName = row.values.get('list_name');
    if (listName === undefined) continue;
    const choice = choiceOf(row);
    if (choice.name === '') {
      if (kind === 'choices') issues.error(sheet.name, row.row, headerFor(cols, 'name'), 'choiceNoName');
      continue;
    }
    let list = lists.get(listName);
    if (!list) lists.set(listName, (list = []));
    const dup = list.find((c) => c.choice.name === choice.name);
    if (dup && !allowDuplicates && kind === 'choices') {
      issues.error(sheet.name, row.row, headerFor(cols, 'name'), 'duplicateChoice', { name: choice.name, list: listName, other: dup.row });
    }
    list.push({ choice, row: row.row });
  }
  return { lists, cols, sheet: sheet.name, languages };
}

export function readEntities(sheet: SheetData | undefined, issues: Issues): EntityDeclaration | undefined {
  if (!sheet) return undefined;
  const cols = parseColumns('entities', sheet, issues);
  const first = sheet.rows.find((r) => r.cells.some((c) => c !== ''));
  if (!first) return undefined;
  const v = rowOf(cols, first).values;
  const dataset = v.get('dataset');
  if (dataset === undefined) return undefined;
  const entity: EntityDeclaration = { dataset };
  const label = v.get('label');
  if (label !== undefined) entity.label = label;
  const createIf = v.get('create_if');
  if (createIf !== undefined) entity.createIf = createIf;
  const updateIf = v.get('update_if');
  if (updateIf !== undefined) entity.updateIf = updateIf;
  const entityId = v.get('entity_id');
  if (entityId !== undefined) entity.entityId = entityId;
  return entity;
}
