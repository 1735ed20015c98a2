/**
 * Typed translation functions for the i18next namespaces of their own
 * (`registry`, `targeting`). Their keys come from the Thai dictionaries, so
 * a key that does not exist fails typecheck as with `t()`; plural forms
 * (`shown_one`, `shown_other`) are asked for by their base key with a count.
 *
 * These namespaces are not in i18next's CustomTypeOptions: every key added
 * there makes TypeScript's evaluation of t()'s types deeper, and the main
 * dictionary is already near the point where it gives up.
 */
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import type { RegistryMessages } from './registry.th.js';
import type { TargetingMessages } from './targeting.th.js';

type PluralSuffix = 'zero' | 'one' | 'two' | 'few' | 'many' | 'other';
type BaseKey<K extends string> = K extends `${infer B}_${PluralSuffix}` ? B : K;
type Keys<T, P extends string = ''> = {
  [K in keyof T & string]: T[K] extends string ? `${P}${BaseKey<K>}` : Keys<T[K], `${P}${K}.`>;
}[keyof T & string];

export type RegistryKey = Keys<RegistryMessages>;
export type TargetingKey = Keys<TargetingMessages>;
export type Values = Record<string, string | number | null | undefined>;
export type ScopedT<K extends string> = (key: K, values?: Values) => string;

type LooseT = (key: string, options?: Record<string, unknown>) => string;

function useScopedT<K extends string>(ns: 'registry' | 'targeting'): ScopedT<K> {
  // useTranslation re-renders the caller when the language changes.
  const { i18n } = useTranslation();
  const lang = i18n.resolvedLanguage ?? i18n.language;
  return useCallback(
    (key: K, values?: Values) => (i18n as unknown as { t: LooseT }).t(key, { ...values, ns, lng: lang }),
    [i18n, lang, ns],
  );
}

export function useRegistryT(): ScopedT<RegistryKey> {
  return useScopedT<RegistryKey>('registry');
}

export function useTargetingT(): ScopedT<TargetingKey> {
  return useScopedT<TargetingKey>('targeting');
}
