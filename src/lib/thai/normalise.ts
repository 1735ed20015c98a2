/**
 * Name normalisation for storage and search keys: cleaning (Unicode,
 * invisible characters, Thai encoding slips), title stripping, and the
 * spelling-level match key.
 *
 * Pure functions, no I/O: usable in Node and in the browser.
 *
 * Thai code points used below (U+0E00 block):
 *   ก 01 … ฮ 2E consonants (ฤ 24 and ฦ 26 are vowel letters), ฯ 2F,
 *   ะ 30 ั 31 า 32 ำ 33 ิ 34 ี 35 ึ 36 ื 37 ุ 38 ู 39 ฺ 3A,
 *   เ 40 แ 41 โ 42 ใ 43 ไ 44 (leading vowels), ๅ 45, ๆ 46, ็ 47,
 *   ่ 48 ้ 49 ๊ 4A ๋ 4B (tone marks), ์ 4C (thanthakhat), ํ 4D, ๎ 4E.
 */

/* ------------------------------------------------------------------ */
/* Cleaning                                                            */
/* ------------------------------------------------------------------ */

// Zero-width and bidi format characters, soft hyphen, BOM, and control
// characters other than the whitespace ones (those become spaces).
// eslint-disable-next-line no-control-regex
const INVISIBLE = /[\u0000-\u0008\u000E-\u001F\u007F-\u009F\u00AD\u061C\u180E\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u206F\uFEFF]/g;
const SPACES = /\s+/g;
const HAS_THAI_MARK = /[\u0E31\u0E34-\u0E3A\u0E47-\u0E4E]/;

/**
 * Thai typing and encoding slips, fixed in this order:
 *  - เเ (two sara e) typed for แ (sara ae): เเดง → แดง
 *  - sara am typed as nikhahit + sara aa (ํ + า), possibly with the tone mark
 *    between them: น ํ ้ า → น้ำ; and the tone mark typed after ำ: นำ้ → น้ำ
 *  - a tone mark or ์ typed before an above/below vowel: ช ่ ื อ → ชื่อ,
 *    ด ์ ิ → ดิ์ (NFC only reorders the below vowels)
 *  - the same vowel or mark typed twice: สมชาาย → สมชาย, ดี๊๊ → ดี๊
 *  - two different tone marks on one consonant: the last one typed wins
 *  - ฤา / ฦา typed for ฤๅ / ฦๅ (lakkhangyao)
 *  - ๆ (mai yamok) repeats the word before it: จ่อๆ → จ่อ จ่อ
 */
function fixThai(s: string): string {
  // repeated until nothing changes, so that normaliseName is idempotent
  let t = s;
  for (let round = 0; round < 4; round++) {
    const next = fixThaiOnce(t);
    if (next === t) break;
    t = next;
  }
  return t;
}

function fixThaiOnce(s: string): string {
  return s
    .replace(/\u0E40\u0E40/g, '\u0E41')
    .replace(/\u0E4D([\u0E48-\u0E4B]?)\u0E32/g, '$1\u0E33')
    .replace(/\u0E33([\u0E48-\u0E4B])/g, '$1\u0E33')
    .replace(/([\u0E48-\u0E4C])([\u0E31\u0E34-\u0E39\u0E47])/g, '$2$1')
    .replace(/([\u0E31\u0E34-\u0E3A\u0E47-\u0E4E])\1+/g, '$1')
    .replace(/([\u0E30\u0E32\u0E33\u0E41-\u0E45])\1+/g, '$1')
    .replace(/[\u0E48-\u0E4B]+([\u0E48-\u0E4B])/g, '$1')
    .replace(/([\u0E24\u0E26])\u0E32/g, '$1\u0E45')
    .replace(/([^\s\u0E46]+)\s*\u0E46+/g, '$1 $1 ')
    .replace(/\u0E46/g, '');
}

/**
 * NFC, invisible characters removed, Thai slips fixed, whitespace collapsed
 * to single spaces and trimmed. Case and titles are kept.
 */
export function cleanName(s: string | null | undefined): string {
  if (!s) return '';
  let t = s;
  // fast path: most names need none of this (one scan decides)
  const needs = scan(t);
  if (needs === 0) return t;
  if (needs & NEEDS_NFC) t = t.normalize('NFC');
  if (needs & (NEEDS_NFC | NEEDS_INVISIBLE)) t = t.replace(INVISIBLE, '');
  if (needs & (NEEDS_NFC | NEEDS_THAI)) t = fixThai(t);
  // marks of other scripts mixed with Thai ones: NFC again after the Thai reordering
  if (needs & NEEDS_NFC && HAS_THAI_MARK.test(t)) t = t.normalize('NFC');
  if (needs & (NEEDS_NFC | NEEDS_SPACE | NEEDS_INVISIBLE | NEEDS_THAI)) t = t.replace(SPACES, ' ').trim();
  return t;
}

const NEEDS_NFC = 1;
const NEEDS_INVISIBLE = 2;
const NEEDS_THAI = 4;
const NEEDS_SPACE = 8;

function isToneOrThanthakhat(c: number): boolean {
  return c >= 0x0e48 && c <= 0x0e4c;
}
function isAboveBelowVowel(c: number): boolean {
  return c === 0x0e31 || (c >= 0x0e34 && c <= 0x0e39) || c === 0x0e47;
}
function isDoubledMark(c: number): boolean {
  return c === 0x0e31 || (c >= 0x0e34 && c <= 0x0e3a) || (c >= 0x0e47 && c <= 0x0e4e) || c === 0x0e30 || c === 0x0e32 || c === 0x0e33 || (c >= 0x0e40 && c <= 0x0e45);
}

/** What cleanName has to do to s, as NEEDS_* flags (0: nothing). */
function scan(s: string): number {
  let needs = 0;
  let prev = 0x20; // a leading space is untidy
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0x0e00 && c <= 0x0e7f) {
      if (
        c === 0x0e4d ||
        c === 0x0e46 ||
        (c === prev && isDoubledMark(c)) ||
        (isAboveBelowVowel(c) && isToneOrThanthakhat(prev)) ||
        (prev === 0x0e33 && c >= 0x0e48 && c <= 0x0e4b) ||
        (c >= 0x0e48 && c <= 0x0e4b && prev >= 0x0e48 && prev <= 0x0e4b) ||
        (c === 0x0e32 && (prev === 0x0e24 || prev === 0x0e26))
      ) {
        needs |= NEEDS_THAI;
      }
    } else if (c === 0x20) {
      if (prev === 0x20) needs |= NEEDS_SPACE;
    } else if (c < 0x20 || (c >= 0x7f && c <= 0xa0)) {
      needs |= NEEDS_INVISIBLE;
    } else if (c > 0x7f) {
      needs |= NEEDS_NFC;
    }
    prev = c;
  }
  if (prev === 0x20) needs |= NEEDS_SPACE;
  return needs;
}

/* ------------------------------------------------------------------ */
/* Titles                                                              */
/* ------------------------------------------------------------------ */

/**
 * Thai titles written out. They are stripped when followed by a space, or
 * written straight onto the name (นายสมชาย), which Thai records often do.
 */
export const THAI_TITLES: readonly string[] = [
  // everyday
  'นาย', 'นาง', 'นางสาว', 'เด็กชาย', 'เด็กหญิง',
  // nobility and honours
  'หม่อมราชวงศ์', 'หม่อมหลวง', 'หม่อมเจ้า', 'ท่านผู้หญิง', 'คุณหญิง',
  // clergy
  'พระภิกษุ', 'พระมหา', 'พระครู', 'พระอธิการ', 'พระปลัด', 'พระสมุห์', 'พระใบฎีกา', 'พระ', 'ภิกษุ', 'สามเณร', 'แม่ชี',
  // professions
  'นายแพทย์', 'แพทย์หญิง', 'ทันตแพทย์', 'ทันตแพทย์หญิง', 'เภสัชกร', 'เภสัชกรหญิง',
  'ศาสตราจารย์', 'รองศาสตราจารย์', 'ผู้ช่วยศาสตราจารย์', 'ดอกเตอร์',
  // army
  'พลเอก', 'พลโท', 'พลตรี', 'พันเอก', 'พันโท', 'พันตรี', 'ร้อยเอก', 'ร้อยโท', 'ร้อยตรี',
  'จ่าสิบเอก', 'จ่าสิบโท', 'จ่าสิบตรี', 'สิบเอก', 'สิบโท', 'สิบตรี', 'พลทหาร',
  // navy
  'พลเรือเอก', 'พลเรือโท', 'พลเรือตรี', 'นาวาเอก', 'นาวาโท', 'นาวาตรี', 'เรือเอก', 'เรือโท', 'เรือตรี',
  'พันจ่าเอก', 'พันจ่าโท', 'พันจ่าตรี', 'จ่าเอก', 'จ่าโท', 'จ่าตรี',
  // air force
  'พลอากาศเอก', 'พลอากาศโท', 'พลอากาศตรี', 'นาวาอากาศเอก', 'นาวาอากาศโท', 'นาวาอากาศตรี',
  'เรืออากาศเอก', 'เรืออากาศโท', 'เรืออากาศตรี', 'พันจ่าอากาศเอก', 'พันจ่าอากาศโท', 'พันจ่าอากาศตรี',
  'จ่าอากาศเอก', 'จ่าอากาศโท', 'จ่าอากาศตรี',
  // police
  'พลตำรวจเอก', 'พลตำรวจโท', 'พลตำรวจตรี', 'พันตำรวจเอก', 'พันตำรวจโท', 'พันตำรวจตรี',
  'ร้อยตำรวจเอก', 'ร้อยตำรวจโท', 'ร้อยตำรวจตรี', 'ดาบตำรวจ', 'จ่าสิบตำรวจ',
  'สิบตำรวจเอก', 'สิบตำรวจโท', 'สิบตำรวจตรี', 'พลตำรวจ',
];

/** Thai titles stripped only when a space follows: they also begin real names (คุณากร, หม่อมแก้ว…). */
export const THAI_TITLES_SPACED: readonly string[] = ['คุณ', 'หม่อม', 'นส', 'ดช', 'ดญ'];

/**
 * Abbreviated Thai titles and ranks. The final dot may be missing when a
 * space follows (น.ส สมศรี).
 */
export const THAI_TITLE_ABBREVIATIONS: readonly string[] = [
  'น.ส.', 'นส.', 'ด.ช.', 'ดช.', 'ด.ญ.', 'ดญ.', 'ม.ร.ว.', 'ม.ล.', 'ม.จ.', 'ส.ณ.',
  'ดร.', 'ศ.', 'รศ.', 'ผศ.', 'ศ.ดร.', 'รศ.ดร.', 'ผศ.ดร.', 'นพ.', 'พญ.', 'ทพ.', 'ทพญ.', 'ภก.', 'ภญ.',
  // army
  'พล.อ.', 'พล.ท.', 'พล.ต.', 'พ.อ.', 'พ.ท.', 'พ.ต.', 'ร.อ.', 'ร.ท.', 'ร.ต.',
  'จ.ส.อ.', 'จ.ส.ท.', 'จ.ส.ต.', 'ส.อ.', 'ส.ท.', 'ส.ต.', 'พลฯ', 'พลทหาร.',
  // navy
  'พล.ร.อ.', 'พล.ร.ท.', 'พล.ร.ต.', 'น.อ.', 'น.ท.', 'น.ต.', 'พ.จ.อ.', 'พ.จ.ท.', 'พ.จ.ต.', 'จ.อ.', 'จ.ท.', 'จ.ต.',
  // air force
  'พล.อ.อ.', 'พล.อ.ท.', 'พล.อ.ต.', 'น.อ.อ.', 'พ.อ.อ.', 'พ.อ.ท.', 'พ.อ.ต.',
  // police
  'พล.ต.อ.', 'พล.ต.ท.', 'พล.ต.ต.', 'พ.ต.อ.', 'พ.ต.ท.', 'พ.ต.ต.', 'ร.ต.อ.', 'ร.ต.ท.', 'ร.ต.ต.',
  'ด.ต.', 'ส.ต.อ.', 'ส.ต.ท.', 'ส.ต.ต.',
];

/** English titles, any case, with or without a dot; a space or dot must follow. */
export const LATIN_TITLES: readonly string[] = ['mr', 'mrs', 'ms', 'miss', 'mstr', 'master', 'mx', 'dr', 'prof', 'madam', 'mdm', 'sir'];

/** "ว่าที่" (acting, for an appointed reserve rank): stripped only together with a rank after it. */
const ACTING = 'ว่าที่';

interface TitleEntry {
  text: string;
  /** 0: needs a space after; 1: may be written onto the name; 2: ends with a dot. */
  kind: 0 | 1 | 2;
  latin: boolean;
}

const TITLES_BY_FIRST = new Map<string, TitleEntry[]>();
function addTitle(e: TitleEntry): void {
  const first = e.text[0]!;
  const list = TITLES_BY_FIRST.get(first) ?? [];
  list.push(e);
  TITLES_BY_FIRST.set(first, list);
}
for (const t of THAI_TITLES) addTitle({ text: t, kind: 1, latin: false });
for (const t of THAI_TITLES_SPACED) addTitle({ text: t, kind: 0, latin: false });
for (const t of THAI_TITLE_ABBREVIATIONS) {
  addTitle({ text: t, kind: 2, latin: false });
  if (t.endsWith('.')) addTitle({ text: t.slice(0, -1), kind: 0, latin: false });
}
for (const t of LATIN_TITLES) {
  addTitle({ text: t + '.', kind: 2, latin: true });
  addTitle({ text: t, kind: 0, latin: true });
}
for (const list of TITLES_BY_FIRST.values()) list.sort((a, b) => b.text.length - a.text.length);

function isThaiSyllableStart(c: number): boolean {
  return (c >= 0x0e01 && c <= 0x0e2e) || (c >= 0x0e40 && c <= 0x0e44);
}

/** One title at the start of s (already cleaned), or null. Returns [title, rest]. */
function matchTitle(s: string): [string, string] | null {
  const first = s[0];
  if (first === undefined) return null;
  const list = TITLES_BY_FIRST.get(first.toLowerCase());
  if (!list) return null;
  for (const e of list) {
    if (e.latin ? s.slice(0, e.text.length).toLowerCase() !== e.text : !s.startsWith(e.text)) continue;
    const head = s.slice(0, e.text.length);
    const rest = s.slice(e.text.length);
    const next = rest.charCodeAt(0);
    let ok: boolean;
    if (e.kind === 2) ok = rest.length > 0;
    else if (next === 0x20 || (e.latin && next === 0x2e)) ok = true;
    else ok = e.kind === 1 && rest.length >= 2 && isThaiSyllableStart(next);
    if (!ok) continue;
    const name = rest.replace(/^[\s.]+/, '');
    if (name.length === 0) return null;
    return [head, name];
  }
  return null;
}

/**
 * Titles at the start of a cleaned name, stripped (several in a row:
 * "พ.ต.อ. ดร. สมชาย"). The name itself is never stripped to nothing.
 */
export function stripTitles(cleaned: string): { titles: string[]; name: string } {
  const titles: string[] = [];
  let s = cleaned;
  for (let round = 0; round < 4; round++) {
    let m = matchTitle(s);
    if (!m && s.startsWith(ACTING)) {
      const after = s.slice(ACTING.length).trimStart();
      const rank = matchTitle(after);
      if (rank) m = [ACTING + ' ' + rank[0], rank[1]];
    }
    if (!m) break;
    titles.push(m[0]);
    s = m[1];
  }
  return { titles, name: s };
}

/**
 * The key form of a name for storage and exact search: cleaned (NFC, no
 * invisible characters, Thai typing slips fixed, single spaces), titles and
 * honorifics stripped, Latin letters lower-cased. The Thai spelling is kept
 * otherwise (tone marks, ์, letters).
 *
 *   normaliseName('  นาย สมชาย  ใจดี ') === 'สมชาย ใจดี'
 *   normaliseName('น.ส.สมศรี') === 'สมศรี'
 *   normaliseName('Mr. Somchai JAIDEE') === 'somchai jaidee'
 */
export function normaliseName(s: string | null | undefined): string {
  const name = stripTitles(cleanName(s)).name;
  return HAS_UPPER.test(name) ? name.toLowerCase() : name;
}

/** Upper-case letters may be present: ASCII capitals or any letter outside ASCII and Thai. */
// eslint-disable-next-line no-control-regex
const HAS_UPPER = /[A-Z]|[^\u0000-\u007f\u0e00-\u0e7f]/;

export interface SplitName {
  first: string;
  last: string;
  /** The title(s) stripped from the front, as written ("นาย", "ร.ต.อ. ดร."), or null. */
  title: string | null;
}

/**
 * A full name split into given name and family name, in Thai order: the
 * first word is the given name, the rest the family name ("สมชาย ณ
 * สงขลา" → ณ สงขลา). "Family, Given" with a comma is understood too. A
 * single word is a given name with an empty family name (Myanmar names,
 * monks). Titles are stripped and returned separately; case is kept.
 */
export function splitFullName(s: string | null | undefined): SplitName {
  const { titles, name } = stripTitles(cleanName(s));
  const title = titles.length ? titles.join(' ') : null;
  const comma = name.indexOf(',');
  if (comma >= 0) {
    const last = name.slice(0, comma).trim();
    const first = name.slice(comma + 1).trim();
    if (first && last) return { first, last, title };
  }
  const clean = name.replace(/,/g, ' ').replace(SPACES, ' ').trim();
  const space = clean.indexOf(' ');
  if (space < 0) return { first: clean, last: '', title };
  return { first: clean.slice(0, space), last: clean.slice(space + 1), title };
}

/* ------------------------------------------------------------------ */
/* Match key                                                           */
/* ------------------------------------------------------------------ */

/**
 * Letter folding for the match key: index = code point − U+0E00, value =
 * the replacement code point, 0 = dropped. Each rule, with an example:
 *
 * consonants that sound alike (as an initial) become one letter
 *   ข ฃ ค ฅ ฆ → ค     ฆ้อง / ค้อง; ขวัญ / ควัญ
 *   ฉ ช ฌ → ช         ฉวี / ชวี
 *   ซ ศ ษ ส → ส       ศรี / สรี; ซมชาย / สมชาย; ษ in พงษ์ / พงศ์
 *   ญ ย → ย           สมชาญ / สมชาย (ญ is Shift+ย on the Kedmanee keyboard)
 *   ฎ ด → ด           กฎ / กด
 *   ฏ ต → ต           ปฏิ / ปติ
 *   ฐ ฑ ฒ ถ ท ธ → ท   ณัฐ / ณัท; ธนา / ทนา; ถวิล / ทวิล
 *   ณ น → น           มณี / มนี
 *   ผ พ ภ → พ         ภัทรา / พัทรา
 *   ฝ ฟ → ฟ
 *   ร ล ฬ → ร         ลัก / รัก; สมพล / สมพร (southern and everyday speech merge them)
 *   ห ฮ → ห           ฮาซัน / หาซัน
 *   ฤ ฦ → ฤ
 * vowels
 *   ใ → ไ             ใจดี / ไจดี
 *   ี → ิ, ื → ึ, ู → ุ  (length of the same vowel slot) มานี / มานิ; มูฮัมหมัด / มุฮัมหมัด
 *   ะ / า are NOT folded: า is part of เ-า, ำ and other vowels, so swapping it
 *   breaks the spelling; the phonetic key ignores vowel length instead.
 * dropped
 *   ่ ้ ๊ ๋ tone marks     ใจดี่ / ใจดี
 *   ็ maitaikhu            เพ็ญ / เพญ
 *   ฺ ํ ๎ ๆ ฯ ๅ            (ฤๅ → ฤ)
 *   ์ with the letter it silences (and the vowel ิ/ุ on it): ศักดิ์ → ศัก,
 *     พันธุ์ → พัน; two letters for ทร์ ตร์ ดร์ after a consonant and for ญจน์:
 *     จันทร์ → จัน, กาญจน์ → กาญ (but โรจน์ → โรจ, ภัทร์ → ภัท)
 * word-initial ทร → ส (pronounced ซ): ทราย / ซาย, ทรง / ซง
 * Thai digits → ASCII digits. Spaces and punctuation are removed, so
 * "ออง ซาน" and "อองซาน" share a key. Latin letters lose their diacritics.
 */
const FOLD = new Int32Array(128);
(function buildFold() {
  const cp = (ch: string) => ch.charCodeAt(0);
  const set = (from: string, to: string) => {
    for (const ch of from) FOLD[cp(ch) - 0x0e00] = cp(to);
  };
  // identity for every consonant and vowel first
  for (let c = 0x0e01; c <= 0x0e2e; c++) FOLD[c - 0x0e00] = c;
  for (const ch of 'ะัาำิึุเแโไ') FOLD[cp(ch) - 0x0e00] = cp(ch);
  set('ขฃคฅฆ', 'ค');
  set('ฉชฌ', 'ช');
  set('ซศษส', 'ส');
  set('ญย', 'ย');
  set('ฎด', 'ด');
  set('ฏต', 'ต');
  set('ฐฑฒถทธ', 'ท');
  set('ณน', 'น');
  set('ผพภ', 'พ');
  set('ฝฟ', 'ฟ');
  set('รลฬ', 'ร');
  set('หฮ', 'ห');
  set('ฤฦ', 'ฤ');
  set('ใไ', 'ไ');
  set('ีิ', 'ิ');
  set('ืึ', 'ึ');
  set('ูุ', 'ุ');
  for (let d = 0; d <= 9; d++) FOLD[0x50 + d] = 0x30 + d;
  // everything else in the block (tone marks, ็, ์, ฺ, ํ, ๎, ๆ, ฯ, ๅ…) stays 0 = dropped
})();

const THANTHAKHAT = 0x0e4c;
const SARA_I = 0x0e34;
const SARA_U = 0x0e38;
const F_RO = 0x0e23;
const F_THO = 0x0e17;
const F_TO = 0x0e15;
const F_DO = 0x0e14;
const F_NO = 0x0e19;
const F_CHO = 0x0e08;
const F_YO = 0x0e22;
const RAW_RO = 0x0e23;
const RAW_THO = 0x0e17;
const F_SO = 0x0e2a;

function isFoldedConsonant(c: number): boolean {
  return c >= 0x0e01 && c <= 0x0e2e && c !== 0x0e24 && c !== 0x0e26;
}

const LATIN_DIACRITICS = /[\u0300-\u036f]/g;
// eslint-disable-next-line no-control-regex
const NEEDS_NFD = /[^\u0000-\u007f\u0e00-\u0e7f]/;
const LETTER_OR_DIGIT = /[\p{L}\p{M}\p{N}]/u;

/**
 * The match key of an already normalised name (see matchKey). Exposed so
 * callers holding normaliseName output do not normalise twice.
 */
export function matchKeyOfNormalised(n: string): string {
  let s = n;
  if (NEEDS_NFD.test(s)) s = s.normalize('NFD').replace(LATIN_DIACRITICS, '');
  const out: number[] = [];
  let wordStart = true;
  const len = s.length;
  for (let i = 0; i < len; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0x0e00 && c <= 0x0e7f) {
      if (c === THANTHAKHAT) {
        killSilent(out);
        wordStart = false;
        continue;
      }
      if (wordStart && c === RAW_THO && s.charCodeAt(i + 1) === RAW_RO) {
        out.push(F_SO);
        i++;
        wordStart = false;
        continue;
      }
      const f = FOLD[c - 0x0e00]!;
      if (f !== 0) out.push(f);
      wordStart = false;
    } else if ((c >= 0x61 && c <= 0x7a) || (c >= 0x30 && c <= 0x39)) {
      out.push(c);
      wordStart = false;
    } else if (c === 0x20) {
      wordStart = true;
    } else if (c >= 0x41 && c <= 0x5a) {
      out.push(c + 32);
      wordStart = false;
    } else if (c > 0x7f && LETTER_OR_DIGIT.test(s[i]!)) {
      // letters of other scripts (Myanmar, Khmer…) are kept as they are
      out.push(c);
      wordStart = false;
    }
    // punctuation (. - ' ’ ,) is dropped
  }
  return String.fromCharCode(...out);
}

/** Removes the letter silenced by a thanthakhat from the end of out. */
function killSilent(out: number[]): void {
  let last = out[out.length - 1];
  while (last === SARA_I || last === SARA_U) {
    out.pop();
    last = out[out.length - 1];
  }
  if (last === undefined || !isFoldedConsonant(last)) return;
  out.pop();
  const before = out[out.length - 1];
  const beforeThat = out[out.length - 2] ?? 0;
  if (last === F_RO && (before === F_THO || before === F_TO || before === F_DO) && isFoldedConsonant(beforeThat)) out.pop();
  else if (last === F_NO && before === F_CHO && beforeThat === F_YO) out.pop();
}

/**
 * A looser key for fuzzy matching: normaliseName, then tone marks, ็ and
 * silent letters (์) removed, look-alike and sound-alike letters folded to
 * one, vowel length of ิ/ี, ึ/ื, ุ/ู ignored, spaces removed. See FOLD above
 * for every rule with an example.
 *
 *   matchKey('นายสมชาย ใจดี่') === matchKey('สมชาย ไจดี') === 'สมชายไจดิ'
 *   matchKey('สมศักดิ์') === 'สมสัก'
 */
export function matchKey(s: string | null | undefined): string {
  return matchKeyOfNormalised(normaliseName(s));
}
