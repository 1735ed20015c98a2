/**
 * What the synthetic generator (src/lib/synthetic) leaves out and the
 * registry's search, linkage and indicators read: the name keys, Latin
 * names from passports, and the person attributes of a household survey
 * (in school, disability, bedridden, chronic illness, vaccinated,
 * occupation), at rates like Songkhla's.
 *
 * A post-processing step on each generated household, with a random
 * stream of its own (seeded from the data set's seed), so the same seed
 * gives the same values. Ages are taken on `asOf` (default: today in
 * Thailand), the day the indicator rules compute `age` on, so that the
 * school-age rates hold for the ages the rules see.
 *
 * Rates (people, whole population unless said):
 *   in_school, ages 6–17: out of school 1.6 % at 6–14 and 9 % at 15–17
 *     among Thai households, 12 % and 35 % among migrant workers' children
 *     (overall about 2 % and 10 %, as in Songkhla's education surveys);
 *     2 % not recorded.
 *   disability: 0.8 % under 15, 1.8 % at 15–59, 4 % at 60–69, 8 % at 70–79,
 *     15 % at 80+ (about 2.5 % overall; DEP registered disabled about 3 %).
 *   bedridden: 0.05 % under 60, 0.5 % at 60–69, 2.5 % at 70–79, 7 % at 80+
 *     (about 0.4 % overall, three quarters of them 70+); 60 % of them also
 *     recorded as disabled.
 *   chronic_illness: 0.5 % under 18, 2 % at 18–39, 10 % at 40–59, 25 % at 60+.
 *   vaccinated: yes / no / not recorded 80 / 13 / 7 % (60+ and the
 *     chronically ill 70 / 25 / 5 %; migrant workers 50 / 40 / 10 %).
 *   occupation (15+): rubber, farming, fishing, day labour, trade, company
 *     and factory work, civil service, housework, students, retired, by
 *     age, town or country and migrant work; 5 % not recorded.
 *   registry_status comes from the generator already (82 % registered
 *   here, 17.5 % elsewhere, 0.5 % unregistered among Thais; most
 *   migrants unregistered), as do tenure and monthly_income of households.
 */
import { nameKeys } from '../../src/modules/registry/keys.js';
import { latinOf, NATIONALITY, Random, Weighted, type PersonRow, type Seed } from '../../src/lib/synthetic/index.js';

/** Columns this step adds to each person, in COPY order after the generator's PERSON_COLUMNS. */
export const EXTRA_PERSON_COLUMNS = [
  'first_name_latin',
  'last_name_latin',
  'name_norm',
  'name_key',
  'phonetic_key',
  'latin_key',
  'in_school',
  'disability',
  'bedridden',
  'chronic_illness',
  'vaccinated',
  'occupation',
] as const;

export type ExtraColumn = (typeof EXTRA_PERSON_COLUMNS)[number];
export type EnrichedPerson = PersonRow & Record<ExtraColumn, string | null>;

type YesNo = 'yes' | 'no' | null;

/** Today in Thailand (what the indicator rules call today), YYYY-MM-DD. */
export function todayInThailand(now = new Date()): string {
  return new Date(now.getTime() + 7 * 3_600_000).toISOString().slice(0, 10);
}

const OCC_RURAL = new Weighted<string>([
  ['ทำสวนยางพารา', 0.2],
  ['เกษตรกร', 0.1],
  ['ประมง', 0.04],
  ['รับจ้างทั่วไป', 0.22],
  ['ค้าขาย', 0.12],
  ['พนักงานบริษัท', 0.06],
  ['ลูกจ้างโรงงาน', 0.05],
  ['รับราชการ', 0.05],
  ['แม่บ้าน', 0.08],
  ['ว่างงาน', 0.04],
  ['ธุรกิจส่วนตัว', 0.04],
]);
const OCC_URBAN = new Weighted<string>([
  ['ค้าขาย', 0.2],
  ['พนักงานบริษัท', 0.22],
  ['รับจ้างทั่วไป', 0.19],
  ['ลูกจ้างโรงงาน', 0.06],
  ['รับราชการ', 0.08],
  ['ธุรกิจส่วนตัว', 0.09],
  ['แม่บ้าน', 0.07],
  ['ว่างงาน', 0.05],
  ['ขับรถรับจ้าง', 0.04],
]);
const OCC_MIGRANT = new Weighted<string>([
  ['แรงงานประมง', 0.22],
  ['กรีดยาง', 0.2],
  ['ก่อสร้าง', 0.18],
  ['รับจ้างทั่วไป', 0.2],
  ['ลูกจ้างร้านค้า', 0.1],
  ['ลูกจ้างโรงงาน', 0.1],
]);
const OCC_OLD = new Weighted<string>([
  ['ไม่ได้ทำงาน', 0.55],
  ['ทำสวนยางพารา', 0.13],
  ['เกษตรกร', 0.12],
  ['ค้าขาย', 0.1],
  ['รับจ้างทั่วไป', 0.1],
]);

const MIGRANT_NATIONALITIES = new Set<string>([NATIONALITY.myanmar, NATIONALITY.cambodia, NATIONALITY.laos]);

export class Enricher {
  private readonly rng: Random;
  private readonly asOfY: number;
  private readonly asOfMD: string;
  /** Milliseconds spent in nameKeys() (measured: how much the keys cost generation). */
  nameKeyMs = 0;

  constructor(seed: Seed, asOf = todayInThailand()) {
    this.rng = new Random(`${String(seed)}:attributes`);
    if (!/^\d{4}-\d{2}-\d{2}$/.test(asOf)) throw new Error(`asOf must be YYYY-MM-DD, got ${asOf}`);
    this.asOfY = Number(asOf.slice(0, 4));
    this.asOfMD = asOf.slice(5);
  }

  private age(p: PersonRow): number {
    if (p.birth_date) return this.asOfY - Number(p.birth_date.slice(0, 4)) - (p.birth_date.slice(5) > this.asOfMD ? 1 : 0);
    return this.asOfY - p.birth_year;
  }

  private yesNo(pYes: number, pNo: number): YesNo {
    const r = this.rng.next();
    return r < pYes ? 'yes' : r < pYes + pNo ? 'no' : null;
  }

  /** Adds the extra columns to every member of one household (in place); `urban` as the household's area. */
  household(members: PersonRow[], urban: boolean, withKeys = true): EnrichedPerson[] {
    const rng = this.rng;
    const out = members as EnrichedPerson[];
    for (const m of out) {
      const age = this.age(m);
      const migrant = MIGRANT_NATIONALITIES.has(m.nationality);
      // Passports carry a Latin spelling, and surveyors copy it.
      const firstLatin = m.id_type === 'passport' ? (latinOf(m.first_name) ?? null) : null;
      const lastLatin = firstLatin && m.last_name ? (latinOf(m.last_name) ?? null) : null;
      m.first_name_latin = firstLatin;
      m.last_name_latin = lastLatin;
      if (withKeys) {
        const t = performance.now();
        const k = nameKeys(m.first_name, m.last_name, firstLatin, lastLatin);
        this.nameKeyMs += performance.now() - t;
        m.name_norm = k.name_norm;
        m.name_key = k.name_key;
        m.phonetic_key = k.phonetic_key;
        m.latin_key = k.latin_key;
      } else {
        m.name_norm = m.name_key = m.phonetic_key = m.latin_key = null;
      }

      // School: recorded for the school ages the indicator reads.
      let inSchool: YesNo = null;
      if (age >= 6 && age <= 17 && !rng.chance(0.02)) {
        const pOut = age <= 14 ? (migrant ? 0.12 : 0.016) : migrant ? 0.35 : 0.09;
        inSchool = rng.chance(pOut) ? 'no' : 'yes';
      }
      m.in_school = inSchool;

      const bedriddenP = age < 60 ? 0.0005 : age < 70 ? 0.005 : age < 80 ? 0.025 : 0.07;
      const bedridden = rng.chance(bedriddenP);
      const disabilityP = age < 15 ? 0.008 : age < 60 ? 0.018 : age < 70 ? 0.04 : age < 80 ? 0.08 : 0.15;
      const disabled = bedridden ? rng.chance(0.6) : rng.chance(disabilityP);
      const chronicP = age < 18 ? 0.005 : age < 40 ? 0.02 : age < 60 ? 0.1 : 0.25;
      const chronic = rng.chance(chronicP);
      // Health attributes are recorded as yes or no (a survey asks everyone).
      m.bedridden = bedridden ? 'yes' : 'no';
      m.disability = disabled ? 'yes' : 'no';
      m.chronic_illness = chronic ? 'yes' : 'no';
      m.vaccinated = migrant ? this.yesNo(0.5, 0.4) : age >= 60 || chronic ? this.yesNo(0.7, 0.25) : this.yesNo(0.8, 0.13);

      let occupation: string | null = null;
      if (age >= 15 && !rng.chance(0.05)) {
        if (inSchool === 'yes' || (age <= 22 && !migrant && rng.chance(0.35))) occupation = 'นักเรียน/นักศึกษา';
        else if (bedridden) occupation = 'ไม่ได้ทำงาน';
        else if (migrant) occupation = OCC_MIGRANT.sample(rng);
        else if (age >= 60) occupation = OCC_OLD.sample(rng);
        else occupation = (urban ? OCC_URBAN : OCC_RURAL).sample(rng);
      }
      m.occupation = occupation;
    }
    return out;
  }
}
