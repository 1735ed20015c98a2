/**
 * Historic data into a form, from XLSX or CSV laid out like our exports:
 * a main sheet with one row per submission (columns named by instance
 * path, "hh/income"), and for each repeat a sheet "<formId>-<repeat>"
 * whose PARENT_KEY points at a KEY. Every row is checked by the same rules
 * as a phone's submission; any rejected row means nothing is stored.
 * Without a KEY column, instanceIDs derive from the file's content and the
 * row, so importing the same file again adds nothing.
 */
import { createHash } from 'node:crypto';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { v7 as uuidv7 } from 'uuid';
import type { Sql } from '../../db/index.js';
import { problem } from '../../http/problems.js';
import type { DataObject } from '../../lib/forms/data.js';
import { instanceToData } from '../../lib/forms/data.js';
import { parseXml } from '../../lib/forms/instanceXml.js';
import { cellText } from '../../lib/spreadsheet.js';
import type { FormDefinition } from '../../lib/forms/model.js';
import { dataToInstanceXml } from '../../lib/forms/toXml.js';
import { actorOf } from '../accounts/service.js';
import type { Principal } from '../accounts/types.js';
import { tablesOf, type Table } from './exports.js';
import { validateInstance } from './validate.js';

export interface ImportRowError {
  column: string | null;
  message: string;
  messageTh: string;
}

export interface RejectedRow {
  sheet: string;
  row: number;
  errors: ImportRowError[];
}

export interface ImportReport {
  dryRun: boolean;
  inserted: number;
  /** Rows the import adds (or would add, on a dry run). */
  wouldInsert: number;
  /** Rows whose submission (same KEY, same content) is already stored. */
  unchanged: number;
  rejected: RejectedRow[];
}

interface Sheet {
  name: string;
  header: string[];
  rows: { row: number; cells: string[] }[];
}

/** Columns of our own exports that describe the submission rather than answers. */
const META_COLUMNS = new Set(['SubmissionDate', 'KEY', 'PARENT_KEY', 'SubmitterID', 'SubmitterName', 'AttachmentsPresent', 'AttachmentsExpected', 'ReviewState', 'DeviceID', 'Edits', 'FormVersion', 'Issues', 'Status']);

async function readSheets(data: Buffer, filename: string): Promise<Sheet[]> {
  const lower = filename.toLowerCase();
  if (lower.endsWith('.csv')) {
    let records: string[][];
    try {
      const parsed: unknown = parse(data.toString('utf8').replace(/^\uFEFF/, ''), { relax_column_count: true, skip_empty_lines: true });
      records = parsed as string[][];
    } catch (err) {
      throw problem('validation_failed', { detail: `The CSV cannot be read: ${(err as Error).message}`, detailTh: 'อ่านไฟล์ CSV ไม่ได้' });
    }
    const [header = [], ...rest] = records;
    return [{ name: filename.replace(/\.csv$/i, ''), header: header.map((h) => h.trim()), rows: rest.map((cells, i) => ({ row: i + 2, cells: cells.map((c) => c.trim()) })) }];
  }
  if (!lower.endsWith('.xlsx')) {
    throw problem('validation_failed', { detail: 'Send an .xlsx or .csv file', detailTh: 'กรุณาส่งไฟล์ .xlsx หรือ .csv', errors: [{ field: 'file', message: 'not .xlsx or .csv', messageTh: 'ไม่ใช่ไฟล์ .xlsx หรือ .csv' }] });
  }
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(data as unknown as ArrayBuffer);
  } catch (err) {
    throw problem('validation_failed', { detail: `The workbook cannot be read: ${(err as Error).message}`, detailTh: 'อ่านไฟล์ Excel ไม่ได้' });
  }
  return wb.worksheets.map((ws) => {
    const header: string[] = [];
    ws.getRow(1).eachCell({ includeEmpty: true }, (c, col) => (header[col - 1] = cellText(c.value)));
    const rows: Sheet['rows'] = [];
    ws.eachRow((r, n) => {
      if (n === 1) return;
      const cells = header.map((_, i) => cellText(r.getCell(i + 1).value));
      if (cells.some((c) => c !== '')) rows.push({ row: n, cells });
    });
    return { name: ws.name, header, rows };
  });
}

function setPath(obj: DataObject, path: string[], value: string): void {
  let cur = obj;
  for (const p of path.slice(0, -1)) {
    const next = cur[p];
    if (next && typeof next === 'object' && !Array.isArray(next)) cur = next;
    else cur = cur[p] = {};
  }
  cur[path[path.length - 1]!] = value;
}

interface Built {
  sheet: string;
  row: number;
  instanceId: string;
  data: DataObject;
  errors: ImportRowError[];
}

/** Reads, checks and (unless dry-run or rejected) stores the rows. */
export async function importSubmissions(
  sql: Sql,
  p: Principal,
  target: { formPk: string; versionId: string; definition: FormDefinition },
  file: { filename: string; data: Buffer },
  opts: { dryRun: boolean },
): Promise<ImportReport> {
  const form = target.definition;
  const sheets = await readSheets(file.data, file.filename);
  const tables = tablesOf(form);
  const fileHash = createHash('sha256').update(file.data).digest('hex').slice(0, 32);
  const rejected: RejectedRow[] = [];
  const mainSheet = sheets.find((s) => s.name === form.formId) ?? sheets[0];
  if (!mainSheet) throw problem('validation_failed', { detail: 'The file has no rows', detailTh: 'ไม่พบข้อมูลในไฟล์' });

  const sheetFor = (t: Table) => (t.parent === -1 ? mainSheet : sheets.find((s) => s !== mainSheet && (s.name === t.name || t.name.endsWith(s.name) || s.name.endsWith(t.name.slice(-31)))));
  const byKey = new Map<string, DataObject>();
  const built: Built[] = [];

  for (const t of tables) {
    const sheet = sheetFor(t);
    if (!sheet) continue;
    const known = new Map(t.columns.map((c) => [c.header, c.path]));
    const unknown = sheet.header.filter((h) => h && !known.has(h) && !META_COLUMNS.has(h));
    if (unknown.length) {
      rejected.push({
        sheet: sheet.name,
        row: 1,
        errors: unknown.map((h) => ({ column: h, message: `no question "${h}" in form ${form.formId}`, messageTh: `ไม่มีคำถาม "${h}" ในแบบฟอร์ม ${form.formId}` })),
      });
      continue;
    }
    const col = (name: string) => sheet.header.indexOf(name);
    for (const r of sheet.rows) {
      const obj: DataObject = {};
      sheet.header.forEach((h, i) => {
        const path = known.get(h);
        const v = r.cells[i] ?? '';
        if (path && v !== '') setPath(obj, path, v);
      });
      const key = col('KEY') >= 0 ? r.cells[col('KEY')] : '';
      if (t.parent === -1) {
        const instanceId = key || `uuid:${uuidFrom(`${form.formId}|${fileHash}|${r.row}`)}`;
        byKey.set(instanceId, obj);
        built.push({ sheet: sheet.name, row: r.row, instanceId, data: obj, errors: [] });
      } else {
        const parentKey = col('PARENT_KEY') >= 0 ? r.cells[col('PARENT_KEY')] : '';
        const parent = parentKey ? byKey.get(parentKey) : undefined;
        if (!parent) {
          rejected.push({ sheet: sheet.name, row: r.row, errors: [{ column: 'PARENT_KEY', message: `no row with KEY "${parentKey ?? ''}"`, messageTh: `ไม่พบแถวที่มี KEY "${parentKey ?? ''}"` }] });
          continue;
        }
        // Attach to the parent at the repeat's place (groups between are created).
        const rel = t.repeatPath.slice(tables[t.parent]!.repeatPath.length);
        let cur = parent;
        for (const part of rel.slice(0, -1)) cur = (cur[part] as DataObject | undefined) ?? (cur[part] = {});
        const last = rel[rel.length - 1]!;
        const arr = (Array.isArray(cur[last]) ? cur[last] : (cur[last] = []));
        arr.push(obj);
        if (key) byKey.set(key, obj);
      }
    }
  }

  // The same rules as a phone's submission.
  const prepared = built.map((b) => {
    const xml = dataToInstanceXml(form, b.data, { instanceId: b.instanceId });
    const root = parseXml(xml);
    for (const issue of validateInstance(form, root)) {
      b.errors.push({ column: issue.path.replace(/^\/[^/]+\//, '').replace(/\[\d+\]/g, ''), message: issue.message, messageTh: issue.messageTh });
    }
    return { b, xml, data: instanceToData(root, form), hash: createHash('sha256').update(xml).digest('hex') };
  });

  const existing = new Map(
    (await sql<{ instanceId: string; hash: string }[]>`
      select instance_id, encode(content_hash, 'hex') as hash from submissions where instance_id = any(${prepared.map((x) => x.b.instanceId)}::text[])`).map((e) => [e.instanceId, e.hash]),
  );
  let unchanged = 0;
  const toInsert = prepared.filter((x) => {
    const h = existing.get(x.b.instanceId);
    if (h === undefined) return true;
    if (h === x.hash) unchanged++;
    else x.b.errors.push({ column: 'KEY', message: `a different submission ${x.b.instanceId} is already stored`, messageTh: `มีข้อมูลอื่นที่ใช้ ${x.b.instanceId} อยู่แล้ว` });
    return false;
  });
  for (const x of prepared) if (x.b.errors.length) rejected.push({ sheet: x.b.sheet, row: x.b.row, errors: x.b.errors });
  rejected.sort((a, b) => (a.sheet === b.sheet ? a.row - b.row : a.sheet.localeCompare(b.sheet)));

  // A dry run says how many rows an import would add (when nothing is rejected).
  if (opts.dryRun || rejected.length) return { dryRun: opts.dryRun, inserted: 0, wouldInsert: rejected.length ? 0 : toInsert.length, unchanged, rejected };

  const actor = actorOf(p);
  await sql.begin(async (tx) => {
    for (let i = 0; i < toInsert.length; i += 500) {
      const chunk = toInsert.slice(i, i + 500);
      await tx`insert into submissions ${tx(
        chunk.map((x) => ({
          id: uuidv7(),
          form_pk: target.formPk,
          form_version_id: target.versionId,
          instance_id: x.b.instanceId,
          root_id: x.b.instanceId,
          xml: x.xml,
          data: x.data as never,
          content_hash: Buffer.from(x.hash, 'hex'),
          submitter_id: p.userId,
          device_id: `import:${file.filename}`.slice(0, 200),
          review_state: 'received',
        })),
      )}`;
    }
    await tx`select audit_append_many(${tx.json(
      [
        { actor_id: actor.id, actor_label: actor.label, ip: actor.ip ?? null, action: 'submission.import', entity: 'form', entity_id: form.formId, changes: { file: file.filename, rows: toInsert.length, unchanged } },
        ...toInsert.map((x) => ({ actor_id: actor.id, actor_label: actor.label, ip: actor.ip ?? null, action: 'submission.create', entity: 'submission', entity_id: x.b.instanceId, changes: { import: file.filename, row: x.b.row } })),
      ] as never,
    )})`;
  });
  return { dryRun: false, inserted: toInsert.length, wouldInsert: toInsert.length, unchanged, rejected: [] };
}

/** A UUID (v4 layout) derived from a string: the same file row always gets the same instanceID. */
function uuidFrom(s: string): string {
  const h = createHash('sha256').update(s).digest();
  h[6] = (h[6]! & 0x0f) | 0x40;
  h[8] = (h[8]! & 0x3f) | 0x80;
  const x = h.subarray(0, 16).toString('hex');
  return `${x.slice(0, 8)}-${x.slice(8, 12)}-${x.slice(12, 16)}-${x.slice(16, 20)}-${x.slice(20)}`;
}
