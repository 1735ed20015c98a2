/**
 * Speed of the name keys on 100,000 synthetic full names (Thai and
 * Malay-Muslim, with titles and typing slips) and on 100,000 single name
 * fields, as the registry computes them on import, with the word cache off
 * and on; then how often Thai and Latin spellings of the synthetic names
 * get the same cross-script key. Not part of the test suite.
 *
 *   node --import tsx src/lib/thai/names.bench.ts
 *
 * The target: matchKey + phoneticKey for more than 300,000 names/s, so that
 * keying 1.45 M people takes a few seconds.
 */
import * as synthetic from '../synthetic/names.js';
import { configureNameCache, crossScriptKey, latinKey, matchKey, nameKeys, nameMatchKeys, normaliseName, phoneticKey } from './names.js';

const COUNT = 100_000;

function rng(seed: number): () => number {
  let s = seed;
  return () => (s = (s * 16807) % 2147483647) / 2147483647;
}

function makeNames(): { thai: string[]; latin: string[] } {
  const rnd = rng(42);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rnd() * list.length)]!;
  const firsts = [
    ...synthetic.MALE_OLD, ...synthetic.MALE_MID, ...synthetic.MALE_YOUNG, ...synthetic.FEMALE_OLD,
    ...synthetic.FEMALE_MID, ...synthetic.FEMALE_YOUNG, ...synthetic.MUSLIM_MALE, ...synthetic.MUSLIM_FEMALE,
  ];
  const lasts = [...synthetic.SURNAMES, ...synthetic.COMPOUND_SURNAMES, ...synthetic.MUSLIM_SURNAMES];
  const titles = ['นาย', 'นาง', 'นางสาว', 'ด.ช. ', 'ด.ญ.', 'นาย ', ''];
  const thai: string[] = [];
  const latin: string[] = [];
  for (let i = 0; i < COUNT; i++) {
    const f = pick(firsts);
    const l = pick(lasts);
    let first = f.th;
    // one name in ten with a slip: a tone mark dropped, ใ/ไ swapped, a doubled key
    const r = rnd();
    if (r < 0.04) first = first.replace(/[\u0E48-\u0E4B]/, '');
    else if (r < 0.07) first = first.replace('ใ', 'ไ');
    else if (r < 0.1) first = first + first.slice(-1);
    thai.push(`${pick(titles)}${first} ${l.th}`);
    latin.push(`${f.en} ${l.en}`);
  }
  return { thai, latin };
}

function time(label: string, names: readonly string[], fn: (s: string) => unknown): number {
  // warm up, then the best of three
  for (let i = 0; i < 20_000; i++) fn(names[i % names.length]!);
  let best = Infinity;
  for (let round = 0; round < 3; round++) {
    const t0 = performance.now();
    for (const n of names) fn(n);
    best = Math.min(best, performance.now() - t0);
  }
  const perSecond = Math.round((names.length / best) * 1000);
  console.log(`${label.padEnd(44)} ${String(perSecond.toLocaleString('en-US')).padStart(12)} names/s  (${best.toFixed(0)} ms / ${names.length.toLocaleString('en-US')})`);
  return perSecond;
}

const { thai: names, latin } = makeNames();
// the registry keeps given name and family name in separate fields: key each on its own
const fields = names.flatMap((n) => {
  const i = n.lastIndexOf(' ');
  return [n.slice(0, i), n.slice(i + 1)];
}).slice(0, COUNT);

for (const [label, size] of [['cold (no cache)', 0], ['with the default word cache', undefined]] as const) {
  configureNameCache(size === undefined ? {} : { maxEntries: size });
  console.log(`\n${label}`);
  time('normaliseName', names, normaliseName);
  time('matchKey', names, matchKey);
  time('phoneticKey', names, phoneticKey);
  const both = time('matchKey + phoneticKey (nameMatchKeys)', names, nameMatchKeys);
  time('crossScriptKey (Thai)', names, crossScriptKey);
  time('latinKey (Latin)', latin, latinKey);
  time('nameKeys (all four keys)', names, nameKeys);
  const perField = time('nameMatchKeys, one name field at a time', fields, nameMatchKeys);
  time('nameKeys, one name field at a time', fields, nameKeys);
  console.log(`matchKey + phoneticKey of 1.45 M people: ${(1.45e6 / both).toFixed(1)} s as full names, ${((2 * 1.45e6) / perField).toFixed(1)} s as given name + family name`);
}
configureNameCache({});

// How often a Thai name and its recorded Latin spelling get the same cross-script key.
console.log('\ncrossScriptKey(Thai) = latinKey(Latin spelling) on the synthetic name lists');
const groups: [string, readonly synthetic.Name[]][] = [
  ['Thai given names and surnames (RTGS)', [...synthetic.MALE_OLD, ...synthetic.MALE_MID, ...synthetic.MALE_YOUNG, ...synthetic.FEMALE_OLD, ...synthetic.FEMALE_MID, ...synthetic.FEMALE_YOUNG, ...synthetic.SURNAMES]],
  ['southern compound surnames (RTGS)', synthetic.COMPOUND_SURNAMES],
  ['Malay-Muslim names (passport spelling)', [...synthetic.MUSLIM_MALE, ...synthetic.MUSLIM_FEMALE, ...synthetic.MUSLIM_SURNAMES]],
  ['Myanmar names', [...synthetic.MYANMAR_MALE, ...synthetic.MYANMAR_FEMALE]],
  ['Khmer names', [...synthetic.CAMBODIAN_MALE, ...synthetic.CAMBODIAN_FEMALE, ...synthetic.CAMBODIAN_SURNAMES]],
  ['Lao names', [...synthetic.LAO_MALE, ...synthetic.LAO_FEMALE, ...synthetic.LAO_SURNAMES]],
];
for (const [label, list] of groups) {
  const same = list.filter((n) => crossScriptKey(n.th) === latinKey(n.en)).length;
  console.log(`${label.padEnd(44)} ${((100 * same) / list.length).toFixed(1).padStart(5)}% of ${list.length}`);
}
