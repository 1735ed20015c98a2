/**
 * The typed translation function of the care-coordination pages (cases,
 * referrals, transport, home care, supplies, notifications): the i18next
 * namespace `cases` (i18n/cases.th.ts), kept out of the main dictionary for
 * the same reason as the registry's (see i18n/scoped.ts). A key that does not
 * exist in cases.th.ts fails typecheck; plural forms are asked for by their
 * base key with a count.
 */
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { casesTh, type CasesMessages } from '../i18n/cases.th.js';

type PluralSuffix = 'zero' | 'one' | 'two' | 'few' | 'many' | 'other';
type BaseKey<K extends string> = K extends `${infer B}_${PluralSuffix}` ? B : K;
type Keys<T, P extends string = ''> = {
  [K in keyof T & string]: T[K] extends string ? `${P}${BaseKey<K>}` : Keys<T[K], `${P}${K}.`>;
}[keyof T & string];

export type CasesKey = Keys<CasesMessages>;
export type Values = Record<string, string | number | null | undefined>;
export type CasesT = (key: CasesKey, values?: Values) => string;

type LooseT = (key: string, options?: Record<string, unknown>) => string;

export function useCasesT(): CasesT {
  // useTranslation re-renders the caller when the language changes.
  const { i18n } = useTranslation();
  const lang = i18n.resolvedLanguage ?? i18n.language;
  return useCallback(
    (key: CasesKey, values?: Values) => (i18n as unknown as { t: LooseT }).t(key, { ...values, ns: 'cases', lng: lang }),
    [i18n, lang],
  );
}

/** Groups of labels keyed by a value the server sends (a status, a type …). */
type LabelGroup = {
  [G in keyof CasesMessages]: CasesMessages[G] extends Record<string, string> ? G : never;
}[keyof CasesMessages];

/**
 * The label of a server value in a group (`label(t, 'statuses', 'open')`);
 * a value the app does not know yet is shown as it is.
 */
export function label(t: CasesT, group: LabelGroup, value: string | null | undefined): string {
  if (value === null || value === undefined || value === '') return '';
  const known = Object.prototype.hasOwnProperty.call(casesTh[group], value);
  return known ? t(`${group}.${value}` as CasesKey) : value;
}
