/**
 * Exports of a form's submissions, ODK Central style: one table for the
 * submissions and one per repeat, linked by KEY and PARENT_KEY
 * ("uuid:…/members[2]"); column names are instance paths ("hh/income").
 * Everything streams from a database cursor: memory stays flat however
 * many submissions there are. CSV is UTF-8 with a BOM so Excel shows Thai.
 */
import { PassThrough, Readable } from 'node:stream';
import { ZipArchive } from 'archiver';
import { stringify } from 'csv-stringify/sync';
import ExcelJS from 'exceljs';
import type { Db } from '../../db/index.js';
import type { FormDefinition, FormNode } from '../../lib/forms/model.js';
import { ROW_COLUMNS, where, type SubmissionFilter, type SubmissionRow } from './queries.js';

interface Column {
  header: string;
  /** Names from the table's row object down to the value. */
  path: string[];
}

export interface Table {
  name: string;
  /** Names from the submission's data root down to the repeat (empty for the main table). */
  repeatPath: string[];
  columns: Column[];
  /** Index of this table's parent in the table list (-1 for main). */
  parent: number;
}

const MAIN_BEFORE = ['SubmissionDate'];
const MAIN_AFTER = ['KEY', 'SubmitterID', 'SubmitterName', 'AttachmentsPresent', 'AttachmentsExpected', 'ReviewState', 'DeviceID', 'Edits', 'FormVersion', 'Issues'];

/** The tables of a form: main first, then each repeat (nested repeats after their parent). */
export function tablesOf(form: FormDefinition): Table[] {
  const tables: Table[] = [];
  const build = (nodes: FormNode[], repeatPath: string[], prefix: string[], rel: string[], table: Table) => {
    for (const n of nodes) {
      if (n.kind === 'question') {
        if (n.type === 'note') continue;
        table.columns.push({ header: [...prefix, n.name].join('/'), path: [...rel, n.name] });
      } else if (n.kind === 'group') {
        build(n.children, repeatPath, [...prefix, n.name], [...rel, n.name], table);
      } else {
        const child: Table = { name: `${form.formId}-${n.name}`, repeatPath: [...repeatPath, ...rel, n.name], columns: [], parent: tables.indexOf(table) };
        tables.push(child);
        build(n.children, child.repeatPath, [...prefix, n.name], [], child);
      }
    }
  };
  const main: Table = { name: form.formId, repeatPath: [], columns: [], parent: -1 };
  tables.push(main);
  build(form.root.children, [], [], [], main);
  return tables;
}

export function headers(t: Table): string[] {
  const cols = t.columns.map((c) => c.header);
  return t.parent === -1 ? [...MAIN_BEFORE, ...cols, ...MAIN_AFTER] : [...cols, 'PARENT_KEY', 'KEY'];
}

type Obj = Record<string, unknown>;

function at(obj: unknown, path: string[]): unknown {
  let cur = obj;
  for (const p of path) {
    if (cur === null || typeof cur !== 'object' || Array.isArray(cur)) return undefined;
    cur = (cur as Obj)[p];
  }
  return cur;
}

function cell(v: unknown): string {
  return typeof v === 'string' ? v : v === undefined || v === null ? '' : JSON.stringify(v);
}

/** Rows of one table for one submission. */
export function* rowsOf(t: Table, s: SubmissionRow): Generator<string[]> {
  if (t.parent === -1) {
    yield [
      s.receivedAt.toISOString(),
      ...t.columns.map((c) => cell(at(s.data, c.path))),
      s.instanceId,
      s.submitterId ?? '',
      s.submitterName ?? '',
      String(s.attachmentsPresent),
      String(s.attachmentsExpected),
      s.reviewState,
      s.deviceId ?? '',
      String(s.edits),
      s.formVersion,
      s.issues.length ? JSON.stringify(s.issues) : '',
    ];
    return;
  }
  // Walk down the repeat path, numbering instances as KEY does: uuid:…/members[2]/visits[1]
  function* walk(obj: unknown, depth: number, key: string, parentKey: string): Generator<string[]> {
    if (depth === t.repeatPath.length) {
      yield [...t.columns.map((c) => cell(at(obj, c.path))), parentKey, key];
      return;
    }
    const name = t.repeatPath[depth]!;
    const next = obj && typeof obj === 'object' && !Array.isArray(obj) ? (obj as Obj)[name] : undefined;
    if (Array.isArray(next)) {
      const isLeaf = depth === t.repeatPath.length - 1;
      for (let i = 0; i < next.length; i++) {
        const k = `${key}/${name}[${i + 1}]`;
        yield* walk(next[i], depth + 1, k, isLeaf ? key : k);
      }
    } else if (next && typeof next === 'object') {
      yield* walk(next, depth + 1, `${key}/${name}`, `${key}/${name}`);
    }
  }
  yield* walk(s.data, 0, s.instanceId, s.instanceId);
}

/** Submissions in pages from a cursor, oldest first. */
async function* stream(db: Db, f: SubmissionFilter): AsyncGenerator<SubmissionRow[]> {
  const cursor = db<SubmissionRow[]>`
    select ${ROW_COLUMNS(db)}
    from submissions s
    join form_versions v on v.id = s.form_version_id
    left join users u on u.id = s.submitter_id
    where ${where(db, f)}
    order by s.received_at, s.id`.cursor(500);
  for await (const rows of cursor) yield rows;
}

async function* csvOf(db: Db, f: SubmissionFilter, t: Table): AsyncGenerator<string> {
  yield '\uFEFF' + stringify([headers(t)]);
  for await (const subs of stream(db, f)) {
    const lines: string[][] = [];
    for (const s of subs) for (const r of rowsOf(t, s)) lines.push(r);
    if (lines.length) yield stringify(lines);
  }
}

/** A plain CSV (a form without repeats) or a zip of CSVs, one per table. */
export function csvExport(db: Db, f: SubmissionFilter, form: FormDefinition, opts: { zip: boolean }): { stream: Readable; contentType: string; filename: string } {
  const tables = tablesOf(form);
  if (!opts.zip && tables.length === 1) {
    return { stream: Readable.from(csvOf(db, f, tables[0]!)), contentType: 'text/csv; charset=utf-8', filename: `${form.formId}.csv` };
  }
  const zip = new ZipArchive({ zlib: { level: 1 } });
  // archiver writes entries one after another; each entry's generator starts its own cursor when reached.
  for (const t of tables) zip.append(Readable.from(csvOf(db, f, t)), { name: `${t.name}.csv` });
  void zip.finalize();
  return { stream: zip, contentType: 'application/zip', filename: `${form.formId}.zip` };
}

/** XLSX with one sheet per table, written by exceljs's streaming writer. */
export function xlsxExport(db: Db, f: SubmissionFilter, form: FormDefinition): { stream: Readable; contentType: string; filename: string } {
  const out = new PassThrough();
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: false, useSharedStrings: false });
  const tables = tablesOf(form);
  void (async () => {
    try {
      for (const t of tables) {
        // Sheet names: at most 31 characters, unique.
        const sheet = wb.addWorksheet(t.name.slice(-31));
        sheet.addRow(headers(t)).commit();
        for await (const subs of stream(db, f)) {
          for (const s of subs) for (const r of rowsOf(t, s)) sheet.addRow(r).commit();
          // let the socket drain before reading the next page
          if (out.writableNeedDrain) await new Promise((r) => out.once('drain', r));
        }
        sheet.commit();
      }
      await wb.commit();
    } catch (err) {
      out.destroy(err as Error);
    }
  })();
  return { stream: out, contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', filename: `${form.formId}.xlsx` };
}
