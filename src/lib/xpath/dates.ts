/**
 * Dates as ODK handles them: `date` values are 'YYYY-MM-DD' strings,
 * `dateTime` values are 'YYYY-MM-DDTHH:MM:SS.sss+07:00' strings (with their
 * offset), `time` values are 'HH:MM:SS.sss+07:00'. In arithmetic a date is
 * the number of days since 1970-01-01 (UTC); a dateTime is the fractional
 * number of days since 1970-01-01T00:00Z.
 *
 * Calendar arithmetic is done here (no Date parsing quirks, no time zone of
 * the machine unless the caller asks for it): the local offset is always
 * passed in as `offsetAt(date) → minutes east of UTC`.
 */

export const MS_PER_DAY = 86_400_000;

/** Minutes east of UTC at an instant (Thailand: always 420). */
export type OffsetAt = (at: Date) => number;

/** The offset of the machine running the code. */
export const runtimeOffset: OffsetAt = (at) => -at.getTimezoneOffset();

export interface DateParts {
  year: number;
  month: number; // 1-12
  day: number;
}

export interface DateTimeParts extends DateParts {
  hour: number;
  minute: number;
  second: number;
  millisecond: number;
  /** Minutes east of UTC as written (Z = 0); undefined when the value has no offset. */
  offset?: number;
}

export interface TimeParts {
  hour: number;
  minute: number;
  second: number;
  millisecond: number;
  offset?: number;
}

const DATE_RE = /^\s*(-?\d{4,})-(\d{2})-(\d{2})\s*$/;
const DATETIME_RE = /^\s*(-?\d{4,})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d+))?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?\s*$/;
const TIME_RE = /^\s*(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d+))?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?\s*$/;

/** Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's days_from_civil). */
export function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const mp = (month + 9) % 12;
  const doy = Math.floor((153 * mp + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/** The calendar date of a day number (inverse of {@link daysFromCivil}). */
export function civilFromDays(days: number): DateParts {
  const z = Math.floor(days) + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return { year: yoe + era * 400 + (month <= 2 ? 1 : 0), month, day };
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

function validDate(year: number, month: number, day: number): boolean {
  return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

function parseOffset(s: string | undefined): number | undefined {
  if (s === undefined) return undefined;
  if (s === 'Z') return 0;
  const sign = s.startsWith('-') ? -1 : 1;
  const digits = s.slice(1).replace(':', '');
  const h = Number(digits.slice(0, 2));
  const m = digits.length > 2 ? Number(digits.slice(2, 4)) : 0;
  return sign * (h * 60 + m);
}

function millis(frac: string | undefined): number {
  if (frac === undefined) return 0;
  return Math.floor(Number('0.' + frac) * 1000 + 1e-6);
}

/** 'YYYY-MM-DD' → parts, or null when not a valid date. */
export function parseDate(s: string): DateParts | null {
  const m = DATE_RE.exec(s);
  if (!m) return null;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  return validDate(year, month, day) ? { year, month, day } : null;
}

/** 'YYYY-MM-DDTHH:MM[:SS[.sss]][offset]' → parts, or null. */
export function parseDateTime(s: string): DateTimeParts | null {
  const m = DATETIME_RE.exec(s);
  if (!m) return null;
  const parts: DateTimeParts = {
    year: Number(m[1]),
    month: Number(m[2]),
    day: Number(m[3]),
    hour: Number(m[4]),
    minute: Number(m[5]),
    second: m[6] === undefined ? 0 : Number(m[6]),
    millisecond: millis(m[7]),
  };
  const offset = parseOffset(m[8]);
  if (offset !== undefined) parts.offset = offset;
  if (!validDate(parts.year, parts.month, parts.day) || parts.hour > 24 || parts.minute > 59 || parts.second > 60) return null;
  return parts;
}

/** 'HH:MM[:SS[.sss]][offset]' → parts, or null. */
export function parseTime(s: string): TimeParts | null {
  const m = TIME_RE.exec(s);
  if (!m) return null;
  const parts: TimeParts = {
    hour: Number(m[1]),
    minute: Number(m[2]),
    second: m[3] === undefined ? 0 : Number(m[3]),
    millisecond: millis(m[4]),
  };
  const offset = parseOffset(m[5]);
  if (offset !== undefined) parts.offset = offset;
  if (parts.hour > 24 || parts.minute > 59 || parts.second > 60) return null;
  return parts;
}

/** Milliseconds since the epoch of a dateTime; a value without offset is read in local time (`offsetAt`). */
export function dateTimeToEpochMs(p: DateTimeParts, offsetAt: OffsetAt): number {
  const wall = daysFromCivil(p.year, p.month, p.day) * MS_PER_DAY + ((p.hour * 60 + p.minute) * 60 + p.second) * 1000 + p.millisecond;
  if (p.offset !== undefined) return wall - p.offset * 60_000;
  // Local wall time: take the offset in force around that instant.
  const guess = wall - offsetAt(new Date(wall)) * 60_000;
  return wall - offsetAt(new Date(guess)) * 60_000;
}

/**
 * The ODK extension of number(): a date string is its day number, a dateTime
 * string its fractional day number since 1970-01-01T00:00Z; anything else NaN.
 */
export function dateStringToDays(s: string, offsetAt: OffsetAt): number {
  const d = parseDate(s);
  if (d) return daysFromCivil(d.year, d.month, d.day);
  const dt = parseDateTime(s);
  if (dt) return dateTimeToEpochMs(dt, offsetAt) / MS_PER_DAY;
  return NaN;
}

function pad(n: number, width = 2): string {
  const s = String(Math.abs(n)).padStart(width, '0');
  return n < 0 ? '-' + s : s;
}

/** 'YYYY-MM-DD' of a calendar date. */
export function formatDateParts(p: DateParts): string {
  return `${pad(p.year, 4)}-${pad(p.month)}-${pad(p.day)}`;
}

/** 'YYYY-MM-DD' of a day number (fractions dropped towards the past). */
export function daysToDateString(days: number): string {
  return formatDateParts(civilFromDays(Math.floor(days)));
}

function formatOffset(minutes: number): string {
  const sign = minutes < 0 ? '-' : '+';
  const a = Math.abs(Math.round(minutes));
  return `${sign}${pad(Math.floor(a / 60))}:${pad(a % 60)}`;
}

/** Wall-clock parts of an instant at the local offset. */
export function localParts(epochMs: number, offsetAt: OffsetAt): DateTimeParts {
  const offset = offsetAt(new Date(epochMs));
  const wall = epochMs + offset * 60_000;
  const days = Math.floor(wall / MS_PER_DAY);
  let rest = wall - days * MS_PER_DAY;
  const { year, month, day } = civilFromDays(days);
  const hour = Math.floor(rest / 3_600_000);
  rest -= hour * 3_600_000;
  const minute = Math.floor(rest / 60_000);
  rest -= minute * 60_000;
  const second = Math.floor(rest / 1000);
  const millisecond = Math.round(rest - second * 1000);
  return { year, month, day, hour, minute, second, millisecond, offset };
}

/** ODK dateTime string of an instant, with the local offset: '2024-05-01T09:30:00.000+07:00'. */
export function formatDateTime(epochMs: number, offsetAt: OffsetAt): string {
  const p = localParts(epochMs, offsetAt);
  return `${formatDateParts(p)}T${pad(p.hour)}:${pad(p.minute)}:${pad(p.second)}.${pad(p.millisecond, 3)}${formatOffset(p.offset ?? 0)}`;
}

/** Day of the week of a day number: 0 = Sunday. */
export function weekday(days: number): number {
  return (((Math.floor(days) + 4) % 7) + 7) % 7; // 1970-01-01 was a Thursday
}

const MONTHS_EN = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const MONTHS_TH = ['ม.ค.', 'ก.พ.', 'มี.ค.', 'เม.ย.', 'พ.ค.', 'มิ.ย.', 'ก.ค.', 'ส.ค.', 'ก.ย.', 'ต.ค.', 'พ.ย.', 'ธ.ค.'];
const DAYS_EN = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const DAYS_TH = ['อา.', 'จ.', 'อ.', 'พ.', 'พฤ.', 'ศ.', 'ส.'];

/** True for a form language that is Thai: 'th', 'th-TH', 'Thai (th)', 'ไทย'. */
export function isThaiLanguage(language: string | undefined): boolean {
  if (language === undefined) return false;
  const l = language.trim().toLowerCase();
  return /^th\b/.test(l) || l.startsWith('thai') || l.includes('(th)') || l.startsWith('ไทย') || l.includes('(th-');
}

/**
 * format-date / format-date-time: %Y %y %m %n %b %d %e %a %H %h %M %S %3.
 * Month and day names in Thai when `thai` (years stay Common Era, as in ODK);
 * unknown identifiers are copied as written.
 */
export function formatWithPattern(p: DateTimeParts, format: string, thai: boolean): string {
  const wd = weekday(daysFromCivil(p.year, p.month, p.day));
  let out = '';
  for (let i = 0; i < format.length; i++) {
    const ch = format[i];
    if (ch !== '%' || i === format.length - 1) {
      out += ch;
      continue;
    }
    const code = format[++i];
    switch (code) {
      case 'Y':
        out += pad(p.year, 4);
        break;
      case 'y':
        out += pad(((p.year % 100) + 100) % 100);
        break;
      case 'm':
        out += pad(p.month);
        break;
      case 'n':
        out += String(p.month);
        break;
      case 'b':
        out += (thai ? MONTHS_TH : MONTHS_EN)[p.month - 1] ?? '';
        break;
      case 'd':
        out += pad(p.day);
        break;
      case 'e':
        out += String(p.day);
        break;
      case 'a':
        out += (thai ? DAYS_TH : DAYS_EN)[wd] ?? '';
        break;
      case 'H':
        out += pad(p.hour);
        break;
      case 'h':
        out += String(p.hour);
        break;
      case 'M':
        out += pad(p.minute);
        break;
      case 'S':
        out += pad(p.second);
        break;
      case '3':
        out += pad(p.millisecond, 3);
        break;
      default:
        out += '%' + (code ?? '');
    }
  }
  return out;
}
