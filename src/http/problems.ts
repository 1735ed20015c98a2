/**
 * One catalogue of every error the API answers, as RFC 9457 problem
 * details with Thai and English text. Handlers throw `problem(code, …)`;
 * one serializer (app.ts) writes the body; PostgreSQL errors are mapped
 * here and nowhere else.
 */

export interface FieldError {
  /** JSON path of the field at fault, e.g. "memberships.0.areaScope". */
  field: string;
  message: string;
  messageTh: string;
}

interface ProblemDef {
  status: number;
  title: string;
  titleTh: string;
}

export const PROBLEMS = {
  bad_request: { status: 400, title: 'Bad request', titleTh: 'คำขอไม่ถูกต้อง' },
  invalid_json: { status: 400, title: 'The request body is not valid JSON', titleTh: 'ข้อมูลที่ส่งมาไม่ใช่ JSON ที่ถูกต้อง' },
  validation_failed: { status: 400, title: 'Some fields are not valid', titleTh: 'ข้อมูลบางช่องไม่ถูกต้อง' },
  unauthenticated: { status: 401, title: 'Please log in', titleTh: 'กรุณาเข้าสู่ระบบ' },
  invalid_credentials: { status: 401, title: 'Wrong email or password', titleTh: 'อีเมลหรือรหัสผ่านไม่ถูกต้อง' },
  forbidden: { status: 403, title: 'You may not do this', titleTh: 'คุณไม่มีสิทธิ์ทำรายการนี้' },
  cross_origin: { status: 403, title: 'Request from another site refused', titleTh: 'ปฏิเสธคำขอที่มาจากเว็บไซต์อื่น' },
  not_found: { status: 404, title: 'Not found', titleTh: 'ไม่พบข้อมูล' },
  route_not_found: { status: 404, title: 'No such address', titleTh: 'ไม่พบที่อยู่นี้' },
  method_not_allowed: { status: 405, title: 'Method not allowed', titleTh: 'ไม่รองรับวิธีเรียกนี้' },
  conflict: { status: 409, title: 'Conflict with existing data', titleTh: 'ข้อมูลขัดแย้งกับที่มีอยู่' },
  already_exists: { status: 409, title: 'It already exists', titleTh: 'มีข้อมูลนี้อยู่แล้ว' },
  payload_too_large: { status: 413, title: 'The request is too large', titleTh: 'ข้อมูลที่ส่งมีขนาดใหญ่เกินไป' },
  unsupported_media_type: { status: 415, title: 'Unsupported content type', titleTh: 'ไม่รองรับชนิดข้อมูลนี้' },
  too_many_attempts: { status: 429, title: 'Too many attempts', titleTh: 'พยายามหลายครั้งเกินไป' },
  xlsform_invalid: { status: 400, title: 'The XLSForm has problems', titleTh: 'แบบฟอร์ม XLSForm มีข้อผิดพลาด' },
  form_version_exists: { status: 409, title: 'This form version already exists', titleTh: 'มีแบบฟอร์มรุ่นนี้อยู่แล้ว' },
  form_closed: { status: 409, title: 'The form no longer accepts submissions', titleTh: 'แบบฟอร์มนี้ปิดรับข้อมูลแล้ว' },
  internal: { status: 500, title: 'Something went wrong on the server', titleTh: 'เกิดข้อผิดพลาดที่เซิร์ฟเวอร์' },
  unavailable: { status: 503, title: 'The service is not ready', titleTh: 'ระบบยังไม่พร้อมให้บริการ' },
} as const satisfies Record<string, ProblemDef>;

export type ProblemCode = keyof typeof PROBLEMS;

export interface ProblemBody {
  type: string;
  title: string;
  titleTh: string;
  status: number;
  code: ProblemCode;
  detail?: string;
  detailTh?: string;
  errors?: unknown[];
  [extra: string]: unknown;
}

export interface ProblemOptions {
  detail?: string;
  detailTh?: string;
  errors?: unknown[];
  headers?: Record<string, string>;
  /** Further members of the body (e.g. `allowed` transitions). */
  extra?: Record<string, unknown>;
}

export class Problem extends Error {
  readonly status: number;
  constructor(
    readonly code: ProblemCode,
    readonly options: ProblemOptions = {},
  ) {
    super(options.detail ?? PROBLEMS[code].title);
    this.status = PROBLEMS[code].status;
  }

  body(): ProblemBody {
    const def = PROBLEMS[this.code];
    const b: ProblemBody = {
      type: `https://ruamjai.org/problems/${this.code.replace(/_/g, '-')}`,
      title: def.title,
      titleTh: def.titleTh,
      status: def.status,
      code: this.code,
    };
    if (this.options.detail) b.detail = this.options.detail;
    if (this.options.detailTh) b.detailTh = this.options.detailTh;
    if (this.options.errors) b.errors = this.options.errors;
    return { ...b, ...this.options.extra };
  }
}

/** Shorthand: `throw problem('not_found', { detail: … })`. */
export function problem(code: ProblemCode, options?: ProblemOptions): Problem {
  return new Problem(code, options);
}

/** A 404 that names what was looked for, in both languages. */
export function notFound(what: { en: string; th: string }, id: string): Problem {
  return problem('not_found', { detail: `No ${what.en} ${id}`, detailTh: `ไม่พบ${what.th} ${id}` });
}

interface PgError {
  code?: string;
  constraint_name?: string;
  constraint?: string;
  detail?: string;
  table_name?: string;
  column_name?: string;
}

/** Constraint names the user can cause, with words for them. */
const CONSTRAINT_TEXT: Record<string, { en: string; th: string; field?: string }> = {
  users_email_key: { en: 'A user with this email already exists', th: 'มีผู้ใช้ที่ใช้อีเมลนี้อยู่แล้ว', field: 'email' },
  organizations_name_th_key: { en: 'An organisation with this Thai name already exists', th: 'มีองค์กรชื่อภาษาไทยนี้อยู่แล้ว', field: 'nameTh' },
  areas_pkey: { en: 'An area with this code already exists', th: 'มีพื้นที่รหัสนี้อยู่แล้ว', field: 'code' },
  memberships_user_id_organization_id_role_area_scope_key: {
    en: 'The same membership is listed twice',
    th: 'มีสมาชิกภาพซ้ำกัน',
    field: 'memberships',
  },
};

/** Maps a PostgreSQL error to a problem, or returns undefined for a real server fault. */
export function problemFromPg(err: unknown): Problem | undefined {
  const e = err as PgError;
  if (!e || typeof e.code !== 'string' || e.code.length !== 5) return undefined;
  const name = e.constraint_name ?? e.constraint ?? '';
  const known = CONSTRAINT_TEXT[name];
  const errors = known?.field ? [{ field: known.field, message: known.en, messageTh: known.th }] : undefined;
  switch (e.code) {
    case '23505': // unique_violation
      return problem('already_exists', { detail: known?.en ?? 'A record with the same key already exists', detailTh: known?.th ?? 'มีข้อมูลที่มีคีย์เดียวกันอยู่แล้ว', errors });
    case '23503': // foreign_key_violation
      return problem('validation_failed', {
        detail: known?.en ?? 'A referenced record does not exist',
        detailTh: known?.th ?? 'ไม่พบข้อมูลที่อ้างถึง',
        errors: errors ?? [{ field: name, message: 'refers to a record that does not exist', messageTh: 'อ้างถึงข้อมูลที่ไม่มีอยู่' }],
      });
    case '23514': // check_violation
    case '23502': // not_null_violation
    case '22P02': // invalid_text_representation (bad uuid, number)
    case '22001': // string too long
      return problem('validation_failed', {
        detail: known?.en ?? `A value is not valid (${name || e.column_name || e.code})`,
        detailTh: known?.th ?? 'มีค่าที่ไม่ถูกต้อง',
        errors,
      });
    case '40001': // serialization_failure
    case '40P01': // deadlock_detected
      return problem('conflict', { detail: 'The data changed at the same moment; please try again', detailTh: 'ข้อมูลถูกแก้ไขพร้อมกัน กรุณาลองใหม่' });
    default:
      return undefined;
  }
}
