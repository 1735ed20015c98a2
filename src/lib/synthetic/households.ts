/**
 * Deterministic synthetic households and people for Songkhla-like areas.
 *
 * `createGenerator(seed).household(areaCode, opts)` returns one household
 * and its members as plain objects whose fields are the columns of the
 * `households` and `persons` tables (snake_case), ids included (UUID v7 whose
 * timestamps and random bits come from the seeded stream, so the same seed
 * gives the same rows, ids and all). No I/O, no clock, no database.
 *
 * The shape follows Thailand in the mid-2020s, Songkhla in particular:
 * household size mean about 2.8 (many one- and two-person households,
 * skipped-generation households of grandparents and grandchildren), an
 * ageing population (about 18 % aged 60+), about 0.95 men per woman,
 * a Malay-Muslim share that the caller sets per area, and about 3 % of
 * people without a Thai ID: migrant workers from Myanmar, Cambodia and Laos
 * (pink card, passport or nothing) and a few unregistered Thais.
 */
import { v7 as uuidv7 } from 'uuid';
import { withCheckDigit } from '../thai/nationalId.js';
import {
  CAMBODIAN_FEMALE,
  CAMBODIAN_MALE,
  CAMBODIAN_SURNAMES,
  COMPOUND_SURNAMES,
  FEMALE_MID,
  FEMALE_OLD,
  FEMALE_YOUNG,
  LAO_FEMALE,
  LAO_MALE,
  LAO_SURNAMES,
  MALE_MID,
  MALE_OLD,
  MALE_YOUNG,
  MUSLIM_FEMALE,
  MUSLIM_MALE,
  MUSLIM_SURNAMES,
  MYANMAR_FEMALE,
  MYANMAR_MALE,
  SURNAMES,
  type Name,
} from './names.js';
import { Random, Weighted, type Seed } from './random.js';

export type Sex = 'female' | 'male';
export type Relation = 'head' | 'spouse' | 'child' | 'parent' | 'grandchild' | 'relative' | 'other';
export type Tenure = 'owner' | 'renter' | 'public_land' | 'other';
export type IdType = 'thai_id' | 'pink_card' | 'passport' | 'none';
export type RegistryStatus = 'registered_here' | 'registered_elsewhere' | 'unregistered';
export type HouseholdKind = 'thai' | 'muslim' | 'migrant';

/** A row of `households` (created_at/updated_at left to the database). */
export interface HouseholdRow {
  id: string;
  area_code: string;
  house_no: string;
  address: string;
  lat: number | null;
  lon: number | null;
  tenure: Tenure;
  monthly_income: number;
}

/** A row of `persons` (created_at/updated_at left to the database). */
export interface PersonRow {
  id: string;
  household_id: string;
  area_code: string;
  relation_to_head: Relation;
  first_name: string;
  last_name: string | null;
  sex: Sex;
  /** ISO date, or null when only the year is known. */
  birth_date: string | null;
  birth_year: number;
  nationality: string;
  id_type: IdType;
  id_number: string | null;
  registry_status: RegistryStatus;
  phone: string | null;
}

/** Column order for COPY and INSERT: the keys of HouseholdRow. */
export const HOUSEHOLD_COLUMNS = ['id', 'area_code', 'house_no', 'address', 'lat', 'lon', 'tenure', 'monthly_income'] as const satisfies ReadonlyArray<keyof HouseholdRow>;
/** Column order for COPY and INSERT: the keys of PersonRow. */
export const PERSON_COLUMNS = [
  'id', 'household_id', 'area_code', 'relation_to_head', 'first_name', 'last_name', 'sex', 'birth_date',
  'birth_year', 'nationality', 'id_type', 'id_number', 'registry_status', 'phone',
] as const satisfies ReadonlyArray<keyof PersonRow>;

export interface HouseholdOptions {
  /** Centre the household's coordinates are jittered around; without it lat/lon are null. */
  centre?: { lat: number; lon: number } | null;
  /** Spread of the jitter (about two standard deviations), km. Default 1.5. */
  radiusKm?: number;
  /** The community lives along the railway: most households on public (SRT) land, lower incomes. */
  railwaySide?: boolean;
  /** Town centre: more renters, higher incomes, addresses by soi rather than moo. */
  urban?: boolean;
  /** Share of Malay-Muslim households in the area. Default 0.3 (Songkhla province). */
  muslimShare?: number;
  /** Share of migrant-worker households in the area. Default 0.035 (gives about 3 % of people without a Thai ID). */
  migrantShare?: number;
  /** Forces the kind of household (tests, demo scripts). */
  kind?: HouseholdKind;
  /** 4-digit DOPA office code used in Thai IDs issued here. Default the first 4 digits of the area code. */
  office?: string;
}

export interface GeneratedHousehold {
  household: HouseholdRow;
  members: PersonRow[];
}

export interface GeneratorOptions {
  /** The day ages refer to (ISO date). Default 2025-07-01. */
  referenceDate?: string;
  /** Timestamp (ms) of the first UUID v7; every record adds 1 ms. Default the reference date. */
  epochMs?: number;
}

export interface Generator {
  readonly seed: Seed;
  readonly referenceDate: string;
  household(areaCode: string, opts?: HouseholdOptions): GeneratedHousehold;
  /** How many households and people this generator has made so far. */
  readonly counts: { households: number; people: number };
}

export const DEFAULT_REFERENCE_DATE = '2025-07-01';
export const NATIONALITY = { thai: 'ไทย', myanmar: 'เมียนมา', cambodia: 'กัมพูชา', laos: 'ลาว', stateless: 'ไร้สัญชาติ' } as const;

// ---------------------------------------------------------------------------
// distributions

/** Household size 1..8 of Thai (Buddhist) households: mean about 2.7. */
const SIZE_THAI = new Weighted<number>([[1, 0.22], [2, 0.29], [3, 0.22], [4, 0.155], [5, 0.07], [6, 0.03], [7, 0.01], [8, 0.005]]);
/** Malay-Muslim households are larger: mean about 3.1. */
const SIZE_MUSLIM = new Weighted<number>([[1, 0.17], [2, 0.25], [3, 0.22], [4, 0.18], [5, 0.1], [6, 0.05], [7, 0.02], [8, 0.01]]);
/** Migrant-worker households: single workers, couples, a child, roommates: mean about 2.1. */
const SIZE_MIGRANT = new Weighted<number>([[1, 0.35], [2, 0.35], [3, 0.17], [4, 0.1], [5, 0.03]]);

/** 5-year age bands from 20-24 to 95-99. */
function bands(weights: number[]): Weighted<number> {
  return new Weighted<number>(weights.map((w, i) => [20 + 5 * i, w] as const));
}
/** Age of the head of a household of two or more. */
const HEAD_AGE = bands([2, 5.5, 9, 11, 11.5, 12, 12, 11.5, 9.5, 7.5, 5, 3.4, 2, 1, 0.4, 0.12]);
/** Age of a person living alone: young workers and, mostly, older people. */
const SINGLE_AGE = bands([6, 9, 8, 7, 6.5, 6.5, 7, 7.5, 7.5, 7, 6, 5, 3.5, 2, 0.8, 0.25]);

type Role = Exclude<Relation, 'head' | 'spouse'>;
const ROLES_YOUNG_HEAD = new Weighted<Role>([['child', 0.72], ['parent', 0.14], ['relative', 0.1], ['other', 0.04]]);
const ROLES_MID_HEAD = new Weighted<Role>([['child', 0.75], ['parent', 0.08], ['relative', 0.09], ['other', 0.03]]);
const ROLES_MID_HEAD_45 = new Weighted<Role>([['child', 0.72], ['parent', 0.07], ['grandchild', 0.08], ['relative', 0.1], ['other', 0.03]]);
const ROLES_OLD_HEAD = new Weighted<Role>([['child', 0.5], ['grandchild', 0.32], ['parent', 0.03], ['relative', 0.11], ['other', 0.04]]);
const ROLES_ELDER_HEAD = new Weighted<Role>([['child', 0.45], ['grandchild', 0.4], ['relative', 0.12], ['other', 0.03]]);

const TENURE = new Weighted<Tenure>([['owner', 0.74], ['renter', 0.16], ['public_land', 0.03], ['other', 0.07]]);
const TENURE_URBAN = new Weighted<Tenure>([['owner', 0.56], ['renter', 0.34], ['public_land', 0.03], ['other', 0.07]]);
const TENURE_RAILWAY = new Weighted<Tenure>([['public_land', 0.65], ['renter', 0.12], ['owner', 0.08], ['other', 0.15]]);
const TENURE_MIGRANT = new Weighted<Tenure>([['renter', 0.58], ['other', 0.35], ['public_land', 0.05], ['owner', 0.02]]);

type Origin = 'myanmar' | 'cambodia' | 'laos';
const MIGRANT_ORIGIN = new Weighted<Origin>([['myanmar', 0.76], ['cambodia', 0.14], ['laos', 0.1]]);
const MIGRANT_ADULT_ID = new Weighted<IdType>([['pink_card', 0.6], ['passport', 0.25], ['none', 0.15]]);
const MIGRANT_CHILD_ID = new Weighted<IdType>([['pink_card', 0.3], ['none', 0.7]]);

/** DOPA offices elsewhere that people living in Songkhla were registered at (Phatthalung, Nakhon, the deep south, Satun, Trang, Surat, Bangkok). */
const OTHER_OFFICES = [
  '9001', '9003', '9011', '9010', '9015', '9301', '9302', '9306', '8001', '8011', '8016', '9401', '9402', '9501',
  '9601', '9101', '9201', '8401', '1001', '1033', '1044', '1003', '9013', '9009',
];

const PHONE_PREFIX = ['06', '08', '08', '09', '09', '09'];

// ---------------------------------------------------------------------------

interface Draft {
  relation: Relation;
  sex: Sex;
  age: number;
}

function clamp(x: number, lo: number, hi: number): number {
  return x < lo ? lo : x > hi ? hi : x;
}

/**
 * Per-prefix counter mapped through n ↦ (n·a + b) mod 10^width, with a
 * coprime to 10 (odd, not a multiple of 5): a bijection, so serials are
 * unique within a prefix and look random. a and b differ per prefix.
 */
interface Serial {
  next: number;
  mult: number;
  offset: number;
  modulus: number;
}

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

class HouseholdGenerator implements Generator {
  readonly seed: Seed;
  readonly referenceDate: string;
  readonly counts = { households: 0, people: 0 };
  private readonly rng: Random;
  private readonly refY: number;
  private readonly refM: number;
  private readonly refD: number;
  private readonly epochMs: number;
  private records = 0;
  private readonly uuidRandom = new Uint8Array(16);
  private readonly serials = new Map<string, Serial>();

  constructor(seed: Seed, opts: GeneratorOptions = {}) {
    this.seed = seed;
    this.rng = new Random(seed);
    this.referenceDate = opts.referenceDate ?? DEFAULT_REFERENCE_DATE;
    const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(this.referenceDate);
    if (!m) throw new Error(`referenceDate must be YYYY-MM-DD, got ${this.referenceDate}`);
    this.refY = Number(m[1]);
    this.refM = Number(m[2]);
    this.refD = Number(m[3]);
    this.epochMs = opts.epochMs ?? Date.UTC(this.refY, this.refM - 1, this.refD);
  }

  household(areaCode: string, opts: HouseholdOptions = {}): GeneratedHousehold {
    if (!/^[0-9]{6}/.test(areaCode)) throw new Error(`expected a subdistrict (or deeper) area code, got ${areaCode}`);
    const rng = this.rng;
    const kind: HouseholdKind =
      opts.kind ?? (rng.chance(opts.migrantShare ?? 0.035) ? 'migrant' : rng.chance(opts.muslimShare ?? 0.3) ? 'muslim' : 'thai');
    const office = opts.office ?? areaCode.slice(0, 4);

    const drafts = kind === 'migrant' ? this.composeMigrant() : this.compose(kind === 'muslim' ? SIZE_MUSLIM : SIZE_THAI);
    const household: HouseholdRow = {
      id: this.uuid(),
      area_code: areaCode,
      house_no: '',
      address: '',
      lat: null,
      lon: null,
      tenure: 'owner',
      monthly_income: 0,
    };
    this.address(household, opts);
    household.tenure = (kind === 'migrant' ? TENURE_MIGRANT : opts.railwaySide ? TENURE_RAILWAY : opts.urban ? TENURE_URBAN : TENURE).sample(rng);

    const members = kind === 'migrant' ? this.migrants(household, drafts) : this.thais(household, drafts, kind, office);
    household.monthly_income = this.income(drafts, kind, opts);
    this.counts.households++;
    this.counts.people += members.length;
    return { household, members };
  }

  // -- composition ----------------------------------------------------------

  private compose(sizes: Weighted<number>): Draft[] {
    const rng = this.rng;
    const size = sizes.sample(rng);
    if (size === 1) {
      const age = SINGLE_AGE.sample(rng) + rng.int(0, 4);
      const male = age >= 60 ? rng.chance(0.36) : rng.chance(0.57);
      return [{ relation: 'head', sex: male ? 'male' : 'female', age }];
    }
    const headAge = HEAD_AGE.sample(rng) + rng.int(0, 4);
    const headSex: Sex = rng.chance(0.635) ? 'male' : 'female';
    const out: Draft[] = [{ relation: 'head', sex: headSex, age: headAge }];
    const spouseP = headSex === 'male' ? (headAge < 75 ? 0.9 : 0.72) : headAge < 75 ? 0.55 : 0.3;
    if (rng.chance(spouseP)) {
      const gap = rng.normal(3, 4);
      const age = Math.round(clamp(headSex === 'male' ? headAge - gap : headAge + gap, 18, 104));
      out.push({ relation: 'spouse', sex: headSex === 'male' ? 'female' : 'male', age });
    }
    // The mother's age anchors children and grandchildren.
    const mother = out.find((d) => d.sex === 'female')?.age ?? headAge;
    const roles = headAge < 35 ? ROLES_YOUNG_HEAD : headAge < 45 ? ROLES_MID_HEAD : headAge < 55 ? ROLES_MID_HEAD_45 : headAge < 70 ? ROLES_OLD_HEAD : ROLES_ELDER_HEAD;
    let parents = 0;
    while (out.length < size) {
      let role = roles.sample(rng);
      if (role === 'parent' && (parents >= 2 || headAge > 78)) role = 'relative';
      let age: number;
      switch (role) {
        case 'child': {
          const gen = clamp(rng.normal(27, 5), 17, Math.min(45, mother));
          age = Math.round(mother - gen);
          break;
        }
        case 'grandchild': {
          const gen = clamp(rng.normal(27, 5), 17, 45) + clamp(rng.normal(27, 5), 17, 45);
          age = Math.round(mother - gen);
          if (age < 0) {
            role = 'child';
            age = Math.max(0, Math.round(mother - clamp(rng.normal(27, 5), 17, Math.min(45, mother))));
          }
          break;
        }
        case 'parent':
          parents++;
          age = Math.round(clamp(headAge + rng.normal(28, 5), headAge + 17, 104));
          break;
        case 'relative':
          age = Math.round(clamp(rng.normal(34, 20), 0, 95));
          break;
        case 'other':
          age = Math.round(clamp(rng.normal(35, 12), 15, 80));
          break;
      }
      const maleP = role === 'parent' ? 0.36 : role === 'relative' ? 0.5 : 0.515;
      out.push({ relation: role, sex: rng.chance(maleP) ? 'male' : 'female', age });
    }
    return out;
  }

  private composeMigrant(): Draft[] {
    const rng = this.rng;
    const size = SIZE_MIGRANT.sample(rng);
    const headAge = Math.round(clamp(rng.normal(32, 8), 18, 62));
    const headSex: Sex = rng.chance(0.6) ? 'male' : 'female';
    const out: Draft[] = [{ relation: 'head', sex: headSex, age: headAge }];
    if (size >= 2 && rng.chance(0.7)) {
      const age = Math.round(clamp(headAge + (headSex === 'male' ? -1 : 1) * rng.normal(2, 3), 18, 65));
      out.push({ relation: 'spouse', sex: headSex === 'male' ? 'female' : 'male', age });
    }
    const mother = out.find((d) => d.sex === 'female')?.age ?? headAge;
    while (out.length < size) {
      const r = rng.next();
      if (r < 0.55 && mother >= 19) {
        out.push({ relation: 'child', sex: rng.chance(0.51) ? 'male' : 'female', age: rng.int(0, Math.min(17, mother - 18)) });
      } else if (r < 0.7) {
        out.push({ relation: 'relative', sex: rng.chance(0.5) ? 'male' : 'female', age: Math.round(clamp(rng.normal(30, 9), 15, 65)) });
      } else {
        out.push({ relation: 'other', sex: rng.chance(0.55) ? 'male' : 'female', age: Math.round(clamp(rng.normal(29, 7), 16, 60)) });
      }
    }
    return out;
  }

  // -- people ---------------------------------------------------------------

  private thais(household: HouseholdRow, drafts: Draft[], kind: 'thai' | 'muslim', office: string): PersonRow[] {
    const rng = this.rng;
    const muslim = kind === 'muslim';
    const familyName = this.surname(muslim);
    const members: PersonRow[] = [];
    for (const d of drafts) {
      const keepsFamilyName =
        d.relation === 'head' || d.relation === 'child'
          ? true
          : d.relation === 'spouse'
            ? rng.chance(0.6)
            : d.relation === 'grandchild'
              ? rng.chance(0.6)
              : d.relation === 'parent'
                ? rng.chance(0.7)
                : d.relation === 'relative'
                  ? rng.chance(0.4)
                  : false;
      const { date, year } = this.birth(d.age, d.age >= 70 && rng.chance(0.08));
      const first = this.givenName(d.sex, year, muslim && rng.chance(0.78));
      let nationality: string = NATIONALITY.thai;
      let idType: IdType = 'thai_id';
      let idNumber: string | null;
      let registry: RegistryStatus;
      const r = rng.next();
      if (r < 0.0035) {
        // Unregistered Thai (births never declared, lost papers): the latent population.
        idType = 'none';
        idNumber = null;
        registry = 'unregistered';
      } else if (r < 0.0055) {
        // Stateless with a DOPA 13-digit ID: category 6 (resident), 7 (their children born here).
        nationality = NATIONALITY.stateless;
        idNumber = this.nationalId(d.age < 20 ? '7' : '6', office);
        registry = 'registered_here';
      } else {
        idNumber = this.nationalId(this.category(year), rng.chance(0.78) ? office : rng.pick(OTHER_OFFICES));
        const s = rng.next();
        registry = s < 0.82 ? 'registered_here' : s < 0.995 ? 'registered_elsewhere' : 'unregistered';
      }
      members.push({
        id: this.uuid(),
        household_id: household.id,
        area_code: household.area_code,
        relation_to_head: d.relation,
        first_name: first,
        last_name: keepsFamilyName ? familyName : this.surname(muslim),
        sex: d.sex,
        birth_date: date,
        birth_year: year,
        nationality,
        id_type: idType,
        id_number: idNumber,
        registry_status: registry,
        phone: this.phone(d.age, 1),
      });
    }
    return members;
  }

  private migrants(household: HouseholdRow, drafts: Draft[]): PersonRow[] {
    const rng = this.rng;
    const origin = MIGRANT_ORIGIN.sample(rng);
    const nationality = NATIONALITY[origin];
    const familyName = origin === 'cambodia' ? rng.pick(CAMBODIAN_SURNAMES).th : origin === 'laos' ? rng.pick(LAO_SURNAMES).th : null;
    const members: PersonRow[] = [];
    for (const d of drafts) {
      const idType = (d.age >= 15 ? MIGRANT_ADULT_ID : MIGRANT_CHILD_ID).sample(rng);
      const yearOnly = idType === 'none' && rng.chance(0.25);
      const { date, year } = this.birth(d.age, false);
      let lastName: string | null = null;
      if (origin !== 'myanmar') {
        const related = d.relation === 'head' || d.relation === 'child' || (d.relation === 'spouse' && rng.chance(0.3));
        lastName = related && familyName ? familyName : rng.pick(origin === 'cambodia' ? CAMBODIAN_SURNAMES : LAO_SURNAMES).th;
      }
      const names =
        origin === 'myanmar'
          ? d.sex === 'male' ? MYANMAR_MALE : MYANMAR_FEMALE
          : origin === 'cambodia'
            ? d.sex === 'male' ? CAMBODIAN_MALE : CAMBODIAN_FEMALE
            : d.sex === 'male' ? LAO_MALE : LAO_FEMALE;
      members.push({
        id: this.uuid(),
        household_id: household.id,
        area_code: household.area_code,
        relation_to_head: d.relation,
        first_name: rng.pick(names).th,
        last_name: lastName,
        sex: d.sex,
        birth_date: yearOnly ? null : date,
        birth_year: year,
        nationality,
        id_type: idType,
        id_number: idType === 'pink_card' ? this.pinkCard(household.area_code.slice(0, 4)) : idType === 'passport' ? this.passport(origin) : null,
        registry_status: idType === 'pink_card' ? (rng.chance(0.6) ? 'registered_here' : 'unregistered') : idType === 'passport' ? (rng.chance(0.5) ? 'registered_elsewhere' : 'unregistered') : 'unregistered',
        phone: this.phone(d.age, 0.75),
      });
    }
    return members;
  }

  private givenName(sex: Sex, birthYear: number, muslimName: boolean): string {
    const rng = this.rng;
    if (muslimName) return rng.pick(sex === 'male' ? MUSLIM_MALE : MUSLIM_FEMALE).th;
    // Names follow fashions: an era's own list most of the time, a neighbouring one otherwise.
    const r = rng.next();
    let list: Name[];
    if (birthYear < 1966) list = r < 0.75 ? (sex === 'male' ? MALE_OLD : FEMALE_OLD) : sex === 'male' ? MALE_MID : FEMALE_MID;
    else if (birthYear <= 1990) list = r < 0.72 ? (sex === 'male' ? MALE_MID : FEMALE_MID) : r < 0.86 ? (sex === 'male' ? MALE_OLD : FEMALE_OLD) : sex === 'male' ? MALE_YOUNG : FEMALE_YOUNG;
    else list = r < 0.75 ? (sex === 'male' ? MALE_YOUNG : FEMALE_YOUNG) : sex === 'male' ? MALE_MID : FEMALE_MID;
    return rng.pick(list).th;
  }

  private surname(muslim: boolean): string {
    const rng = this.rng;
    if (muslim && rng.chance(0.7)) return rng.pick(MUSLIM_SURNAMES).th;
    return rng.chance(0.45) ? rng.pick(SURNAMES).th : rng.pick(COMPOUND_SURNAMES).th;
  }

  // -- dates, documents, contact ----------------------------------------------

  /** A birth date for someone `age` full years old on the reference date. */
  private birth(age: number, firstOfJanuary: boolean): { date: string; year: number } {
    if (firstOfJanuary) {
      // Older registrations often record only the year: DOPA writes 1 January.
      const year = this.refY - age;
      return { date: `${year}-01-01`, year };
    }
    const ms = Date.UTC(this.refY - age, this.refM - 1, this.refD) - this.rng.int(0, 364) * 86_400_000;
    const date = new Date(ms).toISOString().slice(0, 10);
    return { date, year: Number(date.slice(0, 4)) };
  }

  /** First digit of a Thai ID: 1 born from 1984 and registered in time, 3 in the 1984 registry, 2/4/5/8 a few. */
  private category(birthYear: number): string {
    const r = this.rng.next();
    if (birthYear >= 1984) return r < 0.985 ? '1' : r < 0.992 ? '2' : r < 0.998 ? '5' : '8';
    return r < 0.975 ? '3' : r < 0.983 ? '4' : r < 0.997 ? '5' : '8';
  }

  /** Next serial for a prefix, scrambled into `width` digits: unique within this generator. */
  private serial(prefix: string, width: number): string {
    let s = this.serials.get(prefix);
    if (!s) {
      const modulus = 10 ** width;
      const r = new Random(`${String(this.seed)}:${prefix}`);
      let mult = (r.uint32() % modulus) | 1;
      if (mult % 5 === 0) mult = (mult + 2) % modulus;
      s = { next: 0, mult, offset: r.uint32() % modulus, modulus };
      this.serials.set(prefix, s);
    }
    const n = s.next++ % s.modulus;
    return pad((n * s.mult + s.offset) % s.modulus, width);
  }

  /** 13-digit Thai ID: category, 4-digit registration office, 7 digits, check digit. */
  private nationalId(category: string, office: string): string {
    const prefix = category + office;
    return withCheckDigit(prefix + this.serial(prefix, 7));
  }

  /** Pink card (บัตรสีชมพู) of a registered migrant worker: 13 digits starting 00. */
  private pinkCard(office: string): string {
    const prefix = '00' + office;
    return withCheckDigit(prefix + this.serial(prefix, 6));
  }

  private passport(origin: Origin): string {
    if (origin === 'myanmar') {
      const series = 'M' + this.rng.pick(['A', 'B', 'C', 'D', 'E', 'F', 'G', 'H']);
      return series + this.serial(series, 6);
    }
    const letter = origin === 'cambodia' ? 'N' : 'P';
    return letter + this.serial(letter, 7);
  }

  private phone(age: number, factor: number): string | null {
    const p = age < 13 ? 0 : age < 15 ? 0.3 : age < 70 ? 0.8 : age < 80 ? 0.45 : 0.2;
    if (!this.rng.chance(p * factor)) return null;
    return this.rng.pick(PHONE_PREFIX) + this.rng.digits(8);
  }

  // -- household fields ---------------------------------------------------------

  private address(h: HouseholdRow, opts: HouseholdOptions): void {
    const rng = this.rng;
    const main = Math.max(1, Math.round(rng.lognormal(opts.urban ? 120 : 60, 0.9)));
    const slash = rng.chance(opts.urban || opts.railwaySide ? 0.45 : 0.3);
    h.house_no = slash ? `${main}/${rng.int(1, 30)}` : String(main);
    h.address = opts.urban || opts.railwaySide ? `${h.house_no} ซอย ${rng.int(1, 40)}` : `${h.house_no} หมู่ที่ ${rng.int(1, 12)}`;
    if (opts.centre) {
      const spread = (opts.radiusKm ?? 1.5) / 2;
      const dy = rng.normal(0, spread);
      const dx = rng.normal(0, spread);
      const lat = opts.centre.lat + dy / 110.574;
      const lon = opts.centre.lon + dx / (111.32 * Math.cos((opts.centre.lat * Math.PI) / 180));
      h.lat = Math.round(clamp(lat, -90, 90) * 1e6) / 1e6;
      h.lon = Math.round(clamp(lon, -180, 180) * 1e6) / 1e6;
    }
  }

  /** Monthly household income (THB): lognormal around a median that grows with the number of working-age members. */
  private income(drafts: Draft[], kind: HouseholdKind, opts: HouseholdOptions): number {
    const rng = this.rng;
    if (rng.chance(0.01)) return 0;
    const earners = drafts.filter((d) => d.age >= 18 && d.age < 65).length;
    const elders = drafts.filter((d) => d.age >= 60).length;
    let median = earners > 0 ? 8000 + 6000 * earners : 3000 + 900 * elders; // old-age allowance, children's support
    if (kind === 'migrant') median *= 0.75;
    if (opts.railwaySide) median *= 0.6;
    if (opts.urban) median *= 1.25;
    return Math.round(rng.lognormal(median, 0.75) / 100) * 100;
  }

  private uuid(): string {
    const msecs = this.epochMs + this.records++;
    return uuidv7({ msecs, random: this.rng.fill(this.uuidRandom) });
  }
}

/** A deterministic generator: the same seed and options give the same households, in the same order. */
export function createGenerator(seed: Seed, opts: GeneratorOptions = {}): Generator {
  return new HouseholdGenerator(seed, opts);
}

/** Full years between an ISO birth date and an ISO reference date. */
export function ageOn(birthDate: string, referenceDate: string): number {
  const [by, bm, bd] = birthDate.split('-').map(Number) as [number, number, number];
  const [ry, rm, rd] = referenceDate.split('-').map(Number) as [number, number, number];
  return ry - by - (rm < bm || (rm === bm && rd < bd) ? 1 : 0);
}
