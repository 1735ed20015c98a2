import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  NAME_MATCH_REASONS,
  NAME_SIMILARITY_THRESHOLDS,
  configureNameCache,
  crossScriptKey,
  explainNameSimilarity,
  latinKey,
  matchKey,
  nameKeys,
  nameSimilarity,
  normaliseName,
  phoneticKey,
  romanisationSimilarity,
  romanize,
  splitFullName,
  trigramSimilarity,
} from './names.js';

/** Asserts that every name in the list has the same key. */
function sameKey(key: (s: string) => string, names: string[]): void {
  const first = key(names[0]!);
  for (const n of names) assert.equal(key(n), first, `${n} → ${key(n)}, expected ${first} (as ${names[0]})`);
}

/** Asserts that the two names have different keys. */
function differentKey(key: (s: string) => string, a: string, b: string): void {
  assert.notEqual(key(a), key(b), `${a} and ${b} should differ, both → ${key(a)}`);
}

describe('normaliseName: titles', () => {
  it('strips everyday Thai titles, with a space or written onto the name', () => {
    assert.equal(normaliseName('นาย สมชาย ใจดี'), 'สมชาย ใจดี');
    assert.equal(normaliseName('นายสมชาย ใจดี'), 'สมชาย ใจดี');
    assert.equal(normaliseName('นางสาวมาลี ศรีสุข'), 'มาลี ศรีสุข');
    assert.equal(normaliseName('นางมาลี ศรีสุข'), 'มาลี ศรีสุข');
    assert.equal(normaliseName('เด็กชายสมชาย'), 'สมชาย');
    assert.equal(normaliseName('เด็กหญิง มาลี'), 'มาลี');
  });

  it('strips abbreviated titles with or without their final dot', () => {
    assert.equal(normaliseName('น.ส.สมศรี'), 'สมศรี');
    assert.equal(normaliseName('น.ส สมศรี'), 'สมศรี');
    assert.equal(normaliseName('ด.ช.สมชาย'), 'สมชาย');
    assert.equal(normaliseName('ด.ญ. มาลี'), 'มาลี');
    assert.equal(normaliseName('นส สมศรี'), 'สมศรี');
  });

  it('strips military and police ranks, several titles in a row, and "ว่าที่" with its rank', () => {
    assert.equal(normaliseName('ร.ต.อ. สมศักดิ์ รักไทย'), 'สมศักดิ์ รักไทย');
    assert.equal(normaliseName('พ.ต.อ. ดร. สมชาย ใจดี'), 'สมชาย ใจดี');
    assert.equal(normaliseName('จ.ส.อ.สมหมาย มีสุข'), 'สมหมาย มีสุข');
    assert.equal(normaliseName('พลตำรวจเอกสมชาย ใจดี'), 'สมชาย ใจดี');
    assert.equal(normaliseName('ว่าที่ ร.ต. สมศักดิ์ รักไทย'), 'สมศักดิ์ รักไทย');
    assert.equal(normaliseName('ว่าที่ร้อยตรีสมศักดิ์ รักไทย'), 'สมศักดิ์ รักไทย');
  });

  it('strips English titles in any case, with or without a dot', () => {
    assert.equal(normaliseName('Mr. Somchai Jaidee'), 'somchai jaidee');
    assert.equal(normaliseName('MRS.SOMSRI'), 'somsri');
    assert.equal(normaliseName('Miss  Malee'), 'malee');
    assert.equal(normaliseName('ms Aye Aye'), 'aye aye');
    assert.equal(normaliseName('Dr Kittisak'), 'kittisak');
  });

  it('strips clergy titles', () => {
    assert.equal(normaliseName('พระมหาสมชาย'), 'สมชาย');
    assert.equal(normaliseName('พระครู สมชาย'), 'สมชาย');
  });

  it('keeps names that only begin like a title, and never strips a name to nothing', () => {
    assert.equal(normaliseName('คุณากร'), 'คุณากร');
    assert.equal(normaliseName('คุณ มาลี'), 'มาลี');
    assert.equal(normaliseName('นาย'), 'นาย');
    assert.equal(normaliseName('Missy'), 'missy');
    assert.equal(normaliseName('Mrsomchai'), 'mrsomchai');
  });

  it('reports the stripped title separately when splitting a full name', () => {
    assert.deepEqual(splitFullName('นายสมชาย ใจดี'), { first: 'สมชาย', last: 'ใจดี', title: 'นาย' });
    assert.deepEqual(splitFullName('ร.ต.อ. สมศักดิ์  รักไทย'), { first: 'สมศักดิ์', last: 'รักไทย', title: 'ร.ต.อ.' });
  });
});

describe('normaliseName: cleaning', () => {
  it('removes zero-width and control characters and collapses every kind of space', () => {
    assert.equal(normaliseName('สม\u200Bชาย'), 'สมชาย');
    assert.equal(normaliseName('\uFEFFสมชาย\u00A0\u00A0ใจดี\t'), 'สมชาย ใจดี');
    assert.equal(normaliseName(' สมชาย\n ใจดี '), 'สมชาย ใจดี');
    assert.equal(normaliseName('สมชาย\u0000'), 'สมชาย');
  });

  it('writes sara am as one character when typed as nikhahit + sara aa, and puts the tone mark before it', () => {
    assert.equal(normaliseName('น\u0E49\u0E4D\u0E32ผึ้ง'), 'น้ำผึ้ง');
    assert.equal(normaliseName('น\u0E4D\u0E49\u0E32ผึ้ง'), 'น้ำผึ้ง');
    assert.equal(normaliseName('น\u0E33\u0E49ผึ้ง'), 'น้ำผึ้ง');
    assert.equal(normaliseName('ทองค\u0E4D\u0E32'), 'ทองคำ');
  });

  it('fixes doubled keystrokes, two tone marks, a tone typed before its vowel, and เเ typed for แ', () => {
    assert.equal(normaliseName('สมชาาย'), 'สมชาย');
    assert.equal(normaliseName('ใจดี\u0E48\u0E48'), 'ใจดี\u0E48');
    assert.equal(normaliseName('ส\u0E49\u0E48ม'), 'ส\u0E48ม');
    assert.equal(normaliseName('ช\u0E48\u0E37อ'), 'ชื่อ');
    assert.equal(normaliseName('\u0E40\u0E40ดง'), 'แดง');
  });

  it('writes ฤๅ for ฤา and repeats the word before ๆ', () => {
    assert.equal(normaliseName('ฤาษี'), 'ฤๅษี');
    assert.equal(normaliseName('จ่อๆ'), 'จ่อ จ่อ');
    assert.equal(normaliseName('ซู ๆ'), 'ซู ซู');
  });

  it('lower-cases Latin letters and keeps the Thai spelling (tone marks, ์) as written', () => {
    assert.equal(normaliseName('Somchai JAIDEE'), 'somchai jaidee');
    assert.equal(normaliseName('สมศักดิ์ ใจดี่'), 'สมศักดิ์ ใจดี่');
    assert.equal(normaliseName(null), '');
    assert.equal(normaliseName('   '), '');
  });
});

describe('splitFullName', () => {
  it('splits a Thai name into given name and family name, keeping a family name of several words', () => {
    assert.deepEqual(splitFullName('สมชาย ใจดี'), { first: 'สมชาย', last: 'ใจดี', title: null });
    assert.deepEqual(splitFullName('นายสมชาย ณ สงขลา'), { first: 'สมชาย', last: 'ณ สงขลา', title: 'นาย' });
  });

  it('splits a Latin name, in order or as "Family, Given", keeping its case', () => {
    assert.deepEqual(splitFullName('Somchai Jaidee'), { first: 'Somchai', last: 'Jaidee', title: null });
    assert.deepEqual(splitFullName('Jaidee, Somchai'), { first: 'Somchai', last: 'Jaidee', title: null });
    assert.deepEqual(splitFullName('Mr. Somchai Jaidee'), { first: 'Somchai', last: 'Jaidee', title: 'Mr.' });
  });

  it('takes a single name as a given name with no family name', () => {
    assert.deepEqual(splitFullName('อองซาน'), { first: 'อองซาน', last: '', title: null });
    assert.deepEqual(splitFullName(''), { first: '', last: '', title: null });
  });
});

describe('matchKey', () => {
  it('ignores missing, extra and different tone marks', () => {
    sameKey(matchKey, ['ใจดี', 'ใจดี่', 'ใจดี้', 'ใจด๊ี']);
    sameKey(matchKey, ['บุญส่ง', 'บุญสง', 'บุญส้ง']);
  });

  it('treats ใ and ไ as one letter', () => {
    sameKey(matchKey, ['ใจดี', 'ไจดี']);
    sameKey(matchKey, ['สมใจ', 'สมไจ']);
  });

  it('treats ร and ล (and ฬ) as one letter', () => {
    sameKey(matchKey, ['ลัดดา', 'รัดดา']);
    sameKey(matchKey, ['สมพร', 'สมพล']);
  });

  it('treats ศ, ษ, ส and ซ as one letter', () => {
    sameKey(matchKey, ['ศรีสุข', 'สรีสุข', 'ษรีสุข', 'ซรีสุข']);
    sameKey(matchKey, ['ซมชาย', 'สมชาย']);
  });

  it('drops a letter silenced by ์ together with its vowel, and both letters of ทร์ and ญจน์', () => {
    sameKey(matchKey, ['สมศักดิ์', 'สมศัก']);
    sameKey(matchKey, ['พงษ์', 'พงศ์', 'พง']);
    sameKey(matchKey, ['จันทร์เพ็ญ', 'จันเพ็ญ']);
    sameKey(matchKey, ['ศิริกาญจน์', 'ศิริกาญ']);
    sameKey(matchKey, ['พันธุ์', 'พัน']);
    assert.equal(matchKey('ไพโรจน์'), 'ไพโรจ');
  });

  it('folds consonants that sound alike: ท ธ ถ ฑ ฒ ฐ, ณ น, ภ พ ผ, ฆ ค ข, ฎ ด, ฏ ต, ญ ย', () => {
    sameKey(matchKey, ['ธนพล', 'ทนพล', 'ถนพล', 'ฐนพล']);
    sameKey(matchKey, ['มณี', 'มนี']);
    sameKey(matchKey, ['ภัทรา', 'พัทรา', 'ผัทรา']);
    sameKey(matchKey, ['ฆ้อง', 'ค้อง', 'ข้อง']);
    sameKey(matchKey, ['สมชาญ', 'สมชาย']);
    sameKey(matchKey, ['ณัฐ', 'ณัฒ', 'นัท']);
  });

  it('ignores vowel length for ิ/ี, ึ/ื, ุ/ู and reads a word-initial ทร as ซ', () => {
    sameKey(matchKey, ['มานี', 'มานิ']);
    sameKey(matchKey, ['มูฮัมหมัด', 'มุฮัมหมัด']);
    sameKey(matchKey, ['ทราย', 'ซาย', 'สาย']);
  });

  it('ignores spaces and punctuation, so a name written in one word or two has one key', () => {
    sameKey(matchKey, ['ออง ซาน', 'อองซาน', 'ออง-ซาน']);
    sameKey(matchKey, ['Aung San', 'aungsan', 'AUNG-SAN']);
  });

  it('keeps different names apart', () => {
    differentKey(matchKey, 'สมชาย', 'สมศักดิ์');
    differentKey(matchKey, 'มานี', 'มานพ');
    differentKey(matchKey, 'ศรี', 'สีดา');
    differentKey(matchKey, 'สมชาย ใจดี', 'สมศรี ใจดี');
  });
});

describe('phoneticKey', () => {
  it('gives สมชาย, ซมชาย and สมชาญ one key', () => {
    sameKey(phoneticKey, ['สมชาย', 'ซมชาย', 'สมชาญ', 'ศมชาย']);
  });

  it('gives ใจดี and ไจดี one key', () => {
    sameKey(phoneticKey, ['ใจดี', 'ไจดี', 'ใจดี่']);
  });

  it('gives the Thai spellings of Abdullah one key, whether ending ะ, ะห์, าห์, อฮ์ or เาะ', () => {
    sameKey(phoneticKey, ['อับดุลเลาะ', 'อับดุลละ', 'อับดุลเลาะห์', 'อับดุลลอฮ์', 'อับดุลลาห์', 'อับดุลลาห', 'อับดุลลา']);
  });

  it('gives สุไลมาน and สุลัยมาน one key (ไ- and -ัย are both ai)', () => {
    sameKey(phoneticKey, ['สุไลมาน', 'สุลัยมาน', 'ซุไลมาน', 'สุลายมาน']);
  });

  it('gives the Thai spellings of Muhammad, Fatimah and Ahmad one key each', () => {
    sameKey(phoneticKey, ['มูฮัมหมัด', 'มูฮำหมัด', 'มุฮัมมัด', 'มุหัมหมัด']);
    sameKey(phoneticKey, ['ฟาตีมะห์', 'ฟาติมะ', 'ฟาตีเมาะ', 'ฟาตีมาห์']);
    sameKey(phoneticKey, ['อาหมัด', 'อะหมัด', 'อาห์หมัด', 'อาหมัต']);
  });

  it('reads unwritten vowels and ignores vowel length: มณี = มานี, มาลี = มะลิ', () => {
    sameKey(phoneticKey, ['มณี', 'มานี', 'มะณี']);
    sameKey(phoneticKey, ['มาลี', 'มะลิ', 'มาลิ']);
  });

  it('ignores a doubled consonant and reads finals by sound: กิตติ = กิติ, ยศ = ยด, สมพร = สมพน', () => {
    sameKey(phoneticKey, ['กิตติ', 'กิติ']);
    sameKey(phoneticKey, ['ยศ', 'ยด', 'ยต']);
    sameKey(phoneticKey, ['สมพร', 'สมพน', 'สมพล']);
    sameKey(phoneticKey, ['ศักดิ์ชัย', 'ศักชัย', 'สักชัย']);
    // ์ forgotten: ศักดิ is still read sak
    sameKey(phoneticKey, ['สมศักดิ์', 'สมศักดิ', 'สมสัก']);
  });

  it('reads silent ร in ศรี and drops the ร of a cluster as people say it: ศรี = สี, ปรีชา = ปีชา', () => {
    sameKey(phoneticKey, ['ศรี', 'สี', 'ศรี']);
    sameKey(phoneticKey, ['ปรีชา', 'ปีชา']);
  });

  it('gives Myanmar names one key whether the syllables are spaced, joined or repeated with ๆ', () => {
    sameKey(phoneticKey, ['ออง ซาน', 'อองซาน', 'อ่องซาน']);
    sameKey(phoneticKey, ['จ่อ จ่อ', 'จ่อจ่อ', 'จ่อๆ']);
    sameKey(phoneticKey, ['ซอ มิน', 'ซอมิน']);
  });

  it('keeps names that sound different apart: สมชาย/สมศักดิ์, มานี/มานพ, ศรี/สีดา, ทองดี/ทองดำ', () => {
    differentKey(phoneticKey, 'สมชาย', 'สมศักดิ์');
    differentKey(phoneticKey, 'มานี', 'มานพ');
    differentKey(phoneticKey, 'ศรี', 'สีดา');
    differentKey(phoneticKey, 'ทองดี', 'ทองดำ');
    differentKey(phoneticKey, 'สุดา', 'สีดา');
    differentKey(phoneticKey, 'บุญมา', 'บุญมี');
  });

  it('always agrees when the match keys agree', () => {
    const pairs = [
      ['สมชาย ใจดี', 'นายสมชาย ไจดี่'],
      ['ลัดดา', 'รัดดา'],
      ['จันทร์เพ็ญ', 'จันเพ็ญ'],
      ['ทรงศักดิ์', 'ซงศักดิ์'],
      ['ออง ซาน', 'อองซาน'],
    ];
    for (const [a, b] of pairs) {
      assert.equal(matchKey(a), matchKey(b));
      assert.equal(phoneticKey(a), phoneticKey(b), `${a} / ${b}`);
    }
  });

  it('uses the Latin key for names written in Latin letters', () => {
    assert.equal(phoneticKey('Somchai'), latinKey('Somchai'));
    assert.equal(phoneticKey(''), '');
  });
});

describe('romanize', () => {
  it('romanises Thai names in the RTGS style: no tones, no length, finals as pronounced', () => {
    assert.equal(romanize('สมชาย ใจดี'), 'somchai chaidi');
    assert.equal(romanize('สมศักดิ์'), 'somsak');
    assert.equal(romanize('ประเสริฐ'), 'prasoet');
    assert.equal(romanize('ศรีสุข'), 'sisuk');
    assert.equal(romanize('แก้ว'), 'kaeo');
    assert.equal(romanize('ทองคำ'), 'thongkham');
    assert.equal(romanize('บุญมี'), 'bunmi');
    assert.equal(romanize('เจริญ'), 'charoen');
    assert.equal(romanize('ณัฐวุฒิ'), 'natthawut');
    assert.equal(romanize('สุรชัย'), 'surachai');
  });

  it('leaves Latin words as they are, lower-cased', () => {
    assert.equal(romanize('Somchai ใจดี'), 'somchai chaidi');
    assert.equal(romanize(''), '');
  });
});

describe('latinKey', () => {
  it('makes the common romanisations of one Thai name equal', () => {
    sameKey(latinKey, ['Jaidee', 'Chaidee', 'Jaide', 'Chaidi', 'JAIDI']);
    sameKey(latinKey, ['Somchai', 'Somchay', 'Somchaai']);
    sameKey(latinKey, ['Boonmee', 'Bunmi', 'Bounmy']);
    sameKey(latinKey, ['Wichai', 'Vichai']);
    sameKey(latinKey, ['Pornthip', 'Phonthip', 'Ponthip']);
    sameKey(latinKey, ['Prasert', 'Prasoet']);
    sameKey(latinKey, ['Kaew', 'Kaeo', 'Keo']);
    sameKey(latinKey, ['Kittisak', 'Kitisak']);
  });

  it('makes Malay spellings agree: Abdullah = Abdulloh, Muhammad = Muhamad', () => {
    sameKey(latinKey, ['Abdullah', 'Abdulloh', 'Abdulla']);
    sameKey(latinKey, ['Muhammad', 'Muhamad', 'Muhammat']);
  });

  it('drops case, diacritics, spaces and punctuation', () => {
    assert.equal(latinKey('José-María'), latinKey('jose maria'));
    assert.equal(latinKey("O'Brien"), latinKey('obrien'));
    assert.equal(latinKey(''), '');
  });

  it('keeps different names apart', () => {
    differentKey(latinKey, 'Somchai', 'Somsak');
    differentKey(latinKey, 'Manee', 'Manop');
    differentKey(latinKey, 'Sri', 'Sida');
  });
});

describe('crossScriptKey', () => {
  it('gives a Thai name and its Latin spellings one key', () => {
    sameKey(crossScriptKey, ['สมชาย ใจดี', 'Somchai Jaidee', 'Mr Somchai Chaidee', 'SOMCHAY JAIDE']);
    sameKey(crossScriptKey, ['บุญมี', 'Boonmee', 'Bunmi']);
    sameKey(crossScriptKey, ['ประเสริฐ', 'Prasert']);
    sameKey(crossScriptKey, ['ณัฐวุฒิ', 'Natthawut']);
  });

  it('gives Malay-Muslim names in Thai and in their passport spelling one key', () => {
    sameKey(crossScriptKey, ['อับดุลเลาะ', 'Abdulloh', 'Abdullah']);
    sameKey(crossScriptKey, ['มูฮัมหมัด', 'Muhammad']);
    sameKey(crossScriptKey, ['ฟาตีมะห์', 'Fatimah']);
    sameKey(crossScriptKey, ['สุไลมาน', 'Sulaiman']);
  });

  it('gives Myanmar names in Thai and Latin letters one key', () => {
    sameKey(crossScriptKey, ['ออง ซาน', 'อองซาน', 'Aung San']);
    sameKey(crossScriptKey, ['อ่อง โก', 'Aung Ko']);
    sameKey(crossScriptKey, ['ซอ มิน', 'Zaw Min']);
    sameKey(crossScriptKey, ['จ่อ จ่อ', 'Kyaw Kyaw']);
  });

  it('keeps different names apart across scripts', () => {
    differentKey(crossScriptKey, 'สมชาย', 'Somsak');
    differentKey(crossScriptKey, 'มานี', 'Manop');
  });
});

describe('nameSimilarity', () => {
  it('scores names equal after normalisation 1, and warns when the titles imply different sexes', () => {
    const e = explainNameSimilarity('นายสมชาย ใจดี', 'นางสมชาย  ใจดี');
    assert.equal(e.score, 1);
    assert.ok(e.reasons.includes('same_normalised'));
    assert.ok(e.reasons.includes('titles_of_different_sex'));
    // นางสาว → นาง (marriage) and นาย = Mr are no conflict
    assert.ok(!explainNameSimilarity('นางสาวมาลี ศรีสุข', 'นางมาลี ศรีสุข').reasons.includes('titles_of_different_sex'));
    assert.ok(!explainNameSimilarity('นายสมชาย ใจดี', 'Mr Somchai Jaidee').reasons.includes('titles_of_different_sex'));
  });

  it('scores a tone mark or ใ/ไ difference 0.95 as the same spelling key', () => {
    const e = explainNameSimilarity('สมชาย ใจดี', 'สมชาย ไจดี่');
    assert.equal(e.score, 0.95);
    assert.equal(e.reasons[0], 'same_match_key');
  });

  it('scores names that sound alike 0.9 and explains it in English and Thai', () => {
    const e = explainNameSimilarity('อับดุลเลาะ', 'อับดุลลอฮ์');
    assert.equal(e.score, 0.9);
    assert.equal(e.reasons[0], 'same_phonetic_key');
    assert.deepEqual(e.labels[0], { code: 'same_phonetic_key', en: 'the names sound alike', th: 'เสียงอ่านเหมือนกัน' });
  });

  it('scores a Thai name and its Latin spelling 0.85 as the same name across scripts', () => {
    const e = explainNameSimilarity('สมชาย ใจดี', 'Somchai Jaidee');
    assert.equal(e.score, 0.85);
    assert.deepEqual(e.reasons, ['same_cross_script_key']);
    assert.ok(e.score >= NAME_SIMILARITY_THRESHOLDS.likely);
  });

  it('recognises the same words in another order', () => {
    const e = explainNameSimilarity('ใจดี สมชาย', 'สมชาย ใจดี');
    assert.equal(e.score, 0.9);
    assert.ok(e.reasons.includes('same_words_reordered'));
  });

  it('keeps different names below the "possible" threshold and says they differ', () => {
    const pairs = [
      ['สมชาย', 'สมศักดิ์'],
      ['มานี', 'มานพ'],
      ['ศรี', 'สีดา'],
      ['สมชาย ใจดี', 'สมศรี ใจดี'],
      ['สมชาย ใจดี', 'สมศักดิ์ ใจดี'],
      ['สมชาย', 'Somsak'],
      ['มานี', 'Manop'],
    ];
    for (const [a, b] of pairs) {
      const e = explainNameSimilarity(a, b);
      assert.ok(e.score < NAME_SIMILARITY_THRESHOLDS.possible, `${a} / ${b}: ${e.score}`);
    }
    assert.equal(explainNameSimilarity('สมชาย', 'สมศักดิ์').reasons[0], 'different');
  });

  it('gives a graded score to near misses, with trigram similarity as pg_trgm computes it', () => {
    const e = explainNameSimilarity('มานี ใจดี', 'มานพ ใจดี');
    assert.ok(e.score > 0 && e.score < NAME_SIMILARITY_THRESHOLDS.possible);
    assert.equal(e.trigram, 0.5);
    // pg_trgm: similarity('word', 'words') = 4 / 7
    assert.equal(trigramSimilarity('word', 'words'), 4 / 7);
    assert.equal(trigramSimilarity('abc', 'abc'), 1);
    assert.equal(trigramSimilarity('', 'abc'), 0);
  });

  it('rates romanisations that differ only in linking vowels as possible matches', () => {
    assert.ok(romanisationSimilarity('natwut', 'natawut') > 0.75);
    const s = nameSimilarity('ธนพล', 'Thanaphon');
    assert.ok(s >= NAME_SIMILARITY_THRESHOLDS.possible && s < NAME_SIMILARITY_THRESHOLDS.likely, String(s));
  });

  it('scores a missing name 0', () => {
    const e = explainNameSimilarity('', 'สมชาย');
    assert.equal(e.score, 0);
    assert.deepEqual(e.reasons, ['empty_name']);
    assert.equal(nameSimilarity(null, undefined), 0);
  });

  it('has an English and a Thai label for every reason', () => {
    for (const [code, label] of Object.entries(NAME_MATCH_REASONS)) {
      assert.ok(label.en.length > 0 && /[\u0E00-\u0E7F]/.test(label.th), code);
    }
  });
});

describe('nameKeys and the word cache', () => {
  it('computes every key at once, equal to the single functions, with or without the cache', () => {
    const names = ['นายสมชาย ใจดี', 'อับดุลเลาะ บินอับดุลเลาะ', 'Aung San', 'ศรีสุข'];
    for (const size of [0, 10, 50_000]) {
      configureNameCache({ maxEntries: size });
      for (let round = 0; round < 2; round++) {
        for (const n of names) {
          assert.deepEqual(nameKeys(n), {
            normalised: normaliseName(n),
            matchKey: matchKey(n),
            phoneticKey: phoneticKey(n),
            crossScriptKey: crossScriptKey(n),
          });
        }
      }
    }
    configureNameCache();
  });
});
