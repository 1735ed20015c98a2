/**
 * Official lists (civil registry extracts, welfare cards, disability
 * registry, school rolls) into the registry: a CSV with a header row (or
 * the first sheet of an .xlsx workbook) and a mapping from its columns to
 * the property vocabulary.
 *
 * Every line is checked; a rejected line means nothing is stored (unless
 * `partial`). Lines are checked as the CSV is read and the valid ones go
 * straight into a temporary table by COPY, so memory stays flat whatever
 * the size of the list; they become households and people in a few
 * set-based statements, all in one transaction (rolled back when a line is
 * rejected). A person is found again by the list's key for the line, or
 * by an identical valid national ID (the only automatic match); a line
 * whose values are already stored changes nothing, so re-importing the
 * same file is a no-op.
 */
import { createHash } from 'node:crypto';
import { once } from 'node:events';
import { Readable, type Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { parse } from 'csv-parse';
import { v7 as uuidv7 } from 'uuid';
import type { Sql, Tx } from '../../db/index.js';
import { problem } from '../../http/problems.js';
import { actorOf } from '../accounts/service.js';
import type { Principal } from '../accounts/types.js';
import * as audit from '../audit/service.js';
import { refreshAfterBulkWrite } from '../indicators/evaluate.js';
import { LEGAL_BASES } from '../../lib/legalBases.js';
import { readSheet } from 'read-excel-file/node';
import { looksLikeLegacyXls, looksLikeXlsx, sheetRows } from '../../lib/spreadsheet.js';
import { latinKey, nameMatchKeys } from '../../lib/thai/names.js';
import type { NameKeys } from './keys.js';
import {
  checkAcross,
  checkValues,
  completeLegalBasis,
  HOUSEHOLD_PROPERTIES,
  legalBasisRequired,
  PERSON_PROPERTIES,
  PROPERTIES,
  type FieldError,
  type PropertyDef,
} from './properties.js';

export interface ImportResult {
  importId: string | null;
  inserted: number;
  updated: number;
  unchanged: number;
  rejected: { line: number; errors: FieldError[] }[];
}

/** Columns of the staging table, in COPY order. */
const PERSON_COLS = PERSON_PROPERTIES.map((p) => PROPERTIES[p]!.column);
const HOUSEHOLD_COLS = HOUSEHOLD_PROPERTIES.map((p) => PROPERTIES[p]!.column);
const STAGE_COLS = ['line', 'row_key', 'hh_ref', 'name_norm', 'name_key', 'phonetic_key', 'latin_key', ...PERSON_COLS.map((c) => `p_${c}`), ...HOUSEHOLD_COLS.map((c) => `h_${c}`)];
/** The properties written to the staging table, in COPY order after the keys. */
const STAGED_PROPERTIES = [...PERSON_PROPERTIES, ...HOUSEHOLD_PROPERTIES];

/** Largest .xlsx list: read whole, 50 MB of workbook (about 300,000 rows of 27 columns) take about 0.8 GB while read. */
const XLSX_MAX_BYTES = 50 * 1024 * 1024;

/** COPY data is sent in chunks of about this many characters. */
const COPY_CHUNK = 1 << 16;
/** The CSV is fed to the parser in slices of this many bytes, so records flow through one slice at a time. */
const PARSE_SLICE = 1 << 16;

const NEEDS_ESCAPE = /[\\\t\n\r]/;

/** A value in COPY text format (tab-separated, \N for null). */
function copyText(v: string | number | null | undefined): string {
  if (v === null || v === undefined || v === '') return '\\N';
  if (typeof v === 'number') return String(v);
  return NEEDS_ESCAPE.test(v) ? v.replace(/\\/g, '\\\\').replace(/\t/g, '\\t').replace(/\n/g, '\\n').replace(/\r/g, '\\r') : v;
}

/** copyText() for a file known to hold no backslash, tab, or line end within a field: nothing to escape. */
function copyPlain(v: string | number | null | undefined): string {
  if (v === null || v === undefined || v === '') return '\\N';
  return typeof v === 'number' ? String(v) : v;
}

export interface ImportOptions {
  /** Name of the list (e.g. "welfare-card-2568"); keys of its lines are remembered per source. Default: the file name. */
  source?: string | undefined;
  partial: boolean;
  /**
   * The legal basis for the health and disability values of the list's
   * lines that give none of their own (a legalBasis column); a line with
   * such values and no basis is rejected.
   */
  legalBasis?: string | undefined;
  /** What the basis rests on (an agreement, a consent form), kept with it. */
  legalBasisNote?: string | undefined;
}

/** Thrown inside the transaction to roll it back when a line is rejected and the import is all-or-nothing. */
class LinesRejected extends Error {}

/** A property read from the CSV, with the columns mapped to it (the last non-empty one wins). */
interface MappedProperty {
  name: string;
  def: PropertyDef;
  columns: number[];
  /** Results of parse() by raw value, for properties whose values repeat and cost something to check. */
  memo: Map<string, ReturnType<PropertyDef['parse']>> | null;
}

/**
 * Properties whose checks are worth remembering within one import: first
 * names (titles stripped), dates, years, areas and coded answers repeat a
 * great deal in a list; IDs, phones, house numbers do not. (A date's
 * check against today is then made once per import, not once per line.)
 */
const MEMOIZED = new Set([
  'firstName',
  'birthDate',
  'birthYear',
  'movedInOn',
  'movedOutOn',
  'areaCode',
  'sex',
  'tenure',
  'idType',
  'registryStatus',
  'inSchool',
  'disability',
  'bedridden',
  'chronicIllness',
  'vaccinated',
]);
const MEMO_MAX = 100_000;
/** Every property, unset: each line's values start from a copy, so they all have one shape (fast property access). */
const BLANK: Record<string, string | number | null | undefined> = Object.fromEntries(Object.keys(PROPERTIES).map((k) => [k, undefined]));

/** Checks one line; the values to store, or null when the line is rejected (its errors then added to `rejected`). */
type LineChecker = (record: string[], line: number) => Record<string, string | number | null> | null;

function lineChecker(header: string[], mapping: Record<string, string>, rejected: ImportResult['rejected'], defaultBasis: string | undefined): LineChecker {
  const columnIndex: [number, string][] = Object.entries(mapping).map(([col, prop]) => [header.indexOf(col), prop]);
  const byName = new Map<string, MappedProperty>();
  for (const [i, name] of columnIndex) {
    const m = byName.get(name);
    if (m) m.columns.push(i);
    else byName.set(name, { name, def: PROPERTIES[name]!, columns: [i], memo: MEMOIZED.has(name) ? new Map() : null });
  }
  const mapped = [...byName.values()];
  const noErrors: FieldError[] = [];

  /** The checks of every line as they have always been made (also gives the errors in their usual order). */
  const checkSlowly = (record: string[], line: number) => {
    const raw: Record<string, string> = {};
    for (const [i, prop] of columnIndex) {
      const v = record[i] ?? '';
      if (v !== '') raw[prop] = v;
    }
    const { values, errors } = checkValues(raw);
    // (An invalid legalBasis value has its own error already.)
    const unfounded = errors.some((e) => e.field === 'legalBasis') ? [] : completeLegalBasis(values, defaultBasis);
    if (unfounded.length) errors.push(legalBasisRequired(unfounded));
    if (!values.firstName) errors.push({ field: 'firstName', message: 'firstName is required', messageTh: 'ต้องระบุชื่อ (firstName)' });
    if (!values.areaCode) errors.push({ field: 'areaCode', message: 'areaCode is required', messageTh: 'ต้องระบุรหัสพื้นที่ (areaCode)' });
    if (errors.length) {
      rejected.push({ line, errors });
      return null;
    }
    return values;
  };

  // The same checks without the intermediate objects; any line with an
  // error goes through checkSlowly for the exact errors.
  return (record, line) => {
    const values = { ...BLANK } as Record<string, string | number | null>;
    let rawIdNumber: string | undefined;
    for (const m of mapped) {
      let v = '';
      for (const i of m.columns) {
        const c = record[i];
        if (c !== undefined && c !== '') v = c;
      }
      if (v === '') continue;
      let r = m.memo?.get(v);
      if (!r) {
        r = m.def.parse(v);
        if (m.memo) {
          if (m.memo.size >= MEMO_MAX) m.memo.clear();
          m.memo.set(v, r);
        }
      }
      if ('error' in r) return checkSlowly(record, line);
      values[m.name] = r.value;
      if (m.name === 'idNumber') rawIdNumber = v;
    }
    checkAcross(values, rawIdNumber, noErrors);
    if (noErrors.length || completeLegalBasis(values, defaultBasis).length || !values.firstName || !values.areaCode) {
      noErrors.length = 0;
      return checkSlowly(record, line);
    }
    return values;
  };
}

/** The keys nameKeys() (./keys.ts) gives, normalising the name once instead of once per key. */
export function nameKeysOnce(first: string | null | undefined, last: string | null | undefined, firstLatin?: string | null, lastLatin?: string | null): NameKeys {
  const full = [first, last].filter(Boolean).join(' ');
  const latin = [firstLatin, lastLatin].filter(Boolean).join(' ');
  const m = full ? nameMatchKeys(full) : null;
  return { name_norm: m && m.normalised, name_key: m && m.matchKey, phonetic_key: m && m.phoneticKey, latin_key: latin ? latinKey(latin) : null };
}

/** One line in COPY text format (with its newline); `text` writes a value (copyText, or copyPlain when nothing needs escaping). */
function stageLine(line: number, values: Record<string, string | number | null>, text: (v: string | number | null | undefined) => string): string {
  const hhRef = typeof values.householdRef === 'string' ? values.householdRef : null;
  const idKey = values.idType === 'thai_id' && values.idNumber ? `id:${String(values.idNumber)}` : null;
  const rowKey = idKey ?? `row:${hhRef ?? ''}|${String(values.firstName ?? '')}|${String(values.lastName ?? '')}|${String(values.birthDate ?? values.birthYear ?? '')}`;
  const keys = nameKeysOnce(values.firstName as string, values.lastName as string | null, values.firstNameLatin as string | null, values.lastNameLatin as string | null);
  let out = `${line}\t${text(rowKey)}\t${text(hhRef ?? `line:${line}`)}\t${text(keys.name_norm)}\t${text(keys.name_key)}\t${text(keys.phonetic_key)}\t${text(keys.latin_key)}`;
  for (const k of STAGED_PROPERTIES) out += '\t' + text(values[k]);
  return out + '\n';
}

/** The CSV in slices (no copies), so the parser yields records as it goes rather than all at once. */
function* slices(data: Buffer): Generator<Buffer> {
  for (let i = 0; i < data.length; i += PARSE_SLICE) yield data.subarray(i, Math.min(data.length, i + PARSE_SLICE));
}

/**
 * Writes to a COPY stream, waiting when it asks to (backpressure). The
 * driver destroys the stream when the server refuses the data: that ends
 * the wait too.
 */
async function write(copy: Writable, chunk: string): Promise<void> {
  if (copy.errored) throw copy.errored;
  if (copy.destroyed) throw new Error('the COPY stream was closed');
  if (copy.write(chunk)) return;
  await new Promise<void>((resolve, reject) => {
    const done = (err?: Error) => {
      copy.off('drain', done).off('error', done).off('close', done);
      if (err) reject(err);
      else if (copy.destroyed) reject(copy.errored ?? new Error('the COPY stream was closed'));
      else resolve();
    };
    copy.on('drain', done).on('error', done).on('close', done);
  });
}

export async function importPeople(
  sql: Sql,
  p: Principal,
  file: { filename: string; data: Buffer },
  mapping: Record<string, string>,
  opts: ImportOptions,
): Promise<ImportResult> {
  // The mapping: CSV column → property name.
  const badMapping = Object.entries(mapping).filter(([, prop]) => !(prop in PROPERTIES));
  if (badMapping.length) {
    throw problem('validation_failed', {
      detail: 'The mapping names unknown properties',
      detailTh: 'การจับคู่คอลัมน์อ้างถึงคุณสมบัติที่ไม่รู้จัก',
      errors: badMapping.map(([col, prop]) => ({ field: `mapping.${col}`, message: `unknown property "${prop}"`, messageTh: `ไม่รู้จักคุณสมบัติ "${prop}"` })),
    });
  }
  if (looksLikeLegacyXls(file.data, file.filename)) {
    throw problem('validation_failed', {
      detail: 'Legacy .xls workbooks cannot be read: save the list as .xlsx or as CSV (UTF-8)',
      detailTh: 'อ่านไฟล์ .xls รุ่นเก่าไม่ได้ กรุณาบันทึกรายชื่อเป็น .xlsx หรือ CSV (UTF-8)',
      errors: [{ field: 'file', message: 'a legacy .xls workbook', messageTh: 'เป็นไฟล์ .xls รุ่นเก่า' }],
    });
  }
  if (opts.legalBasis !== undefined && !(LEGAL_BASES as readonly string[]).includes(opts.legalBasis)) {
    throw problem('validation_failed', {
      detail: `The legal basis must be one of ${LEGAL_BASES.join(', ')}`,
      detailTh: `ฐานทางกฎหมายต้องเป็นค่าใดค่าหนึ่งใน ${LEGAL_BASES.join(', ')}`,
      errors: [{ field: 'legalBasis', message: `"${opts.legalBasis}" is not one of ${LEGAL_BASES.join(', ')}`, messageTh: `"${opts.legalBasis}" ไม่ใช่ค่าที่ใช้ได้` }],
    });
  }
  const format = looksLikeXlsx(file.data) ? 'xlsx' : 'csv';
  if (format === 'xlsx' && file.data.length > XLSX_MAX_BYTES) {
    const mb = XLSX_MAX_BYTES / 1024 / 1024;
    throw problem('payload_too_large', {
      detail: `A workbook is read whole, so it may be at most ${mb} MB (about 300,000 rows): save a larger list as CSV (UTF-8), which is read as it streams`,
      detailTh: `ไฟล์ Excel ต้องอ่านทั้งไฟล์ จึงมีขนาดได้ไม่เกิน ${mb} MB (ประมาณ 300,000 แถว) รายชื่อที่ใหญ่กว่านี้ให้บันทึกเป็น CSV (UTF-8)`,
      errors: [{ field: 'file', message: `larger than ${mb} MB`, messageTh: `ใหญ่เกิน ${mb} MB` }],
    });
  }
  const source = (opts.source ?? file.filename).trim() || file.filename;
  const fileHash = createHash('sha256').update(file.data).digest('hex');
  const rejected: ImportResult['rejected'] = [];
  const importId = uuidv7();

  try {
    const counts = await sql.begin(async (tx) => {
      await tx`set local work_mem = '256MB'`;
      await tx.unsafe(`create temp table stage (
        line int, row_key text, hh_ref text, name_norm text, name_key text, phonetic_key text, latin_key text,
        ${PERSON_COLS.map((c) => `p_${c} ${c === 'birth_year' ? 'int' : ['birth_date', 'moved_in_on', 'moved_out_on'].includes(c) ? 'date' : 'text'}`).join(', ')},
        ${HOUSEHOLD_COLS.map((c) => `h_${c} ${c === 'lat' || c === 'lon' ? 'float8' : c === 'monthly_income' ? 'numeric' : 'text'}`).join(', ')}
      ) on commit drop`);
      const total = await stageLines(tx, file.data, format, mapping, rejected, opts);
      // All or nothing: a rejected line rolls everything back.
      if (rejected.length && !opts.partial) throw new LinesRejected();
      await tx`analyze stage (row_key, hh_ref, line)`;
      return merge(tx, p, { importId, source, file, fileHash, mapping, total, rejected: rejected.length, basisNote: opts.legalBasisNote?.trim() || null });
    });
    return { importId, ...counts, rejected };
  } catch (err) {
    if (err instanceof LinesRejected) return { importId: null, inserted: 0, updated: 0, unchanged: 0, rejected };
    throw err;
  }
}

/**
 * 1. Reads and checks every line, and COPYs the valid ones into `stage` as
 * it goes (nothing more once a line is rejected, unless `partial`: the
 * transaction is then rolled back, and the rest of the file is only
 * checked). Returns the number of valid lines. In a workbook (.xlsx) the
 * first sheet is read (whole: workbooks are bounded by XLSX_MAX_BYTES) and
 * a line is a row of it, numbered as the sheet numbers it.
 */
async function stageLines(
  tx: Tx,
  data: Buffer,
  format: 'csv' | 'xlsx',
  mapping: Record<string, string>,
  rejected: ImportResult['rejected'],
  opts: ImportOptions,
): Promise<number> {
  const partial = opts.partial;
  const copy = await tx.unsafe(`copy stage (${STAGE_COLS.join(', ')}) from stdin`).writable();
  // An error of the COPY (the driver destroys the stream with it) is read from copy.errored before each write.
  copy.on('error', () => {});
  let total = 0;
  let pending = '';
  let header: string[] | undefined;
  let check: LineChecker | undefined;
  const simple = format === 'csv' ? simpleCsv(data) : null;
  // Without quotes no field holds a line end; without backslashes and tabs either, no value needs escaping.
  const escape = simple && data.indexOf(0x5c) === -1 && data.indexOf(0x09) === -1 ? copyPlain : copyText;
  /** One record of the CSV (line: its line number); true when the COPY data waiting should be sent. */
  const take = (record: string[], line: number): boolean => {
    if (!check) {
      header = record;
      const missing = Object.keys(mapping).filter((c) => !record.includes(c));
      if (missing.length) {
        throw problem('validation_failed', {
          detail: `The CSV has no column ${missing.map((m) => `"${m}"`).join(', ')} named in the mapping`,
          detailTh: `ไฟล์ CSV ไม่มีคอลัมน์ ${missing.map((m) => `"${m}"`).join(', ')} ที่ระบุในการจับคู่`,
          errors: missing.map((m) => ({ field: `mapping.${m}`, message: 'no such column in line 1', messageTh: 'ไม่มีคอลัมน์นี้ในบรรทัดที่ 1' })),
        });
      }
      check = lineChecker(record, mapping, rejected, opts.legalBasis);
      return false;
    }
    const values = check(record, line);
    // Once a line is rejected nothing will be stored: the rest is only checked.
    if (!values || (rejected.length && !partial)) return false;
    total++;
    pending += stageLine(line, values, escape);
    return pending.length >= COPY_CHUNK;
  };
  const flush = async () => {
    await write(copy, pending);
    pending = '';
  };

  try {
    if (simple) {
      for (const block of simple) {
        let line = block.firstLine;
        for (const record of block.records) {
          if (record && take(record, line)) await flush();
          line++;
        }
      }
    } else if (format === 'xlsx') {
      // Read whole (read-excel-file, as the wizard reads it on the device): workbooks are bounded by XLSX_MAX_BYTES.
      const sheet = await readSheet(data).catch((err: unknown) => {
        throw problem('validation_failed', {
          detail: `The workbook cannot be read: ${err instanceof Error ? err.message : String(err)}`,
          detailTh: 'อ่านไฟล์ Excel (.xlsx) ไม่ได้',
          errors: [{ field: 'file', message: 'not a readable .xlsx workbook', messageTh: 'ไม่ใช่ไฟล์ .xlsx ที่อ่านได้' }],
        });
      });
      for (const { row, cells } of sheetRows(sheet)) if (take(cells, row)) await flush();
    } else {
      await parseCsv(data, async (records) => {
        for await (const { record, info } of records) if (take(record, info.lines)) await flush();
      });
    }
    if (pending) await flush();
  } catch (err) {
    // The COPY is abandoned (its transaction is rolled back).
    copy.destroy();
    throw err;
  }
  if (copy.errored) throw copy.errored;
  copy.end();
  await once(copy, 'finish');
  if (!header) throw problem('validation_failed', { detail: 'The file is empty', detailTh: 'ไฟล์ว่างเปล่า' });
  return total;
}

/** Records of the CSV by csv-parse, to `consume`; a CSV it cannot read is a 400 problem. */
async function parseCsv(data: Buffer, consume: (records: AsyncIterable<{ record: string[]; info: { lines: number } }>) => Promise<void>): Promise<void> {
  // What stopped the reading: pipeline() may answer with the AbortError of the streams it then closes instead.
  let failure: unknown;
  const parser = parse({ bom: true, relax_column_count: true, skip_empty_lines: true, info: true, trim: true });
  try {
    await pipeline(Readable.from(slices(data)), parser, async (records: AsyncIterable<{ record: string[]; info: { lines: number } }>) => {
      await consume(records).catch((err: unknown) => {
        failure = err;
        throw err;
      });
    });
  } catch (caught) {
    const err = failure ?? caught;
    if (err instanceof Error && 'code' in err && String((err as { code: string }).code).startsWith('CSV_')) {
      throw problem('validation_failed', { detail: `The CSV cannot be read: ${err.message}`, detailTh: 'อ่านไฟล์ CSV ไม่ได้' });
    }
    throw err;
  }
}

const QUOTE = 0x22;
const CR = 0x0d;
const LF = 0x0a;
/** Decoded a megabyte or so at a time (always up to the end of a line). */
const SIMPLE_BLOCK = 1 << 20;

/** Occurrences of a byte in a buffer. */
function countByte(data: Buffer, byte: number): number {
  let n = 0;
  for (let i = data.indexOf(byte); i !== -1; i = data.indexOf(byte, i + 1)) n++;
  return n;
}

/**
 * Most lists are plain: no quoted field and one kind of line end. Such a
 * file is split here exactly as csv-parse splits it with our options (a
 * UTF-8 BOM skipped; fields cut at commas and trimmed of whitespace, which
 * csv-parse trims at both ends; lines of only whitespace skipped; line
 * numbers counted from 1) but several times faster: whole lines are
 * decoded and split by the engine's own string functions. Blocks of lines
 * (null for a line skipped), or null when the file is not that plain (a
 * quote, mixed or old Mac line ends, a UTF-16 BOM): csv-parse reads it then.
 */
export function simpleCsv(data: Buffer): Iterable<{ firstLine: number; records: (string[] | null)[] }> | null {
  if (data.indexOf(QUOTE) !== -1) return null;
  if (data[0] === 0xff && data[1] === 0xfe) return null;
  const start = data[0] === 0xef && data[1] === 0xbb && data[2] === 0xbf ? 3 : 0;
  // Line ends: \n only, or \r\n only.
  const crs = countByte(data, CR);
  if (crs > 0) {
    const lfs = countByte(data, LF);
    if (lfs !== crs) return null;
    for (let i = data.indexOf(LF); i !== -1; i = data.indexOf(LF, i + 1)) if (data[i - 1] !== CR) return null;
  }
  const crlf = crs > 0;
  return {
    *[Symbol.iterator]() {
      let pos = start;
      let firstLine = 1;
      while (pos < data.length) {
        let end = pos + SIMPLE_BLOCK >= data.length ? data.length : data.lastIndexOf(LF, pos + SIMPLE_BLOCK);
        if (end < pos) end = data.indexOf(LF, pos + SIMPLE_BLOCK);
        if (end === -1) end = data.length;
        const lines = data.toString('utf8', pos, end).split('\n');
        // Blocks end at a line end; the nothing after the file's last line end is no line.
        if (end === data.length && data[end - 1] === LF) lines.pop();
        const records: (string[] | null)[] = new Array<string[] | null>(lines.length);
        for (let i = 0; i < lines.length; i++) {
          const text = crlf && lines[i]!.endsWith('\r') ? lines[i]!.slice(0, -1) : lines[i]!;
          if (!text.includes(',') && text.trim() === '') {
            records[i] = null;
            continue;
          }
          const fields = text.split(',');
          for (let f = 0; f < fields.length; f++) fields[f] = fields[f]!.trim();
          records[i] = fields;
        }
        yield { firstLine, records };
        firstLine += lines.length;
        pos = end + 1;
      }
    },
  };
}

/** Below this many new people, keeping persons' indexes as rows come is cheap enough. */
const BULK_LOAD_MIN = 50_000;

/**
 * A load of at least as many new people as the registry already holds (a
 * first import of a whole list): the secondary indexes of persons are
 * dropped before the insert and built afresh after it (one sorted build
 * each, much cheaper than row-by-row maintenance, above all of the
 * trigram index), inside the transaction, with the very definitions they
 * had. Other sessions cannot read persons until the import commits, so
 * only when the lock comes at once (a quiet registry), and only indexes
 * whose definition says everything about them. Returns what rebuilds them.
 */
async function dropIndexesForBulkLoad(tx: Tx, newPeople: number): Promise<() => Promise<void>> {
  const nothing = async () => {};
  if (newPeople < BULK_LOAD_MIN) return nothing;
  const [{ existing } = { existing: 0 }] = await tx<{ existing: number }[]>`select count(*)::int as existing from (select 1 from persons limit ${newPeople}) t`;
  if (existing >= newPeople) return nothing;
  const locked = await tx
    .savepoint(async (sp) => {
      await sp`set local lock_timeout = '1s'`;
      await sp`lock table persons in access exclusive mode`;
    })
    .then(
      () => true,
      () => false,
    );
  if (!locked) return nothing;
  await tx`set local lock_timeout = default`;
  const indexes = await tx<{ name: string; definition: string }[]>`
    select quote_ident(n.nspname) || '.' || quote_ident(c.relname) as name, pg_get_indexdef(i.indexrelid) as definition
    from pg_index i join pg_class c on c.oid = i.indexrelid join pg_namespace n on n.oid = c.relnamespace
    where i.indrelid = 'persons'::regclass and not i.indisunique and not i.indisprimary and not i.indisexclusion
      and i.indisvalid and i.indisready and not i.indisclustered and c.reltablespace = 0
      and obj_description(c.oid, 'pg_class') is null
      and not exists (select 1 from pg_constraint k where k.conindid = i.indexrelid)
    order by c.relname`;
  for (const ix of indexes) await tx.unsafe(`drop index ${ix.name}`);
  return async () => {
    await tx`set local maintenance_work_mem = '1GB'`;
    for (const ix of indexes) await tx.unsafe(ix.definition);
  };
}

/** 2. The staged lines into households and people, set-based. */
async function merge(
  tx: Tx,
  p: Principal,
  ctx: { importId: string; source: string; file: { filename: string }; fileHash: string; mapping: Record<string, string>; total: number; rejected: number; basisNote: string | null },
): Promise<{ inserted: number; updated: number; unchanged: number }> {
  const { importId, source, file, total } = ctx;
  // New ids in SQL: PostgreSQL 18's own uuidv7() where there is one (much faster than the portable function).
  const [{ builtin } = { builtin: false }] = await tx<{ builtin: boolean }[]>`select to_regprocedure('pg_catalog.uuidv7()') is not null as builtin`;
  const newId = builtin ? 'pg_catalog.uuidv7()' : 'ruamjai_uuidv7()';

  // People, one row per key of the file: this source's key for the line,
  // else an identical valid national ID (a line's key is its ID when it has
  // one), else new. Two lines of one file with the same key are one person:
  // the first line makes it, the later ones update it in the file's order.
  await tx.unsafe(
    `create temp table pkeys on commit drop as
     select g.row_key, g.line, g.n, k.entity_id is not null as keyed, known.id is null as fresh,
            coalesce(known.id, ${newId}) as person_id, kp.household_id as old_household, kp.area_code as old_area
     from (select row_key, min(line) as line, count(*)::int as n from stage group by row_key) g
     left join source_keys k on k.source = $1 and k.entity = 'person' and k.key = g.row_key
     left join lateral (
       select p.id from persons p
       where k.entity_id is null and g.row_key like 'id:%'
         and p.id_type = 'thai_id' and p.id_number = substr(g.row_key, 4) and p.merged_into is null
       limit 1) byid on true
     cross join lateral (select coalesce(k.entity_id, byid.id) as id) known
     left join persons kp on kp.id = known.id`,
    [source],
  );
  await tx`analyze pkeys`;
  // In the key's order: each key goes next to the last one in the index, not to a page anywhere.
  await tx`insert into source_keys (source, entity, key, entity_id)
           select ${source}, 'person', row_key, person_id from pkeys where not keyed order by row_key
           on conflict do nothing`;

  // Households: a line with a householdRef belongs to that household of this source;
  // a line without one keeps a known person where they live, else gets a household of its own.
  // One row per household ref in use, with the first line that uses it.
  await tx.unsafe(
    `create temp table hkeys on commit drop as
     select u.hh_ref, u.line, k.entity_id is null as fresh, coalesce(k.entity_id, ${newId}) as hh_id,
            k.entity_id is null or not exists (select 1 from households h where h.id = k.entity_id) as new_household
     from (select s.hh_ref, min(s.line) as line from stage s
           where s.hh_ref not like 'line:%'
              or not exists (select 1 from pkeys pk where pk.row_key = s.row_key and pk.old_household is not null)
           group by s.hh_ref) u
     left join source_keys k on k.source = $1 and k.entity = 'household' and k.key = u.hh_ref`,
    [source],
  );
  const fresh = await tx`select 1 from hkeys where fresh limit 1`;
  if (fresh.length) {
    const made = await tx`insert into source_keys (source, entity, key, entity_id)
                          select ${source}, 'household', hh_ref, hh_id from hkeys where fresh order by hh_ref
                          on conflict do nothing`;
    // A concurrent import of the same list made some of these keys first: theirs are used.
    const [{ n } = { n: 0 }] = await tx<{ n: number }[]>`select count(*)::int as n from hkeys where fresh`;
    if (made.count !== n) {
      await tx`update hkeys h set hh_id = k.entity_id, new_household = not exists (select 1 from households x where x.id = k.entity_id)
               from source_keys k
               where h.fresh and k.source = ${source} and k.entity = 'household' and k.key = h.hh_ref and k.entity_id <> h.hh_id`;
    }
  }

  // Every line with its person and household.
  await tx`
    create temp table lines on commit drop as
    select s.*, pk.person_id, pk.fresh, pk.fresh and pk.line = s.line as is_new, pk.n > 1 as repeated,
           case when s.hh_ref like 'line:%' and pk.old_household is not null then pk.old_household else hk.hh_id end as hh_id
    from stage s join pkeys pk on pk.row_key = s.row_key left join hkeys hk on hk.hh_ref = s.hh_ref`;
  await tx`drop table stage`;
  await tx`analyze lines (line, person_id, hh_id, is_new, fresh)`;

  // Every household's values come from its first line that has them.
  await tx.unsafe(`
    insert into households (id, ${HOUSEHOLD_COLS.join(', ')})
    select distinct on (hk.hh_id) hk.hh_id, ${HOUSEHOLD_COLS.map((c) => `s.h_${c}`).join(', ')}
    from hkeys hk join lines s on s.line = hk.line
    where hk.new_household
    order by hk.hh_id, s.line`);
  // Households that were there before (those just made have their first line's values already).
  await tx.unsafe(`
    update households h set ${HOUSEHOLD_COLS.map((c) => `${c} = coalesce(v.h_${c}, h.${c})`).join(', ')}
    from (select distinct on (hk.hh_id) hk.hh_id, ${HOUSEHOLD_COLS.map((c) => `s.h_${c}`).join(', ')}
          from hkeys hk join lines s on s.line = hk.line
          where not hk.new_household and hk.hh_ref not like 'line:%'
          order by hk.hh_id, s.line) v
    where h.id = v.hh_id
      and (${HOUSEHOLD_COLS.map((c) => `h.${c}`).join(', ')}) is distinct from (${HOUSEHOLD_COLS.map((c) => `coalesce(v.h_${c}, h.${c})`).join(', ')})`);

  const pcols = PERSON_COLS;
  // A load larger than the registry: its secondary indexes are built afresh afterwards, not kept row by row.
  const [{ fresh: newPeople } = { fresh: 0 }] = await tx<{ fresh: number }[]>`select count(*)::int as fresh from pkeys where fresh`;
  const rebuild = await dropIndexesForBulkLoad(tx, newPeople);
  // A legal basis a line gives (its own, or the import's for its health values) is recorded as given by the
  // importer ($1), now, on the import's note ($2); a line without one leaves the record as it was.
  const basisRecord = [
    ['legal_basis_by', '$1::uuid'],
    ['legal_basis_at', 'now()'],
    ['legal_basis_note', '$2::text'],
  ] as const;
  /** Each column of the record with its new value: the importer's when the line gives a basis, else `otherwise`. */
  const recorded = (otherwise: (column: string) => string) =>
    basisRecord.map(([c, v]) => [c, `case when s.p_legal_basis is not null then ${v} else ${otherwise(c)} end`] as const);
  const inserted = await tx.unsafe(
    `insert into persons (id, household_id, area_code, name_norm, name_key, phonetic_key, latin_key, ${pcols.join(', ')},
                          ${basisRecord.map(([c]) => c).join(', ')})
     select s.person_id, s.hh_id, coalesce(h.area_code, s.h_area_code), s.name_norm, s.name_key, s.phonetic_key, s.latin_key,
            ${pcols.map((c) => (c === 'id_type' ? `coalesce(s.p_id_type, 'none')` : `s.p_${c}`)).join(', ')},
            ${recorded(() => 'null').map(([, value]) => value).join(', ')}
     from lines s left join households h on h.id = s.hh_id
     where s.is_new`,
    [p.userId, ctx.basisNote],
  );
  await rebuild();
  // People already there (and later lines of a person this file made): the ids of those changed.
  // A person on several lines takes each value from the last line that gives it, as if the lines
  // were applied one after another in the file's order.
  const updateCols = ['hh_id', 'h_area_code', 'name_norm', 'name_key', 'phonetic_key', 'latin_key', ...pcols.map((c) => `p_${c}`)];
  await tx`create temp table changed (id uuid primary key) on commit drop`;
  const updated = await tx.unsafe(`
    with s as (
      select person_id, ${updateCols.join(', ')} from lines where not is_new and not repeated
      union all
      select person_id, ${updateCols.map((c) => `(array_agg(${c} order by line desc) filter (where ${c} is not null))[1]`).join(', ')}
      from lines where not is_new and repeated group by person_id),
    u as (
      update persons p set
        household_id = s.hh_id,
        area_code = coalesce((select hh.area_code from households hh where hh.id = s.hh_id), s.h_area_code, p.area_code),
        name_norm = coalesce(s.name_norm, p.name_norm), name_key = coalesce(s.name_key, p.name_key),
        phonetic_key = coalesce(s.phonetic_key, p.phonetic_key), latin_key = coalesce(s.latin_key, p.latin_key),
        ${pcols.map((c) => `${c} = coalesce(s.p_${c}, p.${c})`).join(', ')},
        ${recorded((c) => `p.${c}`).map(([c, value]) => `${c} = ${value}`).join(', ')}
      from s
      where p.id = s.person_id
        and (p.household_id, ${pcols.map((c) => `p.${c}`).join(', ')}) is distinct from
            (s.hh_id, ${pcols.map((c) => `coalesce(s.p_${c}, p.${c})`).join(', ')})
      returning p.id)
    insert into changed (id) select id from u`,
    [p.userId, ctx.basisNote],
  );

  // Provenance: the values this import gave each new or changed record (from every line of it),
  // as an object of the row's named values (to_jsonb of a row is cheaper than jsonb_build_object of pairs).
  await tx.unsafe(
    `insert into record_sources (entity, entity_id, source_kind, source_id, source_label, "values", recorded_by)
     select 'person', s.person_id, 'import', $1, $2, jsonb_strip_nulls(to_jsonb(v)), $3
     from lines s
     cross join lateral (select ${PERSON_PROPERTIES.map((k) => `s.p_${PROPERTIES[k]!.column} as "${k}"`).join(', ')}, s.line as line, s.hh_ref as "householdRef") v
     where s.fresh or s.person_id in (select id from changed)`,
    [importId, `${source} (${file.filename})`, p.userId],
  );

  // Indicators and area counts follow, in the same transaction: the people
  // and the areas they were in before this import (their old areas' counts
  // change too), or for many people a full recompute.
  await refreshAfterBulkWrite(tx, { changed: inserted.count + updated.count, added: inserted.count }, async () => {
    const ids = await tx<{ id: string }[]>`select person_id as id from lines where is_new union all select id from changed`;
    const oldAreas = await tx<{ areaCode: string }[]>`select distinct old_area as area_code from pkeys where old_area is not null`;
    return { persons: ids.map((r) => r.id), areas: oldAreas.map((a) => a.areaCode) };
  });

  await tx`insert into imports (id, kind, source, filename, file_hash, mapping, inserted, updated, unchanged, rejected, created_by)
           values (${importId}, 'people', ${source}, ${file.filename}, ${ctx.fileHash}, ${tx.json(ctx.mapping)}, ${inserted.count}, ${updated.count},
                   ${total - inserted.count - updated.count}, ${ctx.rejected}, ${p.userId})`;
  await audit.record(tx, actorOf(p), {
    action: 'registry.import',
    entity: 'import',
    entityId: importId,
    changes: { source, file: file.filename, inserted: inserted.count, updated: updated.count, rejected: ctx.rejected },
  });
  return { inserted: inserted.count, updated: updated.count, unchanged: total - inserted.count - updated.count };
}
