/**
 * The browser's side of an import: the header and first rows of a CSV (or
 * of an .xlsx workbook's first sheet) read on the device (no upload until the import itself), and a first guess of
 * each column's property from its name in Thai or English.
 */
import { PROPERTIES, type PropertyName } from './api.js';
import { sheetRows } from '../../lib/spreadsheet.js';

/** Parses CSV text (RFC 4180: quotes, doubled quotes, CR LF) into records. */
export function parseCsv(text: string, maxRecords = Infinity): string[][] {
  return parseCsvLines(text, maxRecords).records;
}

/** parseCsv() with the line each record starts on (1 is the first line; blank lines are skipped, not counted out). */
export function parseCsvLines(text: string, maxRecords = Infinity): { records: string[][]; lines: number[] } {
  const records: string[][] = [];
  const lines: number[] = [];
  let record: string[] = [];
  let field = '';
  let quoted = false;
  let i = 0;
  let line = 1;
  let start = 1;
  const s = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const endRecord = () => {
    record.push(field);
    field = '';
    if (!(record.length === 1 && record[0] === '')) {
      records.push(record);
      lines.push(start);
    }
    record = [];
  };
  while (i < s.length && records.length < maxRecords) {
    const c = s[i]!;
    if (c === '\n') line++;
    if (quoted) {
      if (c === '"') {
        if (s[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        quoted = false;
      } else {
        field += c;
      }
      i++;
      continue;
    }
    if (c === '"' && field === '') quoted = true;
    else if (c === ',') {
      record.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && s[i + 1] === '\n') {
        i++;
        line++;
      } else if (c === '\r') line++;
      endRecord();
      start = line;
    } else field += c;
    i++;
  }
  if (records.length < maxRecords && (field !== '' || record.length > 0)) endRecord();
  return { records, lines };
}

export interface CsvSample {
  header: string[];
  rows: string[][];
  /** The line (CSV) or row (workbook) each of `rows` is on. */
  lines: number[];
  /** The whole file was read (the sample is every row). */
  complete: boolean;
}

const SAMPLE_BYTES = 128 * 1024;

/** An Excel workbook (.xlsx) rather than a CSV, by its name or type. */
export function isWorkbook(file: File): boolean {
  return /\.xlsx$/i.test(file.name) || file.type === 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
}

/**
 * The header and up to `count` rows of the first sheet of a workbook: the
 * first row with a value is the header. The reader (a library of its own)
 * is loaded only when a workbook is chosen.
 */
async function readWorkbookSample(file: File, count: number): Promise<CsvSample> {
  const { readSheet } = await import('read-excel-file/browser');
  const [header, ...rest] = sheetRows(await readSheet(file));
  const sample = rest.slice(0, count);
  return { header: header?.cells ?? [], rows: sample.map((r) => r.cells), lines: sample.map((r) => r.row), complete: rest.length <= count };
}

/** The header and up to `count` rows of a CSV file (reading only its beginning) or of a workbook's first sheet. */
export async function readSample(file: File, count = 5): Promise<CsvSample> {
  if (isWorkbook(file)) return readWorkbookSample(file, count);
  const complete = file.size <= SAMPLE_BYTES;
  const text = await file.slice(0, SAMPLE_BYTES).text();
  // A cut file may end inside a line: drop the last, partial line.
  const usable = complete ? text : text.slice(0, Math.max(0, text.lastIndexOf('\n')));
  if (usable.includes('\uFFFD')) throw new Error('not UTF-8');
  const { records, lines } = parseCsvLines(usable, count + 1);
  const [header = [], ...rows] = records;
  return { header: header.map((h) => h.trim()), rows, lines: lines.slice(1), complete };
}

function norm(s: string): string {
  return s.normalize('NFC').toLowerCase().replace(/[\s_\-./()]+/g, '');
}

/** Column names (normalised) that mean a property, Thai and English. */
const SYNONYMS: Record<PropertyName, string[]> = {
  householdRef: ['householdref', 'householdid', 'household', 'hhid', 'hhref', 'hh', 'ครัวเรือน', 'รหัสครัวเรือน', 'เลขครัวเรือน', 'รหัสบ้าน'],
  areaCode: ['areacode', 'area', 'geocode', 'subdistrictcode', 'tamboncode', 'รหัสพื้นที่', 'พื้นที่', 'รหัสตำบล', 'รหัสชุมชน'],
  community: ['community', 'ชุมชน', 'ชื่อชุมชน'],
  houseNo: ['houseno', 'housenumber', 'house', 'บ้านเลขที่', 'เลขที่บ้าน', 'เลขที่'],
  moo: ['moo', 'villageno', 'หมู่', 'หมู่ที่'],
  address: ['address', 'ที่อยู่'],
  lat: ['lat', 'latitude', 'ละติจูด'],
  lon: ['lon', 'lng', 'long', 'longitude', 'ลองจิจูด'],
  tenure: ['tenure', 'housingtenure', 'การถือครอง', 'การถือครองที่อยู่อาศัย', 'สถานะที่อยู่อาศัย'],
  monthlyIncome: ['monthlyincome', 'income', 'รายได้', 'รายได้ต่อเดือน', 'รายได้ครัวเรือน', 'รายได้ครัวเรือนต่อเดือน'],
  firstName: ['firstname', 'first', 'givenname', 'name', 'ชื่อ', 'ชื่อจริง'],
  lastName: ['lastname', 'surname', 'last', 'familyname', 'นามสกุล', 'สกุล'],
  firstNameLatin: ['firstnamelatin', 'firstnameen', 'nameen', 'ชื่ออังกฤษ', 'ชื่อภาษาอังกฤษ'],
  lastNameLatin: ['lastnamelatin', 'lastnameen', 'surnameen', 'นามสกุลอังกฤษ', 'นามสกุลภาษาอังกฤษ'],
  sex: ['sex', 'gender', 'เพศ'],
  birthDate: ['birthdate', 'dob', 'dateofbirth', 'birthday', 'วันเกิด', 'วันเดือนปีเกิด', 'วดปเกิด'],
  birthYear: ['birthyear', 'yearofbirth', 'ปีเกิด'],
  nationality: ['nationality', 'สัญชาติ'],
  idType: ['idtype', 'documenttype', 'ชนิดเอกสาร', 'ประเภทบัตร', 'ประเภทเอกสาร'],
  idNumber: ['idnumber', 'id', 'nationalid', 'citizenid', 'pid', 'cid', 'เลขประจำตัวประชาชน', 'เลขบัตรประชาชน', 'เลขบัตร', 'เลขประจำตัว', 'เลขที่บัตร'],
  registryStatus: ['registrystatus', 'สถานะทะเบียน', 'สถานะทะเบียนบ้าน', 'ทะเบียนบ้าน'],
  relationToHead: ['relationtohead', 'relation', 'relationship', 'ความสัมพันธ์', 'ความสัมพันธ์กับหัวหน้าครัวเรือน'],
  inSchool: ['inschool', 'school', 'studying', 'กำลังเรียน', 'เรียนอยู่', 'กำลังศึกษา'],
  occupation: ['occupation', 'job', 'อาชีพ'],
  phone: ['phone', 'tel', 'telephone', 'mobile', 'โทรศัพท์', 'เบอร์โทร', 'เบอร์โทรศัพท์', 'โทร'],
  lineId: ['lineid', 'line', 'ไลน์', 'ไอดีไลน์'],
  disability: ['disability', 'disabled', 'ความพิการ', 'พิการ'],
  bedridden: ['bedridden', 'ติดเตียง', 'ผู้ป่วยติดเตียง'],
  chronicIllness: ['chronicillness', 'chronic', 'โรคเรื้อรัง'],
  vaccinated: ['vaccinated', 'vaccine', 'วัคซีน', 'ได้รับวัคซีน'],
  legalBasis: ['legalbasis', 'basis', 'consent', 'ฐานทางกฎหมาย', 'ฐานการประมวลผล', 'ความยินยอม', 'ยินยอม'],
};

const LOOKUP = new Map<string, PropertyName>();
for (const p of PROPERTIES) {
  for (const s of [p, ...SYNONYMS[p]]) if (!LOOKUP.has(norm(s))) LOOKUP.set(norm(s), p);
}

/** The property a column's name suggests, if any. */
export function guessProperty(header: string): PropertyName | null {
  return LOOKUP.get(norm(header)) ?? null;
}

/** A first mapping: each column to the property its name suggests, each property at most once. */
export function guessMapping(header: string[]): (PropertyName | '')[] {
  const used = new Set<PropertyName>();
  return header.map((h) => {
    const p = guessProperty(h);
    if (!p || used.has(p)) return '';
    used.add(p);
    return p;
  });
}
