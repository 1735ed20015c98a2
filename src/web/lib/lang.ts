import { useTranslation } from 'react-i18next';
import { toLang, type Lang } from './dates.js';

/** The current UI language as 'th' | 'en'. */
export function useLang(): Lang {
  const { i18n } = useTranslation();
  return toLang(i18n.resolvedLanguage ?? i18n.language);
}

/** The name of a thing in the current language (Thai name as the fallback). */
export function localName(thing: { nameTh: string; nameEn: string } | null | undefined, lang: Lang): string {
  if (!thing) return '';
  return lang === 'en' ? thing.nameEn || thing.nameTh : thing.nameTh || thing.nameEn;
}

/** The name in the other language, for a quiet second line. */
export function otherName(thing: { nameTh: string; nameEn: string }, lang: Lang): string {
  return lang === 'en' ? thing.nameTh : thing.nameEn;
}
