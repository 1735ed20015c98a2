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
 * reading (เจริญ = จะเริญ, ชาติ = ชาด, ภูมิ at the end = ภูม, …): see
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

const INITIAL_CODE = new Array<string>(128).fill('');
const FINAL_CODE = new Array<string>(128).fill('');
(function build() {
  const set = (table: string[], letters: string, code: string) => {
    for (const ch of letters) table[cp(ch) - 0x0e00] = code;
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

const VOWEL_CODE: readonly string[] = (() => {
  const v = new Array<string>(16).fill('');
  v[V_A] = 'a';
  v[V_I] = 'i';
  v[V_UE] = 'v';
  v[V_U] = 'u';
  v[V_E] = 'e';
  v[V_AE] = 'x';
  v[V_O] = 'o';
  v[V_OR] = 'o';
  v[V_OE] = 'q';
  v[V_IA] = 'j';
  v[V_UEA] = 'y';
  v[V_UA] = 'w';
  return v;
})();

function initialCode(c: number): string {
  return c ? INITIAL_CODE[c - 0x0e00] ?? '' : '';
}
function finalCode(c: number): string {
  return c ? FINAL_CODE[c - 0x0e00] ?? '' : '';
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
  const endRe = new RegExp(`(?:${[...end.keys()].sort(byLength).map(escape).join('|')})$`);
  const anyRe = new RegExp([...any.keys()].sort(byLength).map(escape).join('|'), 'g');
  return (word: string) => {
    let w = word.replace(endRe, (m) => end.get(m) ?? m);
    w = w.replace(anyRe, (m) => any.get(m) ?? m);
    return w;
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
  let out = '';
  for (let i = 0; i < n; i++) {
    const p = syls[i]!;
    const v = sylVowel(p);
    if (v === V_RAW) {
      out += String.fromCharCode(sylRawChar(p));
      continue;
    }
    const on = sylInitial(p);
    out += initialCode(on);
    if (sylCluster(p) === WO) out += 'W';
    let fin = sylFinal(p);
    if (fin === HO || fin === O_ANG) fin = 0;
    if (fin) {
      const next = syls[i + 1];
      if (next !== undefined && sylVowel(next) !== V_RAW) {
        const nextInitial = initialCode(sylInitial(next));
        if (nextInitial !== '' && nextInitial === initialCode(fin)) fin = 0;
      }
    }
    if (i === last && fin === 0 && (v === V_A || v === V_O || v === V_OR)) out += 'a';
    else out += VOWEL_CODE[v] ?? '';
    out += finalCode(fin);
  }
  return out;
}
