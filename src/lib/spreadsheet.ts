/**
 * Lists that come as spreadsheets (.xlsx) rather than CSV: what kind of
 * file it is, the text of each cell as a person would read it, and the rows
 * of a sheet with their row numbers. Nothing here reads a file, so the
 * browser (the import wizard's preview) and the server (the import) make
 * the same rows of the same sheet.
 */
import type ExcelJS from 'exceljs';

/** An .xlsx is a zip: it starts with a local file header. */
export function looksLikeXlsx(data: Uint8Array): boolean {
  return data.length >= 4 && data[0] === 0x50 && data[1] === 0x4b && data[2] === 0x03 && data[3] === 0x04;
}

/** A legacy binary workbook (.xls): by its name, or an OLE2 compound document. */
export function looksLikeLegacyXls(data: Uint8Array, filename: string): boolean {
  if (/\.xls$/i.test(filename)) return true;
  return data.length >= 4 && data[0] === 0xd0 && data[1] === 0xcf && data[2] === 0x11 && data[3] === 0xe0;
}

/** The text of a cell: dates as ISO dates (or date-times), formulas by their result, rich text joined, errors empty. */
export function cellText(v: ExcelJS.CellValue): string {
  if (v === null || v === undefined) return '';
  if (v instanceof Date) {
    const iso = v.toISOString();
    return iso.endsWith('T00:00:00.000Z') ? iso.slice(0, 10) : iso;
  }
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (typeof v === 'string') return v.replace(/\u00a0/g, ' ').trim();
  if ('richText' in v) return v.richText.map((r) => r.text).join('').replace(/\u00a0/g, ' ').trim();
  if ('result' in v) return cellText(v.result);
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
 * The rows of a sheet as read-excel-file gives them (one array per row from
 * row 1, null for an empty cell) that have a value, with their row numbers.
 */
export function sheetRows(sheet: readonly (readonly unknown[])[]): SheetRow[] {
  const rows: SheetRow[] = [];
  sheet.forEach((values, i) => {
    const cells = values.map((v) => cellText(v as ExcelJS.CellValue));
    while (cells.length && cells[cells.length - 1] === '') cells.pop();
    if (cells.length) rows.push({ row: i + 1, cells });
  });
  return rows;
}
