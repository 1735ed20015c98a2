/**
 * Romanisation of Thai names (RTGS-style) and a key for comparing names
 * written in Latin letters, so that a Thai spelling and the Latin spellings
 * people use for it (passports, welfare lists) can be matched:
 *   สมชาย ใจดี → "somchai chaidi"; latinKey of "Somchai Jaidee", "Somchay
 *   Chaidee" and "somchai chaidi" are all "somcaicaidi".
 *
 * RTGS (Royal Thai General System of Transcription, Royal Institute 1999):
 * no tones, no vowel length, finals as pronounced (สมพร = somphon, ศักดิ์
 * = sak). Syllables come from the reader in syllables.ts; the commonest
 * Pali/Sanskrit linking vowels are added back (สุรชัย = surachai,
 * ณัฐวุฒิ = natthawut), others are missed (ธนพล → thonphon, not
 * thanaphon). Measured on the 1,500 names of src/lib/synthetic/names.ts,
 * crossScriptKey(Thai) equals latinKey(RTGS spelling) for 87% of Thai
 * given names and surnames, 96% of compound surnames, 91% of Malay-Muslim
 * names against their passport spelling, 69–94% of Myanmar, Khmer and
 * Lao names.
 */

import { WordCache } from './cache.js';
import { cleanName, normaliseName } from './normalise.js';
import { makeRespeller } from './phonetic.js';
import {
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
  stripSilentMarks,
  sylCluster,
  sylFinal,
  finalSound,
  sylInitial,
  sylLong,
  sylRawChar,
  sylVowel,
  syllabify,
} from './syllables.js';

const cp = (ch: string): number => ch.charCodeAt(0);

const INITIAL = new Array<string>(128).fill('');
const FINAL = new Array<string>(128).fill('');
(function build() {
  const set = (table: string[], letters: string, value: string) => {
    for (const ch of letters) table[cp(ch) - 0x0e00] = value;
  };
  set(INITIAL, 'ก', 'k');
  set(INITIAL, 'ขฃคฅฆ', 'kh');
  set(INITIAL, 'ง', 'ng');
  set(INITIAL, 'จฉชฌ', 'ch');
  set(INITIAL, 'ซศษส', 's');
  set(INITIAL, 'ญย', 'y');
  set(INITIAL, 'ฎด', 'd');
  set(INITIAL, 'ฏต', 't');
  set(INITIAL, 'ฐฑฒถทธ', 'th');
  set(INITIAL, 'ณน', 'n');
  set(INITIAL, 'บ', 'b');
  set(INITIAL, 'ป', 'p');
  set(INITIAL, 'ผพภ', 'ph');
  set(INITIAL, 'ฝฟ', 'f');
  set(INITIAL, 'ม', 'm');
  set(INITIAL, 'รฤ', 'r');
  set(INITIAL, 'ลฬฦ', 'l');
  set(INITIAL, 'ว', 'w');
  set(INITIAL, 'หฮ', 'h');
  set(FINAL, 'กขฃคฅฆ', 'k');
  set(FINAL, 'ง', 'ng');
  set(FINAL, 'จฉชซฌฎฏฐฑฒดตถทธศษส', 't');
  set(FINAL, 'ญณนรลฬ', 'n');
  set(FINAL, 'บปผฝพฟภ', 'p');
  set(FINAL, 'ม', 'm');
  set(FINAL, 'ย', 'i');
  set(FINAL, 'ว', 'o');
})();

const VOWEL: readonly string[] = (() => {
  const v = new Array<string>(16).fill('');
  v[V_A] = 'a';
  v[V_I] = 'i';
  v[V_UE] = 'ue';
  v[V_U] = 'u';
  v[V_E] = 'e';
  v[V_AE] = 'ae';
  v[V_O] = 'o';
  v[V_OR] = 'o';
  v[V_OE] = 'oe';
  v[V_IA] = 'ia';
  v[V_UEA] = 'uea';
  v[V_UA] = 'ua';
  return v;
})();

const respell = makeRespeller((s) => s);
const HAS_THAI = /[\u0E00-\u0E7F]/;

/** Finals that Pali/Sanskrit compounds also read as the next syllable's initial + a: ณัฐวุฒิ = nat-tha-wut. */
const LINKING_FINALS = new Set([...'จฉชฌฏฐฑฒตถทธภศษ'].map(cp));
const SHORT_VOWELS = new Set([V_A, V_I, V_U, V_UE, V_O]);
const RO = cp('ร');
const LO = cp('ล');
const PHO = cp('พ');
const SO_SALA = cp('ศ');

function syllableRoman(on: number, cl: number, v: number, fin: number): string {
  let out = '';
  if (on) out += INITIAL[on - 0x0e00] ?? '';
  if (cl) out += INITIAL[cl - 0x0e00] ?? '';
  out += VOWEL[v] ?? '';
  if (fin) out += FINAL[fin - 0x0e00] ?? '';
  return out;
}

/**
 * Romanisation of one word. Besides RTGS letter values, two readings of
 * Pali/Sanskrit compounds are applied inside a word (RTGS writes the
 * vowel that is said but not written):
 *   - a final ร before another syllable is read "ra": ธีรวัฒน์ = thirawat,
 *     สุรชัย = surachai, อรทัย = orathai (but พร, ศร read phon, son: พรชัย = phonchai)
 *   - a short syllable closed by จ ช ฐ ต ท ธ ภ ศ ษ… is followed by that
 *     letter + a: ณัฐวุฒิ = natthawut, ศุภชัย = supphachai, วิทยา = witthaya
 */
function romanizeWord(word: string): string {
  const syls = syllabify(respell(stripSilentMarks(word)), false);
  let out = '';
  for (let i = 0; i < syls.length; i++) {
    const p = syls[i]!;
    const v = sylVowel(p);
    if (v === V_RAW) {
      out += String.fromCharCode(sylRawChar(p)).toLowerCase();
      continue;
    }
    const on = sylInitial(p);
    const cl = sylCluster(p);
    const fin = sylFinal(p);
    const next = syls[i + 1];
    const nextOn = next !== undefined && sylVowel(next) !== V_RAW ? sylInitial(next) : -1;
    if (fin === RO && nextOn > 0 && nextOn !== RO && !(v === V_O && (on === PHO || on === SO_SALA) && !cl)) {
      out += syllableRoman(on, cl, v, 0) + 'ra';
    } else if (
      fin !== 0 &&
      nextOn > 0 &&
      LINKING_FINALS.has(fin) &&
      SHORT_VOWELS.has(v) &&
      !sylLong(p) &&
      nextOn !== RO &&
      nextOn !== LO &&
      finalSound(nextOn) !== finalSound(fin)
    ) {
      out += syllableRoman(on, cl, v, fin) + (INITIAL[fin - 0x0e00] ?? '') + 'a';
    } else {
      out += syllableRoman(on, cl, v, fin);
    }
  }
  return out;
}

/**
 * RTGS-style romanisation of Thai text, lower case, words kept apart by
 * spaces; Latin words pass through lower-cased. Titles are not removed
 * (use normaliseName first for that).
 *
 *   romanize('สมชาย ใจดี') === 'somchai chaidi'
 *   romanize('ประเสริฐ') === 'prasoet'
 */
export function romanize(thai: string | null | undefined): string {
  const clean = cleanName(thai);
  if (!clean) return '';
  return clean
    .split(' ')
    .map((w) => (HAS_THAI.test(w) ? romanizeWord(w) : w.toLowerCase()))
    .join(' ');
}

/* ------------------------------------------------------------------ */
/* Latin key                                                           */
/* ------------------------------------------------------------------ */

const VOWELS = 'aeiou';
function isVowel(ch: string | undefined): boolean {
  return ch !== undefined && VOWELS.includes(ch);
}

/** What a consonant at the end of a syllable sounds like in Thai: the eight finals. */
const CODA: Record<string, string> = { b: 'p', p: 'p', f: 'p', d: 't', t: 't', s: 't', c: 't', k: 'k', l: 'n', r: 'n', n: 'n', m: 'm', N: 'N' };

/** Onset clusters that stay together (pr, kl, kw…), so the first letter is not a final. */
function startsCluster(a: string, b: string | undefined): boolean {
  if (b === 'r' || b === 'l') return 'pbktdf'.includes(a);
  if (b === 'w') return a === 'k';
  return false;
}

function latinWordKey(word: string): string {
  let w = word
    // consonant digraphs and letters Thai does not distinguish
    .replace(/hh+/g, 'h')
    .replace(/ng/g, 'N')
    .replace(/tch|ch|jh|j|ky/g, 'c')
    .replace(/sh|sy(?=[aeiou])/g, 's')
    .replace(/ph/g, 'p')
    .replace(/th/g, 't')
    .replace(/kh|gh/g, 'k')
    .replace(/bh/g, 'b')
    .replace(/dh/g, 'd')
    .replace(/q/g, 'k')
    .replace(/[xz]/g, 's')
    .replace(/v/g, 'w')
    .replace(/g/g, 'k')
    .replace(/sr/g, 's')
    // word endings
    .replace(/one$/, 'on')
    .replace(/([aeiou])r$/, '$1')
    .replace(/([^aeiou])e$/, '$1i')
    // vowels
    .replace(/y(?![aeiou])/g, 'i')
    .replace(/au/g, 'o')
    .replace(/aw(?![aeiou])/g, 'o')
    .replace(/ew(?![aeiou])/g, 'eo')
    .replace(/iw(?![aeiou])/g, 'io')
    .replace(/ow(?![aeiou])/g, 'o')
    .replace(/ea/g, 'ia')
    .replace(/ie(?![aeiou])/g, 'ia')
    .replace(/ae/g, 'e')
    .replace(/ee|ii/g, 'i')
    .replace(/oo|ou|uu/g, 'u')
    .replace(/aa/g, 'a')
    .replace(/eu/g, 'ue')
    .replace(/er(?![aeiou])/g, 'oe')
    .replace(/oe$/, 'o')
    .replace(/w(?![aeiou])/g, 'o')
    .replace(/h(?![aeiou])/g, '')
    .replace(/([^aeiou])o$/, '$1a');
  // consonants closing a syllable take their Thai final sound; r and l merge
  let out = '';
  for (let i = 0; i < w.length; i++) {
    const ch = w[i]!;
    const next = w[i + 1];
    if (!isVowel(ch) && ch !== 'y' && ch !== 'w' && !isVowel(next) && !startsCluster(ch, next)) out += CODA[ch] ?? ch;
    else out += ch === 'r' ? 'l' : ch;
  }
  // doubled letters collapse
  w = out.replace(/(.)\1+/g, '$1');
  return w;
}

/**
 * A normalised key for a name written in Latin letters: lower case, no
 * diacritics, no spaces or punctuation, and the common variants of
 * romanised Thai (and Malay, Myanmar, Khmer, Lao) names made equal:
 *   j / ch / tch / ky → c        Jaidee = Chaidee; Kyaw ~ จ่อ
 *   ph → p, th → t, kh → k, gh → k, bh → b, dh → d   Phonthip = Ponthip
 *   v → w                         Vichai = Wichai
 *   q → k, x / z → s, g → k, sh → s, sy + vowel → s, sr → s   Zaw = Saw, Sri = Si
 *   -one → -on (Lao), vowel + final r → vowel          Somphone = Somphon; Nasir ~ นาซีร์
 *   a final e after a consonant → i                    Jaide = Jaidi
 *   y, w not before a vowel → i, o                     Somchay = Somchai, Kaew = Kaeo
 *   au → o; aw, ow before a consonant → o              Aung = Ong (ออง), Zaw = So (ซอ)
 *   ea → ia, ie before a consonant → ia                Chea = Chia (เจีย), Thien = Thian
 *   ae → e; ee, ii → i; oo, ou, uu → u; aa → a; eu → ue   Daeng = Deng, Boonmee = Bunmi
 *   er before a consonant → oe; final oe → o           Prasert = Prasoet; Moe ~ โม
 *   h not before a vowel is dropped                    Abdullah = Abdulla, Htet = Tet
 *   a final o after a consonant → a (Malay -ah / -oh, as in the phonetic key)   Abdulloh = Abdullah
 *   a consonant closing a syllable takes the Thai final sound:
 *     b p f → p; d t s c → t; k → k; l r n → n        Abdul = Apdun (อับดุล), Pornthip = Ponthip
 *   r → l                          Rattana = Lattana
 *   doubled letters collapse       Kittisak = Kitisak
 */
export function latinKey(latin: string | null | undefined): string {
  if (!latin) return '';
  const t = latin
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/ß/g, 'ss')
    .replace(/æ/g, 'ae')
    .replace(/ø/g, 'o')
    .replace(/[đð]/g, 'd')
    .replace(/ł/g, 'l')
    .replace(/ı/g, 'i');
  let out = '';
  for (const word of t.split(/[^a-z]+/)) if (word) out += cachedLatinWordKey(word);
  return out;
}

const latinWordCache = new WordCache();
function cachedLatinWordKey(word: string): string {
  let k = latinWordCache.get(word);
  if (k === undefined) {
    k = latinWordKey(word);
    latinWordCache.set(word, k);
  }
  return k;
}

const thaiWordCache = new WordCache();
/** latinKey(romanize(word)) of one normalised Thai word, remembered. */
function thaiWordLatinKey(word: string): string {
  let k = thaiWordCache.get(word);
  if (k === undefined) {
    k = latinKey(romanizeWord(word));
    thaiWordCache.set(word, k);
  }
  return k;
}

/**
 * The same key whichever script the name is written in: Thai words are
 * romanised (RTGS) first, then everything goes through latinKey. Titles
 * are stripped.
 *
 *   crossScriptKey('สมชาย ใจดี') === crossScriptKey('Mr Somchai Jaidee') === 'somcaicaidi'
 */
export function crossScriptKey(name: string | null | undefined): string {
  return crossScriptKeyOfNormalised(normaliseName(name));
}

/** crossScriptKey of an already normalised name. */
export function crossScriptKeyOfNormalised(n: string): string {
  if (!n) return '';
  if (!HAS_THAI.test(n)) return latinKey(n);
  let out = '';
  for (const w of n.split(' ')) out += HAS_THAI.test(w) ? thaiWordLatinKey(w) : latinKey(w);
  return out;
}
