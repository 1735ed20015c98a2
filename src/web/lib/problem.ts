import type { TFunction } from 'i18next';
import { ApiError, type Problem } from '../api.js';
import type { Lang } from './dates.js';

/** Title and detail of a problem in the current language. */
export function problemTexts(problem: Problem, lang: Lang): { title: string; detail: string | null } {
  const title = lang === 'th' ? (problem.titleTh ?? problem.title) : problem.title;
  const detail = lang === 'th' ? (problem.detailTh ?? problem.detail) : problem.detail;
  return { title, detail: detail && detail !== title ? detail : null };
}

/** One line saying what went wrong, for any error a call may throw. */
export function errorMessage(err: unknown, lang: Lang, t: TFunction): string {
  if (err instanceof ApiError) {
    if (err.problem) {
      const { title, detail } = problemTexts(err.problem, lang);
      return detail ? `${title}: ${detail}` : title;
    }
    if (err.status === 0) return t('errors.network');
    return t('errors.unexpected', { status: err.status });
  }
  if (err instanceof Error) return err.message;
  return String(err);
}

/**
 * Field errors of a problem, keyed by field path ("email",
 * "memberships.0.areaScope"; a leading "body." or "/" is dropped).
 */
export function fieldErrors(err: unknown, lang: Lang): Record<string, string> {
  const out: Record<string, string> = {};
  if (!(err instanceof ApiError) || !err.problem?.errors) return out;
  for (const e of err.problem.errors) {
    // Other shapes share the `errors` list (XLSForm problems: sheet/row/column); they are shown by their page.
    if (typeof e.field !== 'string') continue;
    const key = normaliseField(e.field);
    const msg = lang === 'th' ? (e.messageTh ?? e.message) : e.message;
    out[key] = out[key] ? `${out[key]}; ${msg}` : msg;
  }
  return out;
}

export function normaliseField(field: string): string {
  return field
    .replace(/^\/+/, '')
    .replace(/\//g, '.')
    .replace(/\[(\d+)\]/g, '.$1')
    .replace(/^body\./, '');
}
