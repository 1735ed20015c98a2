/**
 * Lists that come as spreadsheets (.xlsx) rather than CSV: the text of
 * each cell as a person would read it, and the rows of a workbook's first
 * sheet.
 */
import type ExcelJS from 'exceljs';

/** An .xlsx is a zip: it starts with a local file header. */
export function looksLikeXlsx(data: Uint8Array): boolean {
  return data.length >= 4 && data[0] === 0x50 && data[1] === 0x4b && data[2] === 0x03 && data[3] === 0x04;
}

/** A legacy binary workbook (.xls, an OLE2 compound document). */
export function looksLikeLegacyXls(data: Uint8Array, filename: string): boolean {
  if (/\.xls$/i.test(filename)) return true;
  return data.length >= 4 && data[0] === 0xd0 && data[1] === 0xcf && data[2] === 0x11 && data[3] === 0xe0;
}

/** A number format of zeros only ("0000000000"): the number is shown padded to that many digits. */
const ZERO_PADDED = /^0+$/;

/**
 * The text of a cell: dates as ISO dates (or date-times), formulas by
 * their result, rich text joined, errors empty. A number shown with a
 * zero-padded format (a phone number typed as 0812345678 and formatted
 * "0000000000") keeps its leading zeros, as the sheet shows it.
 */
export function cellText(v: ExcelJS.CellValue, numFmt?: string): string {
  if (v === null || v === undefined) return '';
  if (v instanceof Date) {
    const iso = v.toISOString();
    return iso.endsWith('T00:00:00.000Z') ? iso.slice(0, 10) : iso;
  }
  if (typeof v === 'number') {
    const text = String(v);
    return numFmt && ZERO_PADDED.test(numFmt) && Number.isInteger(v) && v >= 0 ? text.padStart(numFmt.length, '0') : text;
  }
  if (typeof v === 'boolean') return String(v);
  if (typeof v === 'string') return v.replace(/\u00a0/g, ' ').trim();
  if ('richText' in v) return v.richText.map((r) => r.text).join('').replace(/\u00a0/g, ' ').trim();
  if ('result' in v) return cellText(v.result, numFmt);
  if ('text' in v) return String(v.text).trim();
  return '';
}

export interface SheetRow {
  /** The row's number in the sheet (1 is the first row). */
  row: number;
  /** Cell texts from column A up to the last cell with a value. */
  cells: string[];
}

/**
 * The rows of the workbook's first sheet that have a value, in order, with
 * their row numbers. The workbook is unzipped and read whole (read-excel-file:
 * the same reader the import wizard uses on the device, so both see the same
 * values); callers bound its size. A file that is not a readable workbook
 * throws (the caller words the error for its users).
 */
export async function firstSheetRows(data: Buffer): Promise<SheetRow[]> {
  const { readSheet } = await import('read-excel-file/node');
  const sheet = await readSheet(data);
  const rows: SheetRow[] = [];
  sheet.forEach((values, i) => {
    const cells = values.map((v) => cellText(v as ExcelJS.CellValue));
    while (cells.length && cells[cells.length - 1] === '') cells.pop();
    if (cells.length) rows.push({ row: i + 1, cells });
  });
  return rows;
}
