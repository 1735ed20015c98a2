/**
 * Date formatting for the web app: Buddhist Era in Thai
 * (23 พ.ย. 2569 14:47), Gregorian in English (23 Nov 2026, 14:47).
 * Times are shown in Thailand's time zone by default, whatever the device
 * says, so that a record reads the same on every screen of the network.
 */
export type Lang = 'th' | 'en';

export const DEFAULT_TIME_ZONE = 'Asia/Bangkok';

export interface DateFormatOptions {
  /** Show hours and minutes (default true). */
  time?: boolean;
  /** IANA time zone (default Asia/Bangkok). */
  timeZone?: string;
}

const cache = new Map<string, Intl.DateTimeFormat>();

function formatter(lang: Lang, time: boolean, timeZone: string): Intl.DateTimeFormat {
  const key = `${lang}|${time ? 1 : 0}|${timeZone}`;
  let f = cache.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(lang === 'th' ? 'th-TH-u-ca-buddhist' : 'en-GB', {
      day: 'numeric',
      month: 'short',
      year: 'numeric',
      ...(time ? { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' } : {}),
      timeZone,
    });
    cache.set(key, f);
  }
  return f;
}

/** Normalises any i18next language code ('th', 'en-US' …) to the two we support. */
export function toLang(language: string | undefined | null): Lang {
  return language?.toLowerCase().startsWith('en') ? 'en' : 'th';
}

/**
 * Formats an instant (ISO string, epoch milliseconds or Date) for display.
 * Returns '' for null/undefined and the input unchanged if it is not a date.
 */
export function formatDate(
  value: string | number | Date | null | undefined,
  lang: Lang,
  options: DateFormatOptions = {},
): string {
  if (value === null || value === undefined || value === '') return '';
  const d = value instanceof Date ? value : new Date(value);
  if (Number.isNaN(d.getTime())) return String(value);
  return formatter(lang, options.time ?? true, options.timeZone ?? DEFAULT_TIME_ZONE).format(d);
}

/** Date without the time of day. */
export function formatDay(value: string | number | Date | null | undefined, lang: Lang, timeZone?: string): string {
  return formatDate(value, lang, { time: false, ...(timeZone ? { timeZone } : {}) });
}
