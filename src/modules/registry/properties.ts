/**
 * The registry's property vocabulary: one set of names for imports, form
 * fields (save_to), the API and indicator rules. Each property knows its
 * record, its column, how to check a value, and whether it is sensitive
 * (PDPA s.26: health and disability).
 */
import { LEGAL_BASES } from '../../lib/legalBases.js';
import { NATIONAL_ID_MESSAGES, nationalIdProblem, normaliseNationalId } from '../../lib/thai/nationalId.js';
import { normaliseYear } from '../../lib/thai/buddhistEra.js';
import { cleanName, stripTitles } from '../../lib/thai/normalise.js';

export type Entity = 'household' | 'person';

export interface PropertyDef {
  entity: Entity;
  column: string;
  sensitive?: boolean;
  /** Checks and normalises a value; returns the value to store or an error. */
  parse(raw: string): { value: string | number | null } | { error: { en: string; th: string } };
}

const YESNO: Record<string, 'yes' | 'no'> = { yes: 'yes', y: 'yes', true: 'yes', '1': 'yes', ใช่: 'yes', มี: 'yes', no: 'no', n: 'no', false: 'no', '0': 'no', ไม่ใช่: 'no', ไม่มี: 'no', ไม่: 'no' };

const text = (max = 300) => (raw: string) => {
  const v = raw.trim();
  if (v.length > max) return { error: { en: `longer than ${max} characters`, th: `ยาวเกิน ${max} ตัวอักษร` } };
  return { value: v || null };
};

const oneOf = (values: readonly string[], aliases: Record<string, string> = {}) => (raw: string) => {
  const v = raw.trim().toLowerCase();
  if (!v) return { value: null };
  const hit = values.includes(v) ? v : aliases[v];
  if (!hit) return { error: { en: `must be one of ${values.join(', ')}`, th: `ต้องเป็นค่าใดค่าหนึ่งใน ${values.join(', ')}` } };
  return { value: hit };
};

const yesNo = (raw: string) => {
  const v = raw.trim().toLowerCase();
  if (!v) return { value: null };
  const hit = YESNO[v];
  return hit ? { value: hit } : { error: { en: 'must be yes or no', th: 'ต้องเป็น yes หรือ no' } };
};

const number = (min: number, max: number) => (raw: string) => {
  const v = raw.trim().replace(/,/g, '');
  if (!v) return { value: null };
  const n = Number(v);
  if (!Number.isFinite(n) || n < min || n > max) return { error: { en: `must be a number from ${min} to ${max}`, th: `ต้องเป็นตัวเลขตั้งแต่ ${min} ถึง ${max}` } };
  return { value: n };
};

/** ISO dates, and Thai-style d/m/yyyy with a Buddhist Era year (as official lists write them). */
export function parseDate(raw: string): { value: string | null } | { error: { en: string; th: string } } {
  const v = raw.trim();
  if (!v) return { value: null };
  let y: number, m: number, d: number;
  let match = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(v);
  if (match) [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
  else if ((match = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(v))) [d, m, y] = [Number(match[1]), Number(match[2]), Number(match[3])];
  else return { error: { en: 'not a date (YYYY-MM-DD or D/M/YYYY)', th: 'ไม่ใช่วันที่ (ปปปป-ดด-วว หรือ ว/ด/ปปปป)' } };
  y = normaliseYear(y);
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d || y < 1880 || date.getTime() > Date.now() + 86_400_000) {
    return { error: { en: `no such date ${v}`, th: `ไม่มีวันที่ ${v}` } };
  }
  return { value: date.toISOString().slice(0, 10) };
}

export const TENURES = ['owner', 'renter', 'public_land', 'other'] as const;
export const ID_TYPES = ['thai_id', 'pink_card', 'passport', 'none'] as const;
export const REGISTRY_STATUSES = ['registered_here', 'registered_elsewhere', 'unregistered'] as const;

export const PROPERTIES: Record<string, PropertyDef> = {
  // household
  householdRef: { entity: 'household', column: '', parse: text(100) },
  areaCode: {
    entity: 'household',
    column: 'area_code',
    parse: (raw) => {
      const v = raw.trim();
      return /^([0-9]{6}|[0-9]{8}|[0-9]{6}-[A-Za-z0-9]{1,12})$/.test(v) ? { value: v } : { error: { en: 'not a subdistrict, village or community code', th: 'ไม่ใช่รหัสตำบล หมู่บ้าน หรือชุมชน' } };
    },
  },
  community: { entity: 'household', column: 'community', parse: text(200) },
  houseNo: { entity: 'household', column: 'house_no', parse: text(50) },
  moo: { entity: 'household', column: 'moo', parse: text(10) },
  address: { entity: 'household', column: 'address', parse: text(500) },
  lat: { entity: 'household', column: 'lat', parse: number(5, 21) },
  lon: { entity: 'household', column: 'lon', parse: number(97, 106) },
  tenure: { entity: 'household', column: 'tenure', parse: oneOf(TENURES, { railway: 'public_land', เช่า: 'renter', เจ้าของ: 'owner', ที่สาธารณะ: 'public_land', ที่รถไฟ: 'public_land' }) },
  monthlyIncome: { entity: 'household', column: 'monthly_income', parse: number(0, 100_000_000) },
  // person
  // Official lists write titles into names ("ด.ช.ปิติ", "นาย สมชาย"): the name is stored without them.
  firstName: { entity: 'person', column: 'first_name', parse: (raw) => text(100)(stripTitles(cleanName(raw)).name || raw) },
  lastName: { entity: 'person', column: 'last_name', parse: text(100) },
  firstNameLatin: { entity: 'person', column: 'first_name_latin', parse: text(100) },
  lastNameLatin: { entity: 'person', column: 'last_name_latin', parse: text(100) },
  sex: { entity: 'person', column: 'sex', parse: oneOf(['female', 'male', 'other'], { f: 'female', m: 'male', หญิง: 'female', ชาย: 'male', ญ: 'female', ช: 'male', '2': 'female', '1': 'male' }) },
  birthDate: { entity: 'person', column: 'birth_date', parse: parseDate },
  birthYear: {
    entity: 'person',
    column: 'birth_year',
    parse: (raw) => {
      const r = number(1880, 2700)(raw);
      if ('value' in r && typeof r.value === 'number') {
        const y = normaliseYear(Math.trunc(r.value));
        if (y > new Date().getUTCFullYear()) return { error: { en: 'a birth year in the future', th: 'ปีเกิดอยู่ในอนาคต' } };
        return { value: y };
      }
      return r;
    },
  },
  nationality: { entity: 'person', column: 'nationality', parse: text(50) },
  idType: { entity: 'person', column: 'id_type', parse: oneOf(ID_TYPES, { บัตรประชาชน: 'thai_id', บัตรชมพู: 'pink_card', หนังสือเดินทาง: 'passport', ไม่มี: 'none' }) },
  idNumber: { entity: 'person', column: 'id_number', parse: (raw) => ({ value: raw.trim() ? normaliseNationalId(raw) : null }) },
  registryStatus: { entity: 'person', column: 'registry_status', parse: oneOf(REGISTRY_STATUSES) },
  relationToHead: { entity: 'person', column: 'relation_to_head', parse: text(50) },
  movedInOn: { entity: 'person', column: 'moved_in_on', parse: parseDate },
  movedOutOn: { entity: 'person', column: 'moved_out_on', parse: parseDate },
  inSchool: { entity: 'person', column: 'in_school', parse: yesNo },
  disability: { entity: 'person', column: 'disability', sensitive: true, parse: yesNo },
  bedridden: { entity: 'person', column: 'bedridden', sensitive: true, parse: yesNo },
  chronicIllness: { entity: 'person', column: 'chronic_illness', sensitive: true, parse: yesNo },
  vaccinated: { entity: 'person', column: 'vaccinated', sensitive: true, parse: yesNo },
  // The legal basis on which the person's health and disability values are held (who recorded it is kept beside it).
  legalBasis: {
    entity: 'person',
    column: 'legal_basis',
    parse: oneOf(LEGAL_BASES, {
      ยินยอม: 'consent',
      ความยินยอม: 'consent',
      ได้รับความยินยอม: 'consent',
      ประโยชน์สำคัญต่อชีวิต: 'vital_interest',
      ภารกิจของรัฐ: 'public_task',
      ภารกิจสาธารณะ: 'public_task',
      หน้าที่ตามกฎหมาย: 'legal_obligation',
      ประโยชน์โดยชอบด้วยกฎหมาย: 'legitimate_interest',
    }),
  },
  occupation: { entity: 'person', column: 'occupation', parse: text(100) },
  phone: {
    entity: 'person',
    column: 'phone',
    parse: (raw) => {
      let v = raw.replace(/[\s-]/g, '');
      if (!v) return { value: null };
      // A number kept as a number by a spreadsheet loses its leading 0: 812345678 is the mobile 0812345678, 74123456 the landline 074123456.
      if (/^[689][0-9]{8}$/.test(v) || /^[2-7][0-9]{7}$/.test(v)) v = `0${v}`;
      return /^(\+66|0)[0-9]{8,9}$/.test(v) ? { value: v } : { error: { en: 'not a Thai phone number', th: 'ไม่ใช่หมายเลขโทรศัพท์ที่ถูกต้อง' } };
    },
  },
  lineId: { entity: 'person', column: 'line_id', parse: text(100) },
};

export const PERSON_PROPERTIES = Object.keys(PROPERTIES).filter((k) => PROPERTIES[k]!.entity === 'person');
export const HOUSEHOLD_PROPERTIES = Object.keys(PROPERTIES).filter((k) => PROPERTIES[k]!.entity === 'household' && PROPERTIES[k]!.column);
export const SENSITIVE_PROPERTIES = new Set(Object.keys(PROPERTIES).filter((k) => PROPERTIES[k]!.sensitive));

export interface FieldError {
  field: string;
  message: string;
  messageTh: string;
}

/**
 * Health and disability values (PDPA s.26) are held only on a legal basis:
 * a record giving some without a basis of its own takes `fallback` (the
 * import's, or the one a form gives outside its repeats). Returns the
 * health properties still without a basis (none when it has one).
 */
export function completeLegalBasis(values: Record<string, unknown>, fallback: string | null | undefined): string[] {
  if (values.legalBasis) return [];
  const given: string[] = [];
  for (const k of SENSITIVE_PROPERTIES) if (values[k] !== undefined && values[k] !== null && values[k] !== '') given.push(k);
  if (given.length && fallback) {
    values.legalBasis = fallback;
    return [];
  }
  return given;
}

/** The error for health or disability values given without a legal basis (PDPA s.26). */
export function legalBasisRequired(given: string[], where = ''): FieldError {
  return {
    field: `${where}legalBasis`,
    message: `${given.join(', ')}: health and disability data (PDPA s.26) need a legal basis (legalBasis: ${LEGAL_BASES.join(', ')})`,
    messageTh: `${given.join(', ')}: ข้อมูลสุขภาพและความพิการ (พ.ร.บ.คุ้มครองข้อมูลส่วนบุคคล มาตรา 26) ต้องระบุฐานทางกฎหมาย (legalBasis: ${LEGAL_BASES.join(', ')})`,
  };
}

/**
 * Checks a record's values together: each value, and the rules across
 * them (a thai_id needs a valid 13-digit number, a person needs a first
 * name). Returns the normalised values and the errors.
 */
export function checkValues(raw: Record<string, string>): { values: Record<string, string | number | null>; errors: FieldError[] } {
  const values: Record<string, string | number | null> = {};
  const errors: FieldError[] = [];
  for (const [name, v] of Object.entries(raw)) {
    const def = PROPERTIES[name];
    if (!def) {
      errors.push({ field: name, message: `unknown property ${name}`, messageTh: `ไม่รู้จักคุณสมบัติ ${name}` });
      continue;
    }
    const r = def.parse(v ?? '');
    if ('error' in r) errors.push({ field: name, message: `${name}: "${v}" ${r.error.en}`, messageTh: `${name}: "${v}" ${r.error.th}` });
    else values[name] = r.value;
  }
  checkAcross(values, raw.idNumber, errors);
  return { values, errors };
}

/**
 * The rules across a record's values (after each value is checked): the
 * document type a number implies, and what each type needs. Completes
 * `values` and adds to `errors`; `rawIdNumber` is the number as given, for
 * the messages.
 */
export function checkAcross(values: Record<string, string | number | null>, rawIdNumber: string | undefined, errors: FieldError[]): void {
  const idNumber = values.idNumber;
  // A number without a type is taken as a Thai ID (the usual case in official lists).
  const idType: string | number | null | undefined = values.idType ?? (idNumber ? 'thai_id' : undefined);
  if (idType !== undefined) values.idType = idType ?? 'none';
  if (idType === 'thai_id') {
    const problemKind = typeof idNumber === 'string' ? nationalIdProblem(idNumber) : 'not_13_digits';
    if (problemKind) {
      const m = NATIONAL_ID_MESSAGES[problemKind];
      errors.push({ field: 'idNumber', message: `idNumber: "${rawIdNumber ?? ''}" ${m.en}`, messageTh: `idNumber: "${rawIdNumber ?? ''}" ${m.th}` });
    }
  }
  if ((idType === 'pink_card' || idType === 'passport') && !idNumber) {
    errors.push({ field: 'idNumber', message: `idNumber is required for ${String(idType)}`, messageTh: `ต้องระบุเลขเอกสารสำหรับ ${String(idType)}` });
  }
}

/** Age in whole years on a date, from birthDate or (approximately) birthYear. */
export function ageOn(birthDate: string | null | undefined, birthYear: number | null | undefined, on = new Date()): number | null {
  if (birthDate) {
    const [y, m, d] = birthDate.split('-').map(Number) as [number, number, number];
    let age = on.getUTCFullYear() - y;
    if (on.getUTCMonth() + 1 < m || (on.getUTCMonth() + 1 === m && on.getUTCDate() < d)) age--;
    return age;
  }
  return birthYear ? on.getUTCFullYear() - birthYear : null;
}
