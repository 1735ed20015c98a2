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
 *   nameKeys(s)          all of the above at once (bulk import)
 *   nameSimilarity(a,b)  0..1; explainNameSimilarity(a,b) with reasons in English and Thai
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
  if (!HAS_THAI.test(key)) return latinKey(normalised);
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
 * อับดุลเลาะห์; สุไลมาน = สุลัยมาน; ออง ซาน = อองซาน). Names with the same
 * matchKey always share it. Latin-only names get their latinKey. See
 * phonetic.ts for the code and its rules.
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
 * The trigram set of a string as PostgreSQL's pg_trgm makes it: lower case,
 * split into words at non-alphanumeric characters, each word padded with two
 * spaces before and one after. (Thai vowel and tone marks count as word
 * characters here; in PostgreSQL that depends on the database's LC_CTYPE.)
 */
export function trigrams(s: string): Set<string> {
  const set = new Set<string>();
  for (const w of s.toLowerCase().split(WORD_SPLIT)) {
    if (!w) continue;
    const p = '  ' + w + ' ';
    for (let i = 0; i + 3 <= p.length; i++) set.add(p.slice(i, i + 3));
  }
  return set;
}

/** pg_trgm similarity(): shared trigrams / all distinct trigrams of both, 0..1. */
export function trigramSimilarity(a: string, b: string): number {
  const ta = trigrams(a);
  const tb = trigrams(b);
  if (ta.size === 0 || tb.size === 0) return 0;
  let common = 0;
  for (const t of ta) if (tb.has(t)) common++;
  return common / (ta.size + tb.size - common);
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
  | 'different_titles'
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
  different_titles: { en: 'the titles differ (check sex and age)', th: 'คำนำหน้าต่างกัน (ตรวจสอบเพศและอายุ)' },
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
 * (0.85), and 0.9 × the trigram similarity of the match keys, of the
 * phonetic keys, or (Thai against Latin) of the cross-script keys.
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
  if (ka.phoneticKey === kb.phoneticKey) found.push(['same_phonetic_key', SCORE.same_phonetic_key]);
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
    const sound = trigramSimilarity(ka.phoneticKey, kb.phoneticKey);
    if (sound < 1) found.push(['similar_sound', GRADED_WEIGHT * sound]);
  } else {
    trigram = trigramSimilarity(ka.crossScriptKey, kb.crossScriptKey);
    if (trigram < 1) found.push(['similar_romanisation', GRADED_WEIGHT * trigram]);
  }
  found.sort((x, y) => y[1] - x[1]);
  const score = found.length ? Math.round(found[0]![1] * 1000) / 1000 : 0;
  const reasons: NameMatchReason[] = found
    .filter(([code, s]) => !(code === 'similar_spelling' || code === 'similar_sound' || code === 'similar_romanisation') || s >= GRADED_WEIGHT * GRADED_REASON_FROM)
    .map(([code]) => code);
  const ta = stripTitles(cleanName(a)).titles.join(' ').toLowerCase();
  const tb = stripTitles(cleanName(b)).titles.join(' ').toLowerCase();
  if (ta && tb && ta !== tb) reasons.push('different_titles');
  if (score < NAME_SIMILARITY_THRESHOLDS.possible && !reasons.some((r) => r !== 'different_titles')) reasons.unshift('different');
  return { score, reasons, labels: label(reasons), keys, trigram: Math.round(trigram * 1000) / 1000 };
}

/** How alike two names are, 0..1 (see explainNameSimilarity). */
export function nameSimilarity(a: string | null | undefined, b: string | null | undefined): number {
  return explainNameSimilarity(a, b).score;
}
