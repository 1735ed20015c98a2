/**
 * A phonetic key for Thai names.
 *
 * In the spirit of the Thai soundex algorithms LK82 (Lorchirachoonkul
 * 1982) and Udom83 (Wannee Udompanich, "String searching for Thai alphabet
 * using Soundex compression technique", Chulalongkorn University 1983):
 * tone marks and silent letters are dropped, consonants that sound alike
 * share a code, and most vowel detail is discarded. Unlike them this key
 * is not truncated to a fixed length (names differ in their later
 * syllables: มานี / มานพ) and it reads the word syllable by syllable
 * (syllables.ts) so that a letter is coded by its sound where it stands:
 * ร/ล/น as a final are all "n", ด/ต/ท/ส/จ/ช as a final are all "t", and
 * the unwritten vowels of สม and มณี are seen. This implementation is
 * written from the published rules, not from any existing code.
 *
 * Code alphabet (per syllable: initial, [W], vowel, final):
 *   initials  K ก ข ค ฆ   G ง   C จ ฉ ช ฌ   S ซ ศ ษ ส   Y ญ ย   D ฎ ด
 *             T ฏ ต ฐ ฑ ฒ ถ ท ธ   N ณ น   B บ   P ป ผ พ ภ   F ฝ ฟ   M ม
 *             L ร ล ฬ ฤ   W ว   H ห ฮ   (อ as an initial: nothing)
 *             aspiration is ignored (ก/ค, จ/ช, ต/ท, ป/พ) as in LK82;
 *             cluster ร/ล is dropped (ปรีชา ~ ปีชา, as people say it), cluster ว kept
 *   vowels    a ะ า ั (and the unwritten a)   i ิ ี   v ึ ื   u ุ ู   e เ   x แ
 *             o โ อ เ-าะ (and the unwritten o)   q เ-อ เ-ิ   j เ-ีย   y เ-ือ   w -ัว -ว-
 *             length is ignored; ไ ใ ัย = a + Y, เ-า = a + W, ำ = a + M
 *   finals    K k-sounds  T t-sounds  P p-sounds  N ณ น ร ล ฬ (ญ folds to ย)
 *             M ม  G ง  Y ย  W ว  (ห อ as finals are silent)
 * Then:
 *   - a final followed by an initial of the same sound is dropped
 *     (อับดุลลาห์ = อับดุลาห์, มุฮัมมัด = มูฮำหมัด, กิตติ = กิติ)
 *   - the last syllable, when open with a vowel a or o, codes as a: Malay
 *     -ah/-oh endings written ะ, ะห์, า, าห์, อ, อฮ์, เาะ, เาะห์ all agree
 *     (อับดุลเลาะ = อับดุลละ = อับดุลลอฮ์)
 *
 * The key is computed from the match key (normalise.ts), so two names
 * with the same match key always have the same phonetic key, and the
 * match key's folds (ญ→ย, ใ→ไ, silent ์ letters, word-initial ทร→ซ) apply.
 *
 * A few irregular spellings frequent in names are respelled before
 * reading (เจริญ = จะเริน, ชาติ = ชาด, ภูมิ at the end = ภูม, …): see
 * RESPELLINGS.
 */

import {
  HO,
  O_ANG,
  V_A,
  V_AE,
  V_E,
  V_I,
  V_IA,
  V_O,
  V_OE,
  V_OR,
  V_RAW,
  V_U,
  V_UA,
  V_UE,
  V_UEA,
  WO,
  stripSilentMarks,
  sylCluster,
  sylFinal,
  sylInitial,
  sylRawChar,
  sylVowel,
  syllabify,
} from './syllables.js';

const cp = (ch: string): number => ch.charCodeAt(0);

/** Code characters (as char codes, 0 = none) by letter − U+0E00. */
const INITIAL_CODE = new Uint16Array(128);
const FINAL_CODE = new Uint16Array(128);
(function build() {
  const set = (table: Uint16Array, letters: string, code: string) => {
    for (const ch of letters) table[cp(ch) - 0x0e00] = cp(code);
  };
  set(INITIAL_CODE, 'กขฃคฅฆ', 'K');
  set(INITIAL_CODE, 'ง', 'G');
  set(INITIAL_CODE, 'จฉชฌ', 'C');
  set(INITIAL_CODE, 'ซศษส', 'S');
  set(INITIAL_CODE, 'ญย', 'Y');
  set(INITIAL_CODE, 'ฎด', 'D');
  set(INITIAL_CODE, 'ฏตฐฑฒถทธ', 'T');
  set(INITIAL_CODE, 'ณน', 'N');
  set(INITIAL_CODE, 'บ', 'B');
  set(INITIAL_CODE, 'ปผพภ', 'P');
  set(INITIAL_CODE, 'ฝฟ', 'F');
  set(INITIAL_CODE, 'ม', 'M');
  set(INITIAL_CODE, 'รลฬฤฦ', 'L');
  set(INITIAL_CODE, 'ว', 'W');
  set(INITIAL_CODE, 'หฮ', 'H');
  // อ: no code

  set(FINAL_CODE, 'กขฃคฅฆ', 'K');
  set(FINAL_CODE, 'ง', 'G');
  set(FINAL_CODE, 'จฉชซฌฎฏฐฑฒดตถทธศษส', 'T');
  set(FINAL_CODE, 'ญณนรลฬ', 'N');
  set(FINAL_CODE, 'บปผฝพฟภ', 'P');
  set(FINAL_CODE, 'ม', 'M');
  set(FINAL_CODE, 'ย', 'Y');
  set(FINAL_CODE, 'ว', 'W');
  // ห ฮ อ: silent
})();

const VOWEL_CODE = new Uint16Array(16);
VOWEL_CODE[V_A] = cp('a');
VOWEL_CODE[V_I] = cp('i');
VOWEL_CODE[V_UE] = cp('v');
VOWEL_CODE[V_U] = cp('u');
VOWEL_CODE[V_E] = cp('e');
VOWEL_CODE[V_AE] = cp('x');
VOWEL_CODE[V_O] = cp('o');
VOWEL_CODE[V_OR] = cp('o');
VOWEL_CODE[V_OE] = cp('q');
VOWEL_CODE[V_IA] = cp('j');
VOWEL_CODE[V_UEA] = cp('y');
VOWEL_CODE[V_UA] = cp('w');
const CODE_A = cp('a');
const CODE_W = cp('W');

function initialCode(c: number): number {
  return c ? INITIAL_CODE[c - 0x0e00] ?? 0 : 0;
}
function finalCode(c: number): number {
  return c ? FINAL_CODE[c - 0x0e00] ?? 0 : 0;
}

/**
 * Irregular spellings common in names, respelled as read (tone marks and
 * ์-silenced letters already removed). "$" = only at the end of the word.
 */
export const RESPELLINGS: readonly (readonly [string, string])[] = [
  ['เจริญ', 'จะเริน'],
  ['เชิญ', 'เชิน'],
  ['เฉลิม', 'ฉะเลิม'],
  ['เกียรติ$', 'เกียด'],
  ['เกียรติ', 'เกียดติ'],
  ['ชาติ', 'ชาด'],
  ['ญาติ', 'ญาด'],
  ['สมบัติ$', 'สมบัด'],
  ['ภูมิ$', 'ภูม'],
  ['วุฒิ$', 'วุด'],
  ['พรหม', 'พรม'],
  ['สงวน', 'สะหงวน'],
  ['เสงียม', 'สะเงียม'],
  ['สง่า', 'สะง่า'],
  ['สงัด', 'สะงัด'],
  ['เกตุ', 'เกด'],
  ['โชติ$', 'โชด'],
  ['ฤทธิ์$', 'ริด'],
  // ์ forgotten on the most common silent syllable
  ['ศักดิ$', 'ศัก'],
];

export interface Respeller {
  (word: string): string;
}

/** A respelling function for words already passed through `prepare` (identity, or a fold). */
export function makeRespeller(prepare: (s: string) => string): Respeller {
  const end = new Map<string, string>();
  const any = new Map<string, string>();
  for (const [from, to] of RESPELLINGS) {
    const atEnd = from.endsWith('$');
    const key = prepare(stripSilentMarks(atEnd ? from.slice(0, -1) : from));
    const value = prepare(stripSilentMarks(to));
    (atEnd ? end : any).set(key, value);
  }
  const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const byLength = (a: string, b: string) => b.length - a.length;
  // one pass: an end-of-word entry wins where it matches at the end
  const endAlternatives = [...end.keys()].sort(byLength).map((k) => `${escape(k)}$`);
  const anyAlternatives = [...any.keys()].sort(byLength).map(escape);
  const re = new RegExp([...endAlternatives, ...anyAlternatives].join('|'), 'g');
  const test = new RegExp(re.source);
  return (word: string) => {
    if (!test.test(word)) return word;
    return word.replace(re, (m: string, offset: number) => (offset + m.length === word.length ? end.get(m) : undefined) ?? any.get(m) ?? m);
  };
}

/**
 * The phonetic code of a match key (see module comment). Non-Thai
 * characters pass through. Exposed for callers that already hold the match key.
 */
export function phoneticCodeOfMatchKey(key: string, respell: Respeller): string {
  const syls = syllabify(respell(key), true);
  const n = syls.length;
  // the last Thai syllable, for the open a/o ending rule
  let last = -1;
  for (let i = n - 1; i >= 0; i--) {
    if (sylVowel(syls[i]!) !== V_RAW) {
      last = i;
      break;
    }
  }
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const p = syls[i]!;
    const v = sylVowel(p);
    if (v === V_RAW) {
      out.push(sylRawChar(p));
      continue;
    }
    const on = initialCode(sylInitial(p));
    if (on) out.push(on);
    if (sylCluster(p) === WO) out.push(CODE_W);
    let fin = sylFinal(p);
    if (fin === HO || fin === O_ANG) fin = 0;
    if (fin) {
      const next = syls[i + 1];
      if (next !== undefined && sylVowel(next) !== V_RAW) {
        const nextInitial = initialCode(sylInitial(next));
        if (nextInitial !== 0 && nextInitial === initialCode(fin)) fin = 0;
      }
    }
    if (i === last && fin === 0 && (v === V_A || v === V_O || v === V_OR)) out.push(CODE_A);
    else out.push(VOWEL_CODE[v] ?? 0);
    const f = finalCode(fin);
    if (f) out.push(f);
  }
  return String.fromCharCode(...out);
}
