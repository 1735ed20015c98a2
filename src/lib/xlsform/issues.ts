/**
 * Problems found while reading an XLSForm, each in English and Thai, with
 * the sheet, 1-based row (header = row 1) and column header at fault.
 */
import type { XlsFormIssue } from '../forms/model.js';

/** Message templates: English and Thai, with {placeholders}. */
const MESSAGES = {
  legacyXls: [
    'Legacy .xls files are not supported. Open the file in Excel or LibreOffice and save it as .xlsx.',
    'ไม่รองรับไฟล์ .xls แบบเก่า กรุณาเปิดไฟล์ใน Excel หรือ LibreOffice แล้วบันทึกเป็น .xlsx',
  ],
  unknownFileType: [
    'Unsupported file type "{name}": upload an .xlsx or .csv XLSForm.',
    'ไม่รองรับไฟล์ชนิด "{name}" กรุณาอัปโหลด XLSForm เป็น .xlsx หรือ .csv',
  ],
  unreadable: ['The file could not be read as {kind}: {detail}', 'อ่านไฟล์เป็น {kind} ไม่ได้: {detail}'],
  noSurveySheet: [
    'The form has no sheet named "survey".',
    'ฟอร์มไม่มีชีตชื่อ "survey"',
  ],
  misspelledSheet: [
    'The sheet "{name}" is ignored: did you mean "{suggestion}"?',
    'ชีต "{name}" จะถูกข้าม หมายถึง "{suggestion}" หรือไม่?',
  ],
  missingTypeColumn: ['The survey sheet has no "type" column.', 'ชีต survey ไม่มีคอลัมน์ "type"'],
  missingChoiceNameColumn: ['The choices sheet has no "name" column.', 'ชีต choices ไม่มีคอลัมน์ "name"'],
  duplicateColumn: ['The column header "{header}" appears more than once.', 'หัวคอลัมน์ "{header}" ซ้ำกัน'],
  misspelledColumn: [
    'Unknown column "{header}": did you mean "{suggestion}"? It is ignored.',
    'ไม่รู้จักคอลัมน์ "{header}" หมายถึง "{suggestion}" หรือไม่? คอลัมน์นี้จะถูกข้าม',
  ],
  noType: ['This row has a name or label but no type.', 'แถวนี้มีชื่อหรือข้อความคำถามแต่ไม่มีชนิด (type)'],
  unknownType: ['Unknown question type "{type}".', 'ไม่รู้จักชนิดคำถาม "{type}"'],
  noName: ['This {what} has no name.', '{whatTh}นี้ไม่มีชื่อ (name)'],
  invalidName: [
    'Invalid name "{name}": names must start with a letter or underscore and contain only letters, digits, hyphens, underscores and periods.',
    'ชื่อ "{name}" ไม่ถูกต้อง: ชื่อต้องขึ้นต้นด้วยตัวอักษรหรือขีดล่าง และมีได้เฉพาะตัวอักษร ตัวเลข ขีด ขีดล่าง และจุด',
  ],
  duplicateName: [
    'The name "{name}" is already used at row {other} in the same group.',
    'ชื่อ "{name}" ซ้ำกับแถว {other} ในกลุ่มเดียวกัน',
  ],
  unmatchedEnd: [
    'Unmatched "end {kind}": there is no open "begin {kind}".',
    '"end {kind}" ไม่มี "begin {kind}" ที่คู่กัน',
  ],
  unmatchedBegin: [
    'Unmatched "begin {kind}" "{name}": it is never closed with "end {kind}".',
    '"begin {kind}" "{name}" ไม่มี "end {kind}" ปิด',
  ],
  missingList: [
    'The choice list "{list}" is not defined on the {sheet} sheet.',
    'ไม่พบรายการตัวเลือก "{list}" ในชีต {sheet}',
  ],
  missingLabel: [
    'The question "{name}" has no label, hint or media.',
    'คำถาม "{name}" ไม่มีข้อความคำถาม คำแนะนำ หรือสื่อ',
  ],
  missingCalculation: ['The calculate "{name}" has no calculation.', 'ตัวคำนวณ "{name}" ไม่มีสูตรคำนวณ (calculation)'],
  expressionError: ['The expression in this cell is not valid: {detail}', 'นิพจน์ในช่องนี้ไม่ถูกต้อง: {detailTh}'],
  calculationCycle: ['Calculations depend on each other in a circle: {cycle}', 'การคำนวณอ้างอิงกันเป็นวงวน: {cycle}'],
  undefinedReference: [
    '${{ref}} refers to no question: there is no field named "{ref}".',
    '${{ref}} อ้างถึงคำถามที่ไม่มีอยู่: ไม่มีช่องชื่อ "{ref}"',
  ],
  ambiguousReference: [
    '${{ref}} is ambiguous: several fields are named "{ref}".',
    '${{ref}} กำกวม: มีหลายช่องที่ชื่อ "{ref}"',
  ],
  badReferenceSyntax: [
    'Malformed reference "{text}": write ${name} with a field name between the braces.',
    'การอ้างอิง "{text}" ไม่ถูกต้อง: ต้องเขียนเป็น ${ชื่อ} โดยมีชื่อช่องอยู่ในวงเล็บปีกกา',
  ],
  choiceNoName: ['This choice has no name.', 'ตัวเลือกนี้ไม่มีชื่อ (name)'],
  duplicateChoice: [
    'The choice "{name}" appears twice in list "{list}" (also row {other}).',
    'ตัวเลือก "{name}" ซ้ำในรายการ "{list}" (ซ้ำกับแถว {other})',
  ],
  choiceSpace: [
    'The choice "{name}" of list "{list}" contains a space, which select_multiple does not allow.',
    'ตัวเลือก "{name}" ในรายการ "{list}" มีช่องว่าง ซึ่งใช้กับ select_multiple ไม่ได้',
  ],
  orOtherFilter: ['or_other cannot be used with a choice_filter.', 'ใช้ or_other ร่วมกับ choice_filter ไม่ได้'],
  tableListMismatch: [
    'All selects in a table-list group must use the same list ("{first}" vs "{list}").',
    'คำถามเลือกตอบในกลุ่ม table-list ต้องใช้รายการเดียวกัน ("{first}" กับ "{list}")',
  ],
  badParameter: ['Invalid parameters: {detail}', 'พารามิเตอร์ไม่ถูกต้อง: {detail}'],
  loopNoList: ['"begin loop" needs a choice list: begin loop over LIST.', '"begin loop" ต้องระบุรายการ: begin loop over ชื่อรายการ'],
  auditName: ['An audit must be named "audit" (leave the name empty).', 'audit ต้องชื่อ "audit" (เว้นชื่อว่างไว้)'],
  triggerTarget: ['The trigger must be a reference like ${name}.', 'trigger ต้องเป็นการอ้างอิงแบบ ${ชื่อ}'],
  omitInstanceIdEncrypted: [
    'omit_instanceID cannot be used with a public_key (encryption needs the instanceID).',
    'ใช้ omit_instanceID ร่วมกับ public_key ไม่ได้ (การเข้ารหัสต้องใช้ instanceID)',
  ],
  noQuestions: ['The survey sheet has no questions.', 'ชีต survey ไม่มีคำถาม'],
  csvNoSheet: [
    'The CSV has data before any sheet name: the first column must name the sheet (survey, choices, settings).',
    'ไฟล์ CSV มีข้อมูลก่อนชื่อชีต: คอลัมน์แรกต้องระบุชื่อชีต (survey, choices, settings)',
  ],
} as const;

export type MessageKey = keyof typeof MESSAGES;

const WHAT_TH: Record<string, string> = { question: 'คำถาม', group: 'กลุ่ม', repeat: 'กลุ่มซ้ำ', 'question or group': 'คำถามหรือกลุ่ม' };

function fill(template: string, params: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (m, k: string) => (k in params ? String(params[k]) : m));
}

export function message(key: MessageKey, params: Record<string, string | number> = {}): { message: string; messageTh: string } {
  const [en, th] = MESSAGES[key];
  const p = { ...params, whatTh: WHAT_TH[String(params.what ?? '')] ?? String(params.what ?? '') };
  return { message: fill(en, p), messageTh: fill(th, p) };
}

/** Collects errors (which stop the conversion) and warnings (which do not). */
export class Issues {
  readonly errors: XlsFormIssue[] = [];
  readonly warnings: XlsFormIssue[] = [];

  error(sheet: string, row: number | null, column: string | null, key: MessageKey, params: Record<string, string | number> = {}): void {
    this.errors.push({ sheet, row, column, ...message(key, params) });
  }

  warn(sheet: string, row: number | null, column: string | null, key: MessageKey, params: Record<string, string | number> = {}): void {
    this.warnings.push({ sheet, row, column, ...message(key, params) });
  }
}
