/**
 * Registry values in words: property names, coded values (sex, tenure,
 * ID type …), yes/no answers as phrases ("ไม่ได้เรียน" / "not in school"),
 * dates in the Buddhist Era in Thai, and an indicator's evidence as a
 * short sentence ("อายุ 14, ไม่ได้เรียน").
 */
import { formatDay, type Lang } from '../lib/dates.js';
import { fieldErrors } from '../lib/problem.js';
import type { RegistryKey, ScopedT } from '../i18n/scoped.js';
import { registryTh } from '../i18n/registry.th.js';
import { isProperty, type Person } from './api.js';

type RT = ScopedT<RegistryKey>;

const YES_NO = ['inSchool', 'disability', 'bedridden', 'chronicIllness', 'vaccinated'] as const;
type YesNoProperty = (typeof YES_NO)[number];

function isYesNoProperty(name: string): name is YesNoProperty {
  return (YES_NO as readonly string[]).includes(name);
}

function has<T extends object>(dict: T, key: string): key is Extract<keyof T, string> {
  return Object.prototype.hasOwnProperty.call(dict, key);
}

/** The name of a field in the current language ('age' and 'size' too); unknown names as they are. */
export function propLabel(name: string, rt: RT): string {
  return has(registryTh.props, name) ? rt(`props.${name}`) : name;
}

export function formatNumber(n: number, lang: Lang): string {
  return new Intl.NumberFormat(lang === 'th' ? 'th-TH' : 'en-GB', { maximumFractionDigits: 2 }).format(n);
}

/** A year in the reader's calendar: พ.ศ. 2512 in Thai, 1969 in English. */
export function formatYear(year: number, lang: Lang): string {
  return lang === 'th' ? `พ.ศ. ${year + 543}` : String(year);
}

export function isMissing(value: unknown): boolean {
  return value === null || value === undefined || value === '';
}

/** One value of a field in words; '' when it is missing. */
export function valueText(name: string, value: unknown, rt: RT, lang: Lang): string {
  if (isMissing(value)) return '';
  const v = typeof value === 'string' ? value : typeof value === 'number' || typeof value === 'boolean' ? String(value) : JSON.stringify(value);
  if (isYesNoProperty(name) && (v === 'yes' || v === 'no')) return rt(`yesNo.${name}${v === 'yes' ? 'Yes' : 'No'}`);
  switch (name) {
    case 'sex':
      return has(registryTh.sex, v) ? rt(`sex.${v}`) : v;
    case 'tenure':
      return has(registryTh.tenure, v) ? rt(`tenure.${v}`) : v;
    case 'idType':
      return has(registryTh.idType, v) ? rt(`idType.${v}`) : v;
    case 'registryStatus':
      return has(registryTh.registryStatus, v) ? rt(`registryStatus.${v}`) : v;
    case 'relationToHead':
      return has(registryTh.relation, v) ? rt(`relation.${v}`) : v;
    case 'legalBasis':
      return has(registryTh.legalBases, v) ? rt(`legalBases.${v}`) : v;
    case 'birthDate':
    case 'movedInOn':
    case 'movedOutOn':
      return formatDay(v, lang);
    case 'birthYear':
      return typeof value === 'number' ? formatYear(value, lang) : v;
    case 'monthlyIncome':
      return typeof value === 'number' ? rt('household.incomeValue', { amount: formatNumber(value, lang) }) : v;
    case 'age':
    case 'size':
      return typeof value === 'number' ? formatNumber(value, lang) : v;
    default:
      if (v === 'yes') return rt('yesValue');
      if (v === 'no') return rt('noValue');
      return v;
  }
}

/** The person's name for display (an erased record says so). */
export function personName(p: Pick<Person, 'firstName' | 'lastName' | 'erased'>, rt: RT): string {
  if (p.erased) return rt('erasedName');
  return [p.firstName, p.lastName].filter(Boolean).join(' ');
}

export function personLatinName(p: Pick<Person, 'firstNameLatin' | 'lastNameLatin'>): string {
  return [p.firstNameLatin, p.lastNameLatin].filter(Boolean).join(' ');
}

/** "35 ปี · หญิง" / "35 y · female". */
export function ageSex(p: { age: number | null; sex: string | null }, rt: RT, lang: Lang): string {
  const parts = [p.age !== null ? rt('years', { count: p.age }) : null, p.sex ? valueText('sex', p.sex, rt, lang) : null].filter(Boolean);
  return parts.length ? parts.join(' · ') : rt('unknown');
}

/** A national ID with its middle digits hidden: 1-9011-xxxxx-23-4. */
export function maskId(id: string | null): string {
  if (!id) return '';
  if (/^[0-9]{13}$/.test(id)) return `${id[0]}-${id.slice(1, 5)}-xxxxx-${id.slice(10, 12)}-${id[12]}`;
  return id.length > 4 ? `${'x'.repeat(id.length - 4)}${id.slice(-4)}` : id;
}

/**
 * The evidence of an indicator (what its rule read from the record) as a
 * short sentence: numbers after their name ("อายุ 14"), yes/no as a phrase
 * ("ไม่ได้เรียน"), coded values after a colon. `household/…` values are
 * read as the household's; anything else (count(…) over members) as written.
 */
export function evidenceText(evidence: Record<string, unknown> | null | undefined, rt: RT, lang: Lang, missing: string): string {
  if (!evidence) return '';
  const parts: string[] = [];
  for (const [key, value] of Object.entries(evidence)) {
    const name = key.startsWith('household/') ? key.slice('household/'.length) : key;
    const known = isProperty(name) || name === 'age' || name === 'size';
    if (!known) {
      parts.push(`${key} = ${isMissing(value) ? missing : typeof value === 'number' ? formatNumber(value, lang) : typeof value === 'string' ? value : JSON.stringify(value)}`);
      continue;
    }
    const label = propLabel(name, rt);
    if (isMissing(value)) {
      parts.push(`${label}: ${missing}`);
    } else if (isYesNoProperty(name) && (value === 'yes' || value === 'no')) {
      parts.push(valueText(name, value, rt, lang));
    } else if (typeof value === 'number') {
      parts.push(`${label} ${valueText(name, value, rt, lang)}`);
    } else {
      parts.push(`${label}: ${valueText(name, value, rt, lang)}`);
    }
  }
  return parts.join(', ');
}

/** Field errors of a problem with the query's fields named as the form names them ("querystring.area" → "area"). */
export function formErrors(err: unknown, lang: Lang): Record<string, string> {
  const out = fieldErrors(err, lang);
  for (const [k, v] of Object.entries(out)) {
    const m = /^(?:querystring|body)\.(.+)$/.exec(k);
    if (m?.[1] && !out[m[1]]) out[m[1]] = v;
  }
  return out;
}

/** For ErrorBox: a field the form shows beside itself, by its plain or its query name. */
export function shownBeside(...names: string[]): (field: string) => boolean {
  return (field) => names.includes(field.replace(/^(?:querystring|body)\./, ''));
}
