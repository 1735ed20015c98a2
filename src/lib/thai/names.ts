/**
 * Thai and foreign personal names: normalisation, match keys, a Thai
 * phonetic key, romanisation, and an explained similarity score for record
 * linkage (civil registry extracts, welfare lists, volunteers' surveys).
 *
 * Pure TypeScript, no I/O: usable in Node and the browser.
 *
 *   normaliseName(s)     storage/search form: titles stripped, cleaned, Latin lower-cased
 *   splitFullName(s)     { first, last, title }
 *   matchKey(s)          spelling-level fuzzy key (tone marks, silent letters, look-alike letters)
 *   phoneticKey(s)       sound-level key (Thai soundex in the spirit of LK82/Udom83)
 *   romanize(thai)       RTGS-style romanisation
 *   latinKey(latin)      key for Latin-script spellings (Jaidee = Chaidee = Jaide)
 *   crossScriptKey(s)    the same key for "สมชาย ใจดี" and "Somchai Jaidee"
 *   nameKeys(s)          all four keys at once; nameMatchKeys(s): normalised + matchKey + phoneticKey
 *   nameSimilarity(a,b)  0..1; explainNameSimilarity(a,b) with reasons in English and Thai
 *   trigramSimilarity    pg_trgm's similarity(); romanisationSimilarity for Latin keys
 *   configureNameCache   size of the per-word memo (speed only, never results)
 *
 * Files: normalise.ts (cleaning, titles, match key), syllables.ts (reading
 * Thai spelling into syllables), phonetic.ts (phonetic code), romanize.ts
 * (RTGS, Latin key), cache.ts, and this file (API, similarity).
 *
 * Keys of one field are best compared with keys of the same field (given
 * name with given name, family name with family name); whole names work too.
 */

import { WordCache } from './cache.js';
import { cleanName, matchKeyOfNormalised, normaliseName, stripTitles } from './normalise.js';
import { makeRespeller, phoneticCodeOfMatchKey } from './phonetic.js';
import { crossScriptKeyOfNormalised, latinKey } from './romanize.js';

export { cleanName, matchKey, matchKeyOfNormalised, normaliseName, splitFullName, stripTitles } from './normalise.js';
export type { SplitName } from './normalise.js';
export { THAI_TITLES, THAI_TITLES_SPACED, THAI_TITLE_ABBREVIATIONS, LATIN_TITLES } from './normalise.js';
export { crossScriptKey, latinKey, romanize } from './romanize.js';
export { RESPELLINGS } from './phonetic.js';
export { configureNameCache } from './cache.js';

const HAS_THAI = /[\u0E00-\u0E7F]/;
const respellFolded = makeRespeller(matchKeyOfNormalised);
const phoneticCache = new WordCache();

function phoneticOf(normalised: string, key: string): string {
  if (!key) return '';
  // Latin letters: the Latin key; other scripts (Myanmar, Khmer…): the match key itself
  if (!HAS_THAI.test(key)) return latinKey(normalised) || key;
  let code = phoneticCache.get(key);
  if (code === undefined) {
    code = phoneticCodeOfMatchKey(key, respellFolded);
    phoneticCache.set(key, code);
  }
  return code;
}

/**
 * A phonetic key: names that sound alike get the same key, whatever the
 * spelling (สมชาย = ซมชาย = สมชาญ; ใจดี = ไจดี; อับดุลเลาะ = อับดุลละ =
 * อับดุลเลาะห์; สุไลมาน = สุลัยมาน; ออง ซาน = อองซาน). Thai names with
 * the same matchKey always share it. Latin-only names get their latinKey,
 * names in other scripts their matchKey. See phonetic.ts for the code and
 * its rules.
 *
 *   phoneticKey('สมชาย') === 'SoMCaY'
 */
export function phoneticKey(s: string | null | undefined): string {
  const n = normaliseName(s);
  return phoneticOf(n, matchKeyOfNormalised(n));
}

export interface NameKeys {
  normalised: string;
  matchKey: string;
  phoneticKey: string;
  crossScriptKey: string;
}

export interface NameMatchKeys {
  normalised: string;
  matchKey: string;
  phoneticKey: string;
}

/** normaliseName, matchKey and phoneticKey of one name, normalising once. */
export function nameMatchKeys(s: string | null | undefined): NameMatchKeys {
  const normalised = normaliseName(s);
  const mk = matchKeyOfNormalised(normalised);
  return { normalised, matchKey: mk, phoneticKey: phoneticOf(normalised, mk) };
}

/** Every key of one name, normalising once: for bulk import. */
export function nameKeys(s: string | null | undefined): NameKeys {
  const normalised = normaliseName(s);
  const mk = matchKeyOfNormalised(normalised);
  return {
    normalised,
    matchKey: mk,
    phoneticKey: phoneticOf(normalised, mk),
    crossScriptKey: crossScriptKeyOfNormalised(normalised),
  };
}

/* ------------------------------------------------------------------ */
/* trigrams                                                            */
/* ------------------------------------------------------------------ */

const WORD_SPLIT = /[^\p{L}\p{M}\p{N}]+/u;

/**
 * The trigram set of a string as PostgreSQL's pg_trgm makes it: lower case
 * (unless keepCase),
 * split into words at non-alphanumeric characters, each word padded with two
 * spaces before and one after. Thai vowel and tone marks count as word
 * characters, as they do in PostgreSQL under C.UTF-8 (the embedded
 * server's locale; checked: similarity('มานี', 'มานพ') = 0.428571 in both).
 * Other LC_CTYPE settings may split words at the marks.
 */
export function trigrams(s: string, keepCase = false): Set<string> {
  const set = new Set<string>();
  for (const w of (keepCase ? s : s.toLowerCase()).split(WORD_SPLIT)) {
    if (!w) continue;
    const p = '  ' + w + ' ';
    for (let i = 0; i + 3 <= p.length; i++) set.add(p.slice(i, i + 3));
  }
  return set;
}

/**
 * pg_trgm similarity(): shared trigrams / all distinct trigrams of both, 0..1.
 * keepCase: compare case-sensitively (for phonetic keys, whose upper and
 * lower case letters mean different sounds).
 */
export function trigramSimilarity(a: string, b: string, keepCase = false): number {
  const ta = trigrams(a, keepCase);
  const tb = trigrams(b, keepCase);
  if (ta.size === 0 || tb.size === 0) return 0;
  let common = 0;
  for (const t of ta) if (tb.has(t)) common++;
  return common / (ta.size + tb.size - common);
}

/**
 * Similarity of two Latin keys by edit distance, where inserting, deleting
 * or swapping a vowel costs 0.5 and a consonant 1: romanisations of one
 * name differ mostly in their vowels (natthawut / natwut, thanaphon /
 * thonphon). 1 − distance / longer length, squared to keep short unlike
 * names (mani / manop) apart.
 */
export function romanisationSimilarity(a: string, b: string): number {
  if (!a || !b) return 0;
  if (a === b) return 1;
  const cost = (ch: string) => ('aeiou'.includes(ch) ? 0.5 : 1);
  let prev = new Array<number>(b.length + 1);
  let cur = new Array<number>(b.length + 1);
  prev[0] = 0;
  for (let j = 1; j <= b.length; j++) prev[j] = prev[j - 1]! + cost(b[j - 1]!);
  for (let i = 1; i <= a.length; i++) {
    const ca = a[i - 1]!;
    cur[0] = prev[0]! + cost(ca);
    for (let j = 1; j <= b.length; j++) {
      const cb = b[j - 1]!;
      const sub = ca === cb ? 0 : 'aeiou'.includes(ca) && 'aeiou'.includes(cb) ? 0.5 : 1;
      cur[j] = Math.min(prev[j - 1]! + sub, prev[j]! + cost(ca), cur[j - 1]! + cost(cb));
    }
    [prev, cur] = [cur, prev];
  }
  const sim = Math.max(0, 1 - prev[b.length]! / Math.max(a.length, b.length));
  return sim * sim;
}

/* ------------------------------------------------------------------ */
/* similarity                                                          */
/* ------------------------------------------------------------------ */

export type NameMatchReason =
  | 'same_normalised'
  | 'same_match_key'
  | 'same_phonetic_key'
  | 'same_cross_script_key'
  | 'same_words_reordered'
  | 'similar_spelling'
  | 'similar_sound'
  | 'similar_romanisation'
  | 'titles_of_different_sex'
  | 'different'
  | 'empty_name';

/** What each reason means, for a linkage review screen. */
export const NAME_MATCH_REASONS: Readonly<Record<NameMatchReason, { en: string; th: string }>> = {
  same_normalised: {
    en: 'identical once titles, spacing and letter case are ignored',
    th: 'ชื่อเหมือนกันเมื่อไม่นับคำนำหน้า ช่องว่าง และตัวพิมพ์',
  },
  same_match_key: {
    en: 'same spelling apart from tone marks, silent letters and letters often swapped (ใ/ไ, ร/ล, ศ/ษ/ส…)',
    th: 'สะกดเหมือนกันเมื่อไม่นับวรรณยุกต์ ตัวการันต์ และพยัญชนะที่มักใช้สลับกัน (ใ/ไ ร/ล ศ/ษ/ส…)',
  },
  same_phonetic_key: { en: 'the names sound alike', th: 'เสียงอ่านเหมือนกัน' },
  same_cross_script_key: {
    en: 'the same name written in Thai and in Latin letters (or two romanisations of it)',
    th: 'ชื่อเดียวกันที่เขียนด้วยอักษรไทยและอักษรโรมัน (หรือสะกดอักษรโรมันต่างกัน)',
  },
  same_words_reordered: { en: 'the same words in a different order', th: 'คำเดียวกันแต่สลับลำดับ' },
  similar_spelling: { en: 'many letters in common (trigram similarity)', th: 'ตัวสะกดคล้ายกัน (มีกลุ่มตัวอักษรร่วมกันมาก)' },
  similar_sound: { en: 'similar sounds', th: 'เสียงอ่านคล้ายกัน' },
  similar_romanisation: { en: 'similar once written in Latin letters', th: 'คล้ายกันเมื่อเขียนเป็นอักษรโรมัน' },
  titles_of_different_sex: { en: 'the titles point to different sexes (นาย / นาง, Mr / Ms…)', th: 'คำนำหน้าบ่งบอกเพศต่างกัน (นาย / นาง …)' },
  different: { en: 'no significant similarity', th: 'ชื่อไม่คล้ายกัน' },
  empty_name: { en: 'a name is missing', th: 'ไม่มีชื่อให้เปรียบเทียบ' },
};

/** Suggested cut-offs for nameSimilarity: at or above `likely` treat as the same name, below `possible` as different. */
export const NAME_SIMILARITY_THRESHOLDS = { likely: 0.85, possible: 0.6 } as const;

/** Scores of the equality signals. */
const SCORE = {
  same_normalised: 1,
  same_match_key: 0.95,
  same_phonetic_key: 0.9,
  same_words_reordered: 0.9,
  same_cross_script_key: 0.85,
} as const;
/** Graded signals are scaled by this, so they rank below key equality. */
const GRADED_WEIGHT = 0.9;
/** A graded signal is reported as a reason from this similarity up. */
const GRADED_REASON_FROM = 0.5;

export interface NameSimilarityExplanation {
  /** 0..1; see NAME_SIMILARITY_THRESHOLDS. */
  score: number;
  /** Codes of every signal that fired, strongest first. */
  reasons: NameMatchReason[];
  /** The reasons in English and Thai, in the same order. */
  labels: { code: NameMatchReason; en: string; th: string }[];
  /** The keys compared, for display. */
  keys: { a: NameKeys; b: NameKeys };
  /** pg_trgm-style similarity of the match keys (of the cross-script keys when the scripts differ). */
  trigram: number;
}

const MALE_TITLES = new Set(['นาย', 'เด็กชาย', 'ด.ช.', 'ดช.', 'ด.ช', 'ดช', 'mr', 'mr.', 'master', 'master.', 'mstr', 'mstr.', 'นายแพทย์', 'นพ.', 'พระ', 'พระภิกษุ', 'สามเณร']);
const FEMALE_TITLES = new Set(['นาง', 'นางสาว', 'น.ส.', 'นส.', 'น.ส', 'นส', 'เด็กหญิง', 'ด.ญ.', 'ดญ.', 'ด.ญ', 'ดญ', 'mrs', 'mrs.', 'ms', 'ms.', 'miss', 'miss.', 'madam', 'madam.', 'mdm', 'mdm.', 'แพทย์หญิง', 'พญ.', 'คุณหญิง', 'ท่านผู้หญิง', 'แม่ชี']);

/** The sex a name's title implies ('m', 'f'), or null (no title, or a title for both: ranks, ดร.). */
function titleSex(name: string | null | undefined): 'm' | 'f' | null {
  for (const t of stripTitles(cleanName(name)).titles) {
    const k = t.toLowerCase();
    if (MALE_TITLES.has(k)) return 'm';
    if (FEMALE_TITLES.has(k)) return 'f';
  }
  return null;
}

function wordKeys(normalised: string): string[] {
  return normalised
    .split(' ')
    .map((w) => matchKeyOfNormalised(w))
    .filter((k) => k !== '');
}

function label(reasons: NameMatchReason[]): NameSimilarityExplanation['labels'] {
  return reasons.map((code) => ({ code, ...NAME_MATCH_REASONS[code] }));
}

/**
 * How alike two names are, 0..1, and why. The score is the strongest of:
 * equal normalised forms (1), equal match keys (0.95), equal phonetic keys
 * (0.9), the same words in another order (0.9), equal cross-script keys
 * (0.85), and 0.9 × the trigram similarity of the match keys or of the
 * phonetic keys, or (Thai against Latin) 0.9 × the better of the trigram
 * and the edit-distance similarity (romanisationSimilarity) of the
 * cross-script keys.
 */
export function explainNameSimilarity(a: string | null | undefined, b: string | null | undefined): NameSimilarityExplanation {
  const ka = nameKeys(a);
  const kb = nameKeys(b);
  const keys = { a: ka, b: kb };
  if (!ka.matchKey || !kb.matchKey) {
    const reasons: NameMatchReason[] = ['empty_name'];
    return { score: 0, reasons, labels: label(reasons), keys, trigram: 0 };
  }
  const found: [NameMatchReason, number][] = [];
  if (ka.normalised === kb.normalised) found.push(['same_normalised', SCORE.same_normalised]);
  if (ka.matchKey === kb.matchKey) found.push(['same_match_key', SCORE.same_match_key]);
  if (ka.phoneticKey && ka.phoneticKey === kb.phoneticKey) found.push(['same_phonetic_key', SCORE.same_phonetic_key]);
  if (ka.crossScriptKey && ka.crossScriptKey === kb.crossScriptKey) found.push(['same_cross_script_key', SCORE.same_cross_script_key]);
  if (ka.matchKey !== kb.matchKey) {
    const wa = wordKeys(ka.normalised);
    const wb = wordKeys(kb.normalised);
    if (wa.length > 1 && wa.length === wb.length && [...wa].sort().join(' ') === [...wb].sort().join(' ')) {
      found.push(['same_words_reordered', SCORE.same_words_reordered]);
    }
  }
  const thaiA = HAS_THAI.test(ka.matchKey);
  const thaiB = HAS_THAI.test(kb.matchKey);
  let trigram: number;
  if (thaiA === thaiB) {
    trigram = trigramSimilarity(ka.matchKey, kb.matchKey);
    if (trigram < 1) found.push(['similar_spelling', GRADED_WEIGHT * trigram]);
    const sound = trigramSimilarity(ka.phoneticKey, kb.phoneticKey, true);
    if (sound < 1) found.push(['similar_sound', GRADED_WEIGHT * sound]);
  } else {
    trigram = trigramSimilarity(ka.crossScriptKey, kb.crossScriptKey);
    const roman = Math.max(trigram, romanisationSimilarity(ka.crossScriptKey, kb.crossScriptKey));
    if (roman < 1) found.push(['similar_romanisation', GRADED_WEIGHT * roman]);
  }
  found.sort((x, y) => y[1] - x[1]);
  const score = found.length ? Math.round(found[0]![1] * 1000) / 1000 : 0;
  const reasons: NameMatchReason[] = found
    .filter(([code, s]) => !(code === 'similar_spelling' || code === 'similar_sound' || code === 'similar_romanisation') || s >= GRADED_WEIGHT * GRADED_REASON_FROM)
    .map(([code]) => code);
  const sa = titleSex(a);
  const sb = titleSex(b);
  if (sa && sb && sa !== sb) reasons.push('titles_of_different_sex');
  if (score < NAME_SIMILARITY_THRESHOLDS.possible && !reasons.some((r) => r !== 'titles_of_different_sex')) reasons.unshift('different');
  return { score, reasons, labels: label(reasons), keys, trigram: Math.round(trigram * 1000) / 1000 };
}

/** How alike two names are, 0..1 (see explainNameSimilarity). */
export function nameSimilarity(a: string | null | undefined, b: string | null | undefined): number {
  return explainNameSimilarity(a, b).score;
}
