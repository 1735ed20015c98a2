/**
 * Reads the sheets of an XLSForm (.xlsx with exceljs, or a CSV with the
 * sheets stacked and a first column naming each sheet, as pyxform reads it)
 * into rows of trimmed strings. Cell values become text the way pyxform
 * writes them (TRUE/FALSE, whole numbers without ".0", dates as
 * "YYYY-MM-DD HH:MM:SS", times as "HH:MM:SS").
 */
import ExcelJS from 'exceljs';
import { parse as parseCsv } from 'csv-parse/sync';
import { Issues } from './issues.js';
import { looksLikeLegacyXls } from '../spreadsheet.js';

export interface SheetRow {
  /** 1-based row number in the sheet (the header is row 1). */
  row: number;
  cells: string[];
}

export interface SheetData {
  name: string;
  header: string[];
  rows: SheetRow[];
}

const pad = (n: number, w = 2): string => String(n).padStart(w, '0');

function dateToText(d: Date): string {
  const time = `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
  // Excel's day zero: a time-only cell.
  if (d.getUTCFullYear() === 1899 && d.getUTCMonth() === 11 && d.getUTCDate() === 30) return time;
  return `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${time}`;
}

function numberToText(n: number): string {
  if (Number.isInteger(n)) return String(n);
  return String(n);
}

/** Converts an exceljs cell value (or formula result) to pyxform's text. */
export function cellText(value: unknown, result?: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value.replace(/\u00a0/g, ' ').trim();
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (typeof value === 'number') return numberToText(value);
  if (value instanceof Date) return dateToText(value);
  if (typeof value === 'object') {
    const v = value as Record<string, unknown>;
    if ('formula' in v || 'sharedFormula' in v) {
      const r = result !== undefined ? result : v.result;
      if (r !== undefined && r !== null && typeof r !== 'object') return cellText(r);
      if (r instanceof Date) return dateToText(r);
      const f = typeof v.formula === 'string' ? v.formula.trim().toUpperCase() : '';
      if (f === 'TRUE()' || f === 'TRUE') return 'TRUE';
      if (f === 'FALSE()' || f === 'FALSE') return 'FALSE';
      return '';
    }
    if (Array.isArray(v.richText)) {
      return (v.richText as { text?: string }[])
        .map((t) => t.text ?? '')
        .join('')
        .replace(/\u00a0/g, ' ')
        .trim();
    }
    if (typeof v.text === 'string') return v.text.replace(/\u00a0/g, ' ').trim();
    if ('error' in v) return '';
  }
  return '';
}

async function readXlsx(data: Uint8Array, issues: Issues): Promise<SheetData[] | null> {
  const wb = new ExcelJS.Workbook();
  try {
    // exceljs's typings want its own Buffer alias; a Node Buffer view over the same bytes.
    await wb.xlsx.load(Buffer.from(data.buffer, data.byteOffset, data.byteLength) as unknown as ArrayBuffer);
  } catch (err) {
    issues.error('', null, null, 'unreadable', { kind: '.xlsx', detail: err instanceof Error ? err.message : String(err) });
    return null;
  }
  const sheets: SheetData[] = [];
  for (const ws of wb.worksheets) {
    const rows: SheetRow[] = [];
    let header: string[] | null = null;
    ws.eachRow({ includeEmpty: false }, (row, n) => {
      const cells: string[] = [];
      row.eachCell({ includeEmpty: false }, (cell, col) => {
        const formulaResult = cell.type === ExcelJS.ValueType.Formula ? (cell.result as unknown) : undefined;
        cells[col - 1] = cellText(cell.value, formulaResult);
      });
      for (let i = 0; i < cells.length; i++) cells[i] ??= '';
      if (header === null) header = cells;
      else rows.push({ row: n, cells });
    });
    sheets.push({ name: ws.name, header: header ?? [], rows });
  }
  return sheets;
}

function readCsv(data: Uint8Array, issues: Issues): SheetData[] | null {
  let records: string[][];
  try {
    let text = Buffer.from(data).toString('utf8');
    if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    const parsed: unknown = parseCsv(text, { relax_column_count: true, skip_empty_lines: false });
    records = (parsed as unknown[][]).map((r) => r.map((c) => String(c)));
  } catch (err) {
    issues.error('', null, null, 'unreadable', { kind: 'CSV', detail: err instanceof Error ? err.message : String(err) });
    return null;
  }
  const sheets: SheetData[] = [];
  let current: SheetData | null = null;
  let sheetRow = 0;
  records.forEach((record, index) => {
    const first = (record[0] ?? '').trim();
    const content = record.slice(1).map((c) => c.replace(/\u00a0/g, ' ').trim());
    const hasContent = content.some((c) => c !== '');
    if (first !== '') {
      current = { name: first, header: [], rows: [] };
      sheets.push(current);
      sheetRow = 0;
    }
    if (!hasContent) {
      if (current !== null && sheetRow > 0) sheetRow++;
      return;
    }
    if (current === null) {
      issues.error('', index + 1, null, 'csvNoSheet');
      return;
    }
    const sheet: SheetData = current;
    sheetRow++;
    if (sheetRow === 1) sheet.header = content;
    else sheet.rows.push({ row: sheetRow, cells: content });
  });
  return sheets;
}

/** Reads the workbook's sheets; null (with issues) when the file cannot be read. */
export async function readSheets(data: Uint8Array, fileName: string, issues: Issues): Promise<SheetData[] | null> {
  if (looksLikeLegacyXls(data, fileName)) {
    issues.error('', null, null, 'legacyXls');
    return null;
  }
  const isZip = data.length >= 2 && data[0] === 0x50 && data[1] === 0x4b;
  if (/\.xlsx$/i.test(fileName) || isZip) return readXlsx(data, issues);
  if (/\.csv$/i.test(fileName) || !/\.[a-z0-9]+$/i.test(fileName)) return readCsv(data, issues);
  issues.error('', null, null, 'unknownFileType', { name: fileName });
  return null;
}
