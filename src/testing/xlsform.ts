/**
 * Real XLSForm files built in tests (exceljs writes the .xlsx), and a
 * realistic household survey used by tests and benchmarks.
 */
import ExcelJS from 'exceljs';

export type SheetRows = Record<string, string | number>[];

export interface XlsFormSpec {
  survey: SheetRows;
  choices?: SheetRows;
  settings?: Record<string, string | number>;
}

/** Writes an .xlsx XLSForm; the columns are the union of the rows' keys in first-seen order. */
export async function buildXlsForm(spec: XlsFormSpec): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const sheet = (name: string, rows: SheetRows) => {
    const ws = wb.addWorksheet(name);
    const cols: string[] = [];
    for (const r of rows) for (const k of Object.keys(r)) if (!cols.includes(k)) cols.push(k);
    ws.addRow(cols);
    for (const r of rows) ws.addRow(cols.map((c) => r[c] ?? null));
  };
  sheet('survey', spec.survey);
  if (spec.choices) sheet('choices', spec.choices);
  if (spec.settings) sheet('settings', [spec.settings]);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** A small form with a group, a repeat, a constraint, a required question and Thai/English labels. */
export function smallSurvey(version = '1'): XlsFormSpec {
  return {
    survey: [
      { type: 'start', name: 'start' },
      { type: 'text', name: 'village', 'label::Thai (th)': 'ชื่อหมู่บ้าน', 'label::English (en)': 'Village', required: 'yes' },
      { type: 'begin_group', name: 'hh', 'label::Thai (th)': 'ครัวเรือน', 'label::English (en)': 'Household' },
      { type: 'integer', name: 'income', 'label::Thai (th)': 'รายได้ต่อเดือน', 'label::English (en)': 'Monthly income', constraint: '. >= 0', 'constraint_message::Thai (th)': 'ต้องไม่ติดลบ', 'constraint_message::English (en)': 'Cannot be negative' },
      { type: 'select_one tenure', name: 'tenure', 'label::Thai (th)': 'การถือครองที่อยู่', 'label::English (en)': 'Tenure' },
      { type: 'end_group', name: '' },
      { type: 'begin_repeat', name: 'members', 'label::Thai (th)': 'สมาชิก', 'label::English (en)': 'Members' },
      { type: 'text', name: 'name', 'label::Thai (th)': 'ชื่อ', 'label::English (en)': 'Name', required: 'yes' },
      { type: 'integer', name: 'age', 'label::Thai (th)': 'อายุ', 'label::English (en)': 'Age', constraint: '. >= 0 and . <= 120' },
      { type: 'end_repeat', name: '' },
    ],
    choices: [
      { list_name: 'tenure', name: 'owner', 'label::Thai (th)': 'เป็นเจ้าของ', 'label::English (en)': 'Owner' },
      { list_name: 'tenure', name: 'renter', 'label::Thai (th)': 'เช่า', 'label::English (en)': 'Renter' },
      { list_name: 'tenure', name: 'public_land', 'label::Thai (th)': 'ที่ดินสาธารณะ/การรถไฟ', 'label::English (en)': 'Public or railway land' },
    ],
    settings: { form_title: 'สำรวจครัวเรือน', form_id: 'hh_small', version, default_language: 'Thai (th)' },
  };
}

/** The instance XML of smallSurvey for one household. */
export function smallSurveyInstance(o: { instanceId: string; version?: string; village?: string; income?: string; tenure?: string; members?: { name: string; age: string }[]; deprecatedId?: string }): string {
  const members = (o.members ?? [{ name: 'สมชาย', age: '44' }]).map((m) => `<members><name>${m.name}</name><age>${m.age}</age></members>`).join('');
  return `<?xml version="1.0"?><data xmlns:jr="http://openrosa.org/javarosa" xmlns:orx="http://openrosa.org/xforms" id="hh_small" version="${o.version ?? '1'}">` +
    `<start>2026-11-23T09:00:00.000+07:00</start><village>${o.village ?? 'ชุมชนหลังสถานี'}</village>` +
    `<hh><income>${o.income ?? '9000'}</income><tenure>${o.tenure ?? 'public_land'}</tenure></hh>${members}` +
    `<meta><instanceID>${o.instanceId}</instanceID>${o.deprecatedId ? `<deprecatedID>${o.deprecatedId}</deprecatedID>` : ''}</meta></data>`;
}
