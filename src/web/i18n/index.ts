/**
 * i18next set-up: Thai first (the default), English second. The language
 * chosen on this device is kept in localStorage.
 */
import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { th } from './th.js';
import { en } from './en.js';
import { registryTh } from './registry.th.js';
import { registryEn } from './registry.en.js';
import { targetingTh } from './targeting.th.js';
import { targetingEn } from './targeting.en.js';
import { casesTh } from './cases.th.js';
import { casesEn } from './cases.en.js';
import { toLang, type Lang } from '../lib/dates.js';

/** The shape of th.ts with every text widened to string: en.ts must match it. */
type Strings<T> = { [K in keyof T]: T[K] extends string ? string : Strings<T[K]> };
export type Messages = Strings<typeof th>;

declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: { translation: Messages };
  }
}

export const LANG_STORAGE_KEY = 'ruamjai.lang';

/** The language stored on this device, or null if the user never chose. */
export function storedLang(): Lang | null {
  try {
    const v = localStorage.getItem(LANG_STORAGE_KEY);
    return v === 'th' || v === 'en' ? v : null;
  } catch {
    return null;
  }
}

export function storeLang(lang: Lang): void {
  try {
    localStorage.setItem(LANG_STORAGE_KEY, lang);
  } catch {
    // private mode or storage full: the choice lasts for this page only
  }
}

function applyDocumentLang(lang: string): void {
  document.documentElement.lang = toLang(lang);
}

export const i18n = i18next.createInstance();

export function initI18n(): Promise<unknown> {
  i18n.on('languageChanged', applyDocumentLang);
  return i18n.use(initReactI18next).init({
    // The registry and targeting pages have namespaces of their own, typed by
    // scoped.ts: kept out of CustomTypeOptions, where more keys make TypeScript
    // give up on t()'s types ("excessively deep").
    resources: {
      th: { translation: th, registry: registryTh, targeting: targetingTh, cases: casesTh },
      en: { translation: en, registry: registryEn, targeting: targetingEn, cases: casesEn },
    },
    ns: ['translation', 'registry', 'targeting', 'cases'],
    defaultNS: 'translation',
    lng: storedLang() ?? 'th',
    fallbackLng: 'th',
    supportedLngs: ['th', 'en'],
    interpolation: { escapeValue: false },
  });
}
