/**
 * Thai orthographic syllables, for the phonetic key and romanisation.
 *
 * Thai writes no spaces between syllables, puts some vowels before their
 * consonant (เ แ โ ใ ไ), leaves the vowel of many syllables unwritten
 * (สม = s-o-m, มณี = m-a-n-i) and uses the same letter as the initial of one
 * syllable or the final of another. This module splits a word into
 * syllables (initial, cluster, vowel, final) by dynamic programming over
 * the spelling patterns below, choosing the reading with the lowest cost.
 * Every syllable costs 10, plus:
 *   +1  an unwritten o between two consonants (สม = som); +4 instead when
 *       both are the same stop (ยุ|ทธ|นา is wrong, ยุท|ธ-|นา right), +2
 *       more right after a short written vowel ิ ึ ุ (สุข|ส-|วัสดิ์ rather
 *       than สุ|ขส|วัสดิ์)
 *   +3  an unwritten short a (มณี = ma-ni), +3 more at the end of a word
 *   +3  an open เ- แ- โ- syllable inside a word (เพ็ง|มณี rather than เพ|งม|ณี)
 *   +3  a leading vowel that belongs to the second consonant, with an
 *       unwritten a on the first (เกษม = ka-sem, เสงี่ยม = sa-ngiam)
 *   +2  a silent final ห/อ (a Malay -ah written without ์)
 *   +3  a final directly before อ that could be its vowel (ถนอม = tha-nom)
 *   −1  a true cluster or the silent ร of ศรี (ศรี|สง|คราม, ปรี|ชา)
 *   20  a character that fits no pattern (skipped)
 * Ties go to the reading found last (the longer earlier syllables).
 * Without a dictionary the Pali/Sanskrit linking vowels are not seen here
 * (สุรชัย reads sun-chai; romanisation adds them back); what matters for
 * matching is that two spellings of one name get the same reading.
 *
 * Input: a Thai word without tone marks, ็ or letters silenced by ์ (see
 * stripSilentMarks). Characters outside the Thai block pass through as
 * "raw" syllables. Works on unfolded text (romanisation) and on match-key
 * text where look-alike letters were folded (phonetic key); in folded mode
 * the word-initial ทร rule is skipped (the match key already applied it).
 *
 * Syllables are packed into one integer each (no allocation per syllable):
 *   bits 0–6 initial, 7–13 cluster letter, 14–20 final (code point − U+0E00,
 *   0 = none), 21–24 vowel, 25 long. Raw characters: vowel = RAW and the
 *   code point in bits 0–20.
 */

const cp = (ch: string): number => ch.charCodeAt(0);

// consonants used by the rules
const KO = cp('ก');
const KHO = cp('ข');
const KHO_KHWAI = cp('ค');
const CHO = cp('จ');
const CHO_CHANG = cp('ช');
const CHING = cp('ฉ');
const SO_SO = cp('ซ');
const DO = cp('ด');
const TO = cp('ต');
const THO_THAN = cp('ฐ');
const THO_MONTHO = cp('ฑ');
const THO_PHUTHAO = cp('ฒ');
const THO_THUNG = cp('ถ');
const THO = cp('ท');
const NO = cp('น');
const BO = cp('บ');
const PO = cp('ป');
const PHO = cp('พ');
const PHO_PHUNG = cp('ผ');
const FO = cp('ฟ');
const MO = cp('ม');
const YO = cp('ย');
const RO = cp('ร');
const RUE = cp('ฤ');
const LO = cp('ล');
const LUE = cp('ฦ');
export const WO = cp('ว');
const SO_SALA = cp('ศ');
const SO_RUESI = cp('ษ');
const SO = cp('ส');
export const HO = cp('ห');
const HO_NOKHUK = cp('ฮ');
export const O_ANG = cp('อ');
const NGO = cp('ง');
const YO_YING = cp('ญ');
const LO_CHULA = cp('ฬ');

// vowels
const SARA_A = cp('ะ');
const MAI_HAN_AKAT = cp('ั');
const SARA_AA = cp('า');
const SARA_AM = cp('ำ');
const SARA_I = cp('ิ');
const SARA_II = cp('ี');
const SARA_UE = cp('ึ');
const SARA_UEE = cp('ื');
const SARA_U = cp('ุ');
const SARA_UU = cp('ู');
const SARA_E = cp('เ');
const SARA_AE = cp('แ');
const SARA_O = cp('โ');
const LAKKHANGYAO = cp('ๅ');

/** Vowel codes (bits 21–24 of a syllable). */
export const V_A = 1;
export const V_I = 2;
export const V_UE = 3;
export const V_U = 4;
export const V_E = 5;
export const V_AE = 6;
/** โ-, and the unwritten o of สม. */
export const V_O = 7;
/** อ as a vowel, เ-าะ (open o, ɔ). */
export const V_OR = 8;
/** เ-อ, เ-ิ (ɤ). */
export const V_OE = 9;
export const V_IA = 10;
export const V_UEA = 11;
export const V_UA = 12;
export const V_RAW = 15;

export function sylInitial(p: number): number {
  const o = p & 0x7f;
  return o ? o + 0x0e00 : 0;
}
export function sylCluster(p: number): number {
  const o = (p >> 7) & 0x7f;
  return o ? o + 0x0e00 : 0;
}
export function sylFinal(p: number): number {
  const o = (p >> 14) & 0x7f;
  return o ? o + 0x0e00 : 0;
}
export function sylVowel(p: number): number {
  return (p >> 21) & 0xf;
}
export function sylLong(p: number): boolean {
  return ((p >> 25) & 1) === 1;
}
export function sylRawChar(p: number): number {
  return p & 0x1fffff;
}

function pack(on: number, cl: number, v: number, long: boolean, fin: number): number {
  return (
    (on ? on - 0x0e00 : 0) |
    ((cl ? cl - 0x0e00 : 0) << 7) |
    ((fin ? fin - 0x0e00 : 0) << 14) |
    (v << 21) |
    (long ? 1 << 25 : 0)
  );
}

/* character classes */
const CONS = 1;
const LEAD = 2;
const MARK = 4;
const CLS = new Uint8Array(128);
for (let c = 0x0e01; c <= 0x0e2e; c++) if (c !== RUE && c !== LUE) CLS[c - 0x0e00] = CONS;
for (const ch of 'เแโใไ') CLS[cp(ch) - 0x0e00] = LEAD;
for (const ch of 'ะัาำิีึืุูๅ') CLS[cp(ch) - 0x0e00] = MARK;

function cls(c: number): number {
  const i = c - 0x0e00;
  return i >= 0 && i < 128 ? CLS[i]! : 0;
}
function isCons(c: number): boolean {
  return cls(c) === CONS;
}
function isMark(c: number): boolean {
  return cls(c) === MARK;
}

/** The sound of a letter as a final: 1 k, 2 t, 3 p, 4 n, 5 m, 6 ng, 7 y, 8 w, 0 silent/none. */
const FINAL_SOUND = new Uint8Array(128);
(function buildFinalSound() {
  const set = (letters: string, v: number) => {
    for (const ch of letters) FINAL_SOUND[cp(ch) - 0x0e00] = v;
  };
  set('กขฃคฅฆ', 1);
  set('จฉชซฌฎฏฐฑฒดตถทธศษส', 2);
  set('บปผฝพฟภ', 3);
  set('ญณนรลฬ', 4);
  set('ม', 5);
  set('ง', 6);
  set('ย', 7);
  set('ว', 8);
})();
export function finalSound(c: number): number {
  const i = c - 0x0e00;
  return i >= 0 && i < 128 ? FINAL_SOUND[i]! : 0;
}
/** Two letters that are the same stop as finals (ท/ธ, ต/ต, ก/ข…). */
function sameStop(a: number, b: number): boolean {
  const x = finalSound(a);
  return x >= 1 && x <= 3 && x === finalSound(b);
}

/** Sonorants that a silent leading ห makes high-class: หง หญ หน หม หย หร หล หว. */
function isSonorant(c: number): boolean {
  return c === NGO || c === YO_YING || c === NO || c === MO || c === YO || c === RO || c === LO || c === WO || c === LO_CHULA;
}

/** True clusters: กร กล กว ขร ขล ขว คร คล คว ตร ปร ปล พร พล ผล (+ บร บล ฟร ฟล ทร in loans). */
function isClusterPair(a: number, b: number): boolean {
  if (b === RO) return a === KO || a === KHO || a === KHO_KHWAI || a === TO || a === PO || a === PHO || a === PHO_PHUNG || a === BO || a === FO || a === THO;
  if (b === LO) return a === KO || a === KHO || a === KHO_KHWAI || a === PO || a === PHO || a === PHO_PHUNG || a === BO || a === FO;
  return false;
}
function isKwCluster(a: number): boolean {
  return a === KO || a === KHO || a === KHO_KHWAI;
}

/** Finals after which ร is silent: บุตร, มิตร, ภัทร, เพชร, สมุทร, จิตรภักดี (but ธร = thon: ศศิธร). */
function silentRAfter(f: number): boolean {
  return f === TO || f === THO || f === THO_THUNG || f === THO_THAN || f === THO_MONTHO || f === THO_PHUTHAO || f === CHO_CHANG || f === CHING || f === CHO;
}

/* ------------------------------------------------------------------ */
/* dynamic programme                                                   */
/* ------------------------------------------------------------------ */

const INF = 0x3fffffff;
const SKIP = 20;
/** An open เ- แ- โ- syllable inside a word (เพ|งม|ณี) is less likely than a closed one (เพ็ง|มณี). */
const OPEN_LEAD = 3;
const NONE = 0;
const ALLOWED = 1;
const REQUIRED = 2;

let COST = new Int32Array(64);
let PREV = new Int32Array(64);
let SA = new Int32Array(64);
let SB = new Int32Array(64);
let S = '';
let N = 0;
let FOLDED = false;

function offer(from: number, to: number, cost: number, a: number, b: number): void {
  const total = COST[from]! + cost;
  if (total <= COST[to]!) {
    COST[to] = total;
    PREV[to] = from;
    SA[to] = a;
    SB[to] = b;
  }
}

/**
 * Added to every syllable emitted while a true cluster (กร, พล…) or a
 * silent ร (ศรี) onset is tried: −1, so that ศรี|สง|คราม beats ศรีส|งค|ราม
 * and มา|ลี|ศรี beats มา|ลีศ|รี.
 */
let ONSET_EXTRA = 0;
const CLUSTER_BONUS = -1;
/** Flag in a specialOnset result: the onset earns CLUSTER_BONUS. */
const PREFERRED = 1 << 28;
function spOn(sp: number): number {
  return sp & 0xffff;
}
function spCl(sp: number): number {
  const o = (sp >> 16) & 0x7f;
  return o ? o + 0x0e00 : 0;
}
function spLen(sp: number): number {
  return (sp >> 24) & 0xf;
}
function onsetExtra(sp: number): number {
  return sp & PREFERRED ? CLUSTER_BONUS : 0;
}

function emit(from: number, to: number, extra: number, pre: number, syl: number): void {
  if (pre) offer(from, to, 20 + extra + ONSET_EXTRA, pre, syl);
  else offer(from, to, 10 + extra + ONSET_EXTRA, syl, 0);
}

/**
 * Emits the syllable with and/or without a final consonant at k.
 * silentR: 0 none, 1 after a written vowel (บุตร), 2 also after ก with ั (จักร).
 */
function finals(from: number, k: number, on: number, cl: number, v: number, long: boolean, mode: number, extra: number, pre: number, silentR: number, openExtra = 0): void {
  if (mode !== REQUIRED) emit(from, k, extra + (k < N ? openExtra : 0), pre, pack(on, cl, v, long, 0));
  if (mode === NONE) return;
  const f = S.charCodeAt(k);
  if (!isCons(f)) return;
  let e = extra;
  let fin = f;
  if (f === HO || f === HO_NOKHUK || f === O_ANG) {
    // Thai has no final ห/อ: a Malay -ah written ะห / าห without ์ is silent.
    fin = 0;
    e += 2;
  }
  const nx = S.charCodeAt(k + 1);
  // A consonant followed by อ (not starting a syllable of its own) takes อ as its vowel: ถนอม = tha-nom.
  if (nx === O_ANG && !isMark(S.charCodeAt(k + 2))) e += 3;
  emit(from, k + 1, e, pre, pack(on, cl, v, long, fin));
  // a second stop of the same sound ends the word silently: ยุทธ = yut, พุทธ = phut
  if (k + 2 === N && sameStop(f, nx)) emit(from, k + 2, extra, pre, pack(on, cl, v, long, f));
  // a stop + ษ/ศ/ส ends the word silently: ลักษณ์ → ลักษ = lak
  if (k + 2 === N && finalSound(f) >= 1 && finalSound(f) <= 3 && (nx === SO_RUESI || nx === SO_SALA || nx === SO)) emit(from, k + 2, extra, pre, pack(on, cl, v, long, f));
  if (silentR && nx === RO && (k + 2 === N || isCons(S.charCodeAt(k + 2))) && (silentRAfter(f) || (silentR === 2 && f === KO))) {
    emit(from, k + 2, extra, pre, pack(on, cl, v, long, f));
  }
}

/**
 * The one special onset starting at i, if any, packed as on | (cl − U+0E00) << 16 | len << 24 (| PREFERRED):
 * a true cluster, a silent leading ห or อ, silent ร in ศรี/เสริม, word-initial ทร = ซ.
 */
function specialOnset(i: number, c: number, lead: boolean): number {
  const d = S.charCodeAt(i + 1);
  if (!isCons(d)) return 0;
  const e = S.charCodeAt(i + 2);
  if (c === THO && d === RO && i === 0 && !FOLDED) return SO_SO | (2 << 24);
  if (c === HO && isSonorant(d)) return d | (2 << 24);
  if (c === O_ANG && d === YO && isMark(e)) return d | (2 << 24);
  if ((c === SO_SALA || c === SO || c === SO_SO || c === SO_RUESI) && d === RO && (lead || e === SARA_II || e === SARA_I)) return c | (2 << 24) | PREFERRED;
  if (isClusterPair(c, d) && !(d === RO && e === RO)) return c | ((d - 0x0e00) << 16) | (2 << 24) | PREFERRED;
  if (d === WO && isKwCluster(c) && (e === SARA_AA || e === MAI_HAN_AKAT || e === SARA_A || e === SARA_AM)) return c | ((d - 0x0e00) << 16) | (2 << 24);
  return 0;
}

/**
 * After a short written vowel (ิ ึ ุ), two bare consonants are more often
 * final + C-a (สุข|ส-|วัสดิ์, ลิ้ม|ส-|กุล) than C-o-C (สุ|ขส|วัสดิ์): extra
 * cost for the unwritten o there. (Not after long vowels: ศรี|สง|คราม.)
 */
const AFTER_SHORT_VOWEL = 2;
function afterOpenVowel(from: number): number {
  const b = S.charCodeAt(from - 1);
  return b === SARA_I || b === SARA_UE || b === SARA_U ? AFTER_SHORT_VOWEL : 0;
}

/** Syllables without a leading vowel, initial (on, cl) spanning [from, from+len). */
function plainSyllable(from: number, on: number, cl: number, len: number): void {
  const j = from + len;
  const c1 = S.charCodeAt(j);
  switch (c1) {
    case SARA_A:
      emit(from, j + 1, 0, 0, pack(on, cl, V_A, false, 0));
      return;
    case MAI_HAN_AKAT:
      if (S.charCodeAt(j + 1) === WO) finals(from, j + 2, on, cl, V_UA, true, ALLOWED, 0, 0, 1);
      else finals(from, j + 1, on, cl, V_A, false, REQUIRED, 0, 0, 2);
      return;
    case SARA_AA:
      finals(from, j + 1, on, cl, V_A, true, ALLOWED, 0, 0, 1);
      return;
    case SARA_AM:
      emit(from, j + 1, 0, 0, pack(on, cl, V_A, false, MO));
      return;
    case SARA_I:
    case SARA_II:
      finals(from, j + 1, on, cl, V_I, c1 === SARA_II, ALLOWED, 0, 0, 1);
      return;
    case SARA_UE:
    case SARA_UEE:
      finals(from, j + 1, on, cl, V_UE, c1 === SARA_UEE, ALLOWED, 0, 0, 1);
      if (S.charCodeAt(j + 1) === O_ANG) finals(from, j + 2, on, cl, V_UE, true, ALLOWED, 0, 0, 1);
      return;
    case SARA_U:
    case SARA_UU:
      finals(from, j + 1, on, cl, V_U, c1 === SARA_UU, ALLOWED, 0, 0, 1);
      return;
    case RUE: {
      // กฤษ = krit, ทฤษฎี = thrit, พฤกษ์ = phruek
      // other consonants read C-a + ฤ: นฤมล = na-rue-mon
      const k = S.charCodeAt(j + 1) === LAKKHANGYAO ? j + 2 : j + 1;
      if (cl) return;
      if (on === KO || on === TO || on === THO || on === PO || on === SO_SALA || on === SO) finals(from, k, on, RO, V_I, false, ALLOWED, 0, 0, 1);
      else if (on === PHO || on === KHO_KHWAI) finals(from, k, on, RO, V_UE, false, ALLOWED, 0, 0, 1);
      else emit(from, j, 3, 0, pack(on, 0, V_A, false, 0));
      return;
    }
    default:
      break;
  }
  if (!isCons(c1)) {
    // consonant alone before a leading vowel, a raw character or the end: unwritten a
    emit(from, j, 3 + (j >= N ? 3 : 0), 0, pack(on, cl, V_A, false, 0));
    return;
  }
  const c2 = S.charCodeAt(j + 1);
  // อ as a vowel: ทอง, พอ
  if (c1 === O_ANG && !isMark(c2)) finals(from, j + 1, on, cl, V_OR, true, ALLOWED, 0, 0, 1);
  // ว as the vowel ua before a final: สวน, ดวง, ควร
  if (c1 === WO && isCons(c2)) finals(from, j + 1, on, cl, V_UA, true, REQUIRED, 0, 0, 0);
  // รร: ธรรม = tham, บรรจง = ban-chong, สรร = san
  if (c1 === RO && c2 === RO && len === 1) {
    if (isCons(S.charCodeAt(j + 2))) emit(from, j + 3, 0, 0, pack(on, 0, V_A, false, S.charCodeAt(j + 2)));
    emit(from, j + 2, 0, 0, pack(on, 0, V_A, false, NO));
  }
  // unwritten vowels: สม = som (closed o), มณี = ma-ni (open a)
  finals(from, j, on, cl, V_O, false, REQUIRED, (sameStop(on, c1) ? 4 : 1) + afterOpenVowel(from), 0, 0);
  emit(from, j, 3, 0, pack(on, cl, V_A, false, 0));
}

/** Syllables with a leading vowel L at from, initial (on, cl) spanning [p, p+len). */
function leadSyllable(from: number, lead: number, p: number, on: number, cl: number, len: number, pre: number, extra: number): void {
  const j = p + len;
  const c1 = S.charCodeAt(j);
  const c2 = S.charCodeAt(j + 1);
  const c3 = S.charCodeAt(j + 2);
  if (lead === SARA_E) {
    if (c1 === SARA_AA && c2 === SARA_A) emit(from, j + 2, extra, pre, pack(on, cl, V_OR, false, 0));
    else if (c1 === SARA_AA) emit(from, j + 1, extra, pre, pack(on, cl, V_A, true, WO));
    else if ((c1 === SARA_II || c1 === SARA_I) && c2 === YO) {
      if (c3 === SARA_A) emit(from, j + 3, extra, pre, pack(on, cl, V_IA, false, 0));
      else finals(from, j + 2, on, cl, V_IA, true, ALLOWED, extra, pre, 1);
    } else if ((c1 === SARA_UEE || c1 === SARA_UE) && c2 === O_ANG) {
      if (c3 === SARA_A) emit(from, j + 3, extra, pre, pack(on, cl, V_UEA, false, 0));
      else finals(from, j + 2, on, cl, V_UEA, true, ALLOWED, extra, pre, 1);
    } else if (c1 === O_ANG && c2 === SARA_A) emit(from, j + 2, extra, pre, pack(on, cl, V_OE, false, 0));
    else if (c1 === O_ANG) finals(from, j + 1, on, cl, V_OE, true, ALLOWED, extra, pre, 1);
    else if (c1 === SARA_I || c1 === SARA_II) finals(from, j + 1, on, cl, V_OE, true, REQUIRED, extra, pre, 1);
    else if (c1 === SARA_A) emit(from, j + 1, extra, pre, pack(on, cl, V_E, false, 0));
    else {
      if (c1 === YO) emit(from, j + 1, extra, pre, pack(on, cl, V_OE, true, YO));
      finals(from, j, on, cl, V_E, true, ALLOWED, extra, pre, 1, OPEN_LEAD);
    }
  } else if (lead === SARA_AE) {
    if (c1 === SARA_A) emit(from, j + 1, extra, pre, pack(on, cl, V_AE, false, 0));
    else finals(from, j, on, cl, V_AE, true, ALLOWED, extra, pre, 1, OPEN_LEAD);
  } else if (lead === SARA_O) {
    if (c1 === SARA_A) emit(from, j + 1, extra, pre, pack(on, cl, V_O, false, 0));
    else finals(from, j, on, cl, V_O, true, ALLOWED, extra, pre, 1, OPEN_LEAD);
  } else {
    // ใ ไ = ai; ไทย, ไชย carry a silent ย
    emit(from, j, extra, pre, pack(on, cl, V_A, false, YO));
    if (c1 === YO && !isMark(c2)) emit(from, j + 1, extra, pre, pack(on, cl, V_A, false, YO));
  }
}

function explore(i: number): void {
  const c = S.charCodeAt(i);
  if (c < 0x0e00 || c > 0x0e7f) {
    offer(i, i + 1, 0, (c & 0x1fffff) | (V_RAW << 21), 0);
    return;
  }
  const k = cls(c);
  if (k === CONS) {
    plainSyllable(i, c, 0, 1);
    const sp = specialOnset(i, c, false);
    if (sp) {
      ONSET_EXTRA = onsetExtra(sp);
      plainSyllable(i, spOn(sp), spCl(sp), spLen(sp));
      ONSET_EXTRA = 0;
    }
    return;
  }
  if (k === LEAD) {
    const p = i + 1;
    const a = S.charCodeAt(p);
    if (!isCons(a)) {
      offer(i, i + 1, SKIP, 0, 0);
      return;
    }
    leadSyllable(i, c, p, a, 0, 1, 0, 0);
    const sp = specialOnset(p, a, true);
    if (sp) {
      ONSET_EXTRA = onsetExtra(sp);
      leadSyllable(i, c, p, spOn(sp), spCl(sp), spLen(sp), 0, 0);
      ONSET_EXTRA = 0;
    }
    // เกษม = ka-sem: an unwritten a on the first consonant, the leading vowel on the second
    const b = S.charCodeAt(p + 1);
    if (isCons(b)) {
      const pre = pack(a, 0, V_A, false, 0);
      leadSyllable(i, c, p + 1, b, 0, 1, pre, 3);
      const sp2 = specialOnset(p + 1, b, true);
      if (sp2) leadSyllable(i, c, p + 1, spOn(sp2), spCl(sp2), spLen(sp2), pre, 3);
    }
    return;
  }
  if (c === RUE || c === LUE) {
    const kk = S.charCodeAt(i + 1) === LAKKHANGYAO ? i + 2 : i + 1;
    finals(i, kk, c === RUE ? RO : LO, 0, V_UE, false, ALLOWED, 0, 0, 1);
    return;
  }
  if (c >= 0x0e50 && c <= 0x0e59) {
    offer(i, i + 1, 0, (c - 0x0e50 + 0x30) | (V_RAW << 21), 0);
    return;
  }
  offer(i, i + 1, SKIP, 0, 0);
}

/**
 * The syllables of a Thai word (packed, see the module comment).
 * folded: the text is a match key (look-alike letters folded, ทร done).
 */
export function syllabify(word: string, folded: boolean): number[] {
  S = word;
  N = word.length;
  FOLDED = folded;
  if (COST.length < N + 1) {
    const size = Math.max(N + 1, COST.length * 2);
    COST = new Int32Array(size);
    PREV = new Int32Array(size);
    SA = new Int32Array(size);
    SB = new Int32Array(size);
  }
  COST.fill(INF, 0, N + 1);
  COST[0] = 0;
  for (let i = 0; i < N; i++) if (COST[i]! < INF) explore(i);
  // walk back
  let count = 0;
  for (let at = N; at > 0; at = PREV[at]!) count += (SA[at] ? 1 : 0) + (SB[at] ? 1 : 0);
  const out = new Array<number>(count);
  let w = count;
  for (let at = N; at > 0; at = PREV[at]!) {
    if (SB[at]) out[--w] = SB[at]!;
    if (SA[at]) out[--w] = SA[at]!;
  }
  S = '';
  return out;
}

/* ------------------------------------------------------------------ */
/* silent marks                                                        */
/* ------------------------------------------------------------------ */

const THANTHAKHAT = 0x0e4c;

/**
 * Removes what is not pronounced or carries no sound of its own: tone
 * marks, ็, ฺ, ํ, ๎, ๆ, ฯ, ๅ after ฤ/ฦ, and letters silenced by ์ (with
 * the vowel ิ/ุ they carry; both letters of ทร์ ตร์ ดร์ after a consonant,
 * จันทร์ = จัน, and of ญจน์, กาญจน์ = กาญ; one in ภัทร์, โรจน์). Unfolded
 * letters are kept.
 */
export function stripSilentMarks(s: string): string {
  const out: number[] = [];
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === THANTHAKHAT) {
      let last = out[out.length - 1];
      while (last === SARA_I || last === SARA_U || last === SARA_II || last === SARA_UU) {
        out.pop();
        last = out[out.length - 1];
      }
      if (last !== undefined && isCons(last)) {
        out.pop();
        const before = out[out.length - 1];
        if (last === RO && (before === THO || before === TO || before === DO) && isCons(out[out.length - 2] ?? 0)) out.pop();
        else if (last === NO && before === CHO && out[out.length - 2] === YO_YING) out.pop();
      }
      continue;
    }
    if ((c >= 0x0e47 && c <= 0x0e4e) || c === 0x0e3a || c === 0x0e46 || c === 0x0e2f || c === LAKKHANGYAO) continue;
    out.push(c);
  }
  return String.fromCharCode(...out);
}
