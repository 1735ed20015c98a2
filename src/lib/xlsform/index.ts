/**
 * XLSForm → form model → XForm, following pyxform (the reference converter).
 *
 * - readXlsForm: reads an .xlsx (or a CSV XLSForm with stacked sheets),
 *   checks it and returns the form, or every problem found, each with sheet,
 *   row, column and a message in English and Thai. Legacy .xls is refused.
 * - toXForm: the XForm XML for ODK Collect and Enketo.
 * - formHash: "md5:<hex>" of the XForm, as OpenRosa form lists need.
 */
import { createHash } from 'node:crypto';
import type { FormDefinition, XlsFormIssue } from '../forms/model.js';
import { buildForm } from './build.js';
import { levenshtein, parseColumns, rowOf } from './headers.js';
import { Issues } from './issues.js';
import { SUPPORTED_SHEETS, type SupportedSheet, readChoices, readEntities, readSettings } from './sheets.js';
import { readSurvey } from './survey.js';
import { type SheetData, readSheets } from './workbook.js';

export { toXForm } from './xform.js';

export type ReadResult = { form: FormDefinition; warnings: XlsFormIssue[] } | { issues: XlsFormIssue[] };

const SMART_QUOTES: Record<string, string> = { '\u2018': "'", '\u2019': "'", '\u201c': '"', '\u201d': '"' };

/** pyxform's clean_text_values: smart quotes to plain ones; on the survey sheet, runs of spaces to one. */
export function cleanText(value: string, collapseSpaces: boolean): string {
  const v = value.replace(/[\u2018\u2019\u201c\u201d]/g, (q) => SMART_QUOTES[q] ?? q);
  return collapseSpaces ? v.replace(/ {2,}/g, ' ').trim() : v;
}

function fileStem(fileName: string): string {
  const base = fileName.split(/[\\/]/).pop() ?? fileName;
  const dot = base.lastIndexOf('.');
  return dot > 0 ? base.slice(0, dot) : base || 'data';
}

export async function readXlsForm(data: Uint8Array | Buffer, fileName: string): Promise<ReadResult> {
  const issues = new Issues();
  const sheets = await readSheets(data instanceof Uint8Array ? data : new Uint8Array(data), fileName, issues);
  if (!sheets) return { issues: issues.errors };
  const byName = new Map<SupportedSheet, SheetData>();
  for (const s of sheets) {
    const lower = s.name.trim().toLowerCase() as SupportedSheet;
    if (SUPPORTED_SHEETS.includes(lower)) {
      if (!byName.has(lower)) byName.set(lower, s);
      continue;
    }
    const near = SUPPORTED_SHEETS.find((k) => k.length > 4 && levenshtein(lower, k) <= 2);
    if (near !== undefined && !sheets.some((o) => o.name.trim().toLowerCase() === near)) {
      issues.warn(s.name, null, null, 'misspelledSheet', { name: s.name, suggestion: near });
    }
  }
  let survey = byName.get('survey');
  if (!survey && sheets.length === 1 && sheets[0]) survey = sheets[0];
  if (!survey) {
    issues.error('survey', null, null, 'noSurveySheet');
    return { issues: issues.errors };
  }

  const settings = readSettings(byName.get('settings'), issues);
  const allowDuplicates = ['yes', 'true', 'true()'].includes((settings.canon.get('allow_choice_duplicates') ?? '').toLowerCase());
  const choices = readChoices(byName.get('choices'), 'choices', issues, allowDuplicates);
  const external = readChoices(byName.get('external_choices'), 'external_choices', issues, true);
  const osm = readChoices(byName.get('osm'), 'osm', issues, true);
  const entity = readEntities(byName.get('entities'), issues);

  const cols = parseColumns('survey', survey, issues);
  if (!cols.keys.includes('type')) {
    issues.error(survey.name, 1, null, 'missingTypeColumn');
    return { issues: issues.errors };
  }
  const clean = !['no', 'false', 'false()'].includes((settings.canon.get('clean_text_values') ?? 'yes').toLowerCase());
  const rows = survey.rows.map((r) => {
    const row = rowOf(cols, r);
    if (clean) for (const [k, v] of row.values) row.values.set(k, cleanText(v, true));
    return row;
  });
  const skipped = new Set<string>();
  const { children, meta } = readSurvey(rows, { cols, choices, external, osm, issues, skipped });
  if (children.length === 0) {
    if (issues.errors.length === 0) issues.error(survey.name, null, null, 'noQuestions');
    return { issues: issues.errors };
  }

  const form = buildForm({
    cols,
    children,
    meta,
    choices: choices.lists,
    choiceLanguages: choices.languages,
    osm: osm.lists,
    settings,
    ...(entity ? { entity } : {}),
    fileStem: fileStem(fileName),
    issues,
    skipped,
  });
  if (issues.errors.length > 0) return { issues: issues.errors };
  return { form, warnings: issues.warnings };
}

export function formHash(xml: string): string {
  return 'md5:' + createHash('md5').update(xml, 'utf8').digest('hex');
}
