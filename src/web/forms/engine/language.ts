/**
 * Form languages: which of the form's languages ("Thai (th)", "English (en)",
 * "default") to show for the app's language, and text lookup with
 * fallbacks, so a label missing in one language still shows in another.
 */
import type { FormDefinition, Localized } from '../../../lib/forms/model.js';

const NAMES: Record<string, RegExp> = {
  th: /^(thai|ไทย|ภาษาไทย)\b/i,
  en: /^(english|อังกฤษ)\b/i,
};

/** The ISO code of an XLSForm language name: "Thai (th)" → "th", "en" → "en". */
export function languageCode(name: string): string | null {
  const m = /\(([A-Za-z]{2,3})(?:[-_][A-Za-z0-9]+)*\)\s*$/.exec(name);
  if (m?.[1]) return m[1].toLowerCase();
  if (/^[A-Za-z]{2,3}$/.test(name.trim())) return name.trim().toLowerCase();
  return null;
}

/**
 * The form language for the app language `ui` ('th' | 'en'): a language
 * whose code or name matches, else the form's default_language, else the
 * first one.
 */
export function pickFormLanguage(form: Pick<FormDefinition, 'languages' | 'defaultLanguage'>, ui: string): string {
  const langs = form.languages.length > 0 ? form.languages : ['default'];
  const byCode = langs.find((l) => languageCode(l) === ui);
  if (byCode) return byCode;
  const re = NAMES[ui];
  const byName = re ? langs.find((l) => re.test(l.trim())) : undefined;
  if (byName) return byName;
  if (form.defaultLanguage && langs.includes(form.defaultLanguage)) return form.defaultLanguage;
  return langs[0] ?? 'default';
}

/** Text of a localized value in `lang`, falling back to the default language, "default", then any. */
export function localized(value: Localized | undefined, lang: string, defaultLanguage?: string): string {
  if (!value) return '';
  const direct = value[lang];
  if (direct) return direct;
  if (defaultLanguage && value[defaultLanguage]) return value[defaultLanguage];
  if (value.default) return value.default;
  for (const v of Object.values(value)) if (v) return v;
  return '';
}
