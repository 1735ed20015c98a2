/**
 * A Songkhla-sized synthetic registry: about 520,000 households and
 * 1.45 million people spread over the province's 127 real subdistricts,
 * weighted like the real population (Hat Yai and Mueang Songkhla heaviest),
 * loaded with COPY.
 *
 * Two streaming passes over the same deterministic generator: the first
 * COPYs the households, the second re-creates the same households (same
 * seed, same ids) and COPYs their members, so the persons' foreign key to
 * households always finds its row and nothing is held in memory but a
 * COPY buffer.
 *
 *   tsx bench/generate.ts [--people N] [--seed S] [--append]
 *
 * against DATABASE_URL (migrated and areas loaded if needed; refuses a
 * database that already has households unless --append) or, without it,
 * a fresh embedded server in bench/.data/ that is stopped afterwards.
 * With --append use another --seed: a seed always makes the same UUIDs
 * (and document numbers are unique within one seed's set only).
 *
 * People are searchable and targetable like real ones: each gets the name
 * keys the registry writes (name_norm, name_key, phonetic_key, latin_key
 * from nameKeys() of src/modules/registry/keys.ts; passport holders a Latin
 * name) and the attributes the indicators read (in school, disability,
 * bedridden, chronic illness, vaccinated, occupation), at Songkhla-like
 * rates: see bench/lib/attributes.ts. `--no-keys` (or BENCH_NAME_KEYS=0)
 * leaves the name keys empty, to measure what computing them costs.
 */
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { connect, type Sql } from '../src/db/index.js';
import { migrate } from '../src/db/migrate.js';
import {
  createGenerator,
  HOUSEHOLD_COLUMNS,
  PERSON_COLUMNS,
  Random,
  Weighted,
  type HouseholdOptions,
  type Seed,
} from '../src/lib/synthetic/index.js';
import { loadReferenceAreas } from '../src/modules/areas/reference.js';
import { Enricher, EXTRA_PERSON_COLUMNS, type EnrichedPerson } from './lib/attributes.js';
import { BENCH_DATA_DIR, freshBenchDatabase } from './lib/db.js';
import { fmtInt, fmtSeconds } from './lib/stats.js';

export const DEFAULT_PEOPLE = 1_450_000;
export const DEFAULT_SEED = 2568;

/**
 * Districts of Songkhla: registered population (DOPA, rounded, mid-2020s),
 * share of Malay-Muslim households and of migrant-worker households.
 */
const DISTRICTS: Record<string, { people: number; muslim: number; migrant: number }> = {
  '9001': { people: 175_000, muslim: 0.3, migrant: 0.03 }, // Mueang Songkhla
  '9002': { people: 50_000, muslim: 0.1, migrant: 0.01 }, // Sathing Phra
  '9003': { people: 105_000, muslim: 0.75, migrant: 0.04 }, // Chana
  '9004': { people: 65_000, muslim: 0.6, migrant: 0.02 }, // Na Thawi
  '9005': { people: 75_000, muslim: 0.6, migrant: 0.02 }, // Thepha
  '9006': { people: 70_000, muslim: 0.7, migrant: 0.02 }, // Saba Yoi
  '9007': { people: 65_000, muslim: 0.03, migrant: 0.01 }, // Ranot
  '9008': { people: 16_000, muslim: 0.05, migrant: 0.01 }, // Krasae Sin
  '9009': { people: 70_000, muslim: 0.3, migrant: 0.02 }, // Rattaphum
  '9010': { people: 130_000, muslim: 0.35, migrant: 0.08 }, // Sadao: border, rubber, many Myanmar workers
  '9011': { people: 410_000, muslim: 0.2, migrant: 0.045 }, // Hat Yai
  '9012': { people: 30_000, muslim: 0.2, migrant: 0.02 }, // Na Mom
  '9013': { people: 38_000, muslim: 0.3, migrant: 0.02 }, // Khuan Niang
  '9014': { people: 30_000, muslim: 0.2, migrant: 0.03 }, // Bang Klam
  '9015': { people: 90_000, muslim: 0.45, migrant: 0.03 }, // Singhanakhon
  '9016': { people: 30_000, muslim: 0.3, migrant: 0.03 }, // Khlong Hoi Khong
};

/** Town subdistricts: relative weight within their district, urban households. */
const TOWNS: Record<string, number> = {
  '901101': 8, // Hat Yai city
  '901104': 2.5, // Kho Hong
  '901105': 2, // Khlong Hae
  '900101': 4, // Bo Yang: Songkhla city
  '900102': 2, // Khao Rup Chang
  '901001': 2, // Sadao town
  '901007': 2, // Padang Besar
};
/** Subdistricts with communities on State Railway land, and the share of their households living there. */
const RAILWAY: Record<string, number> = { '901101': 0.06, '900101': 0.06, '901104': 0.03 };

interface AreaRow {
  code: string;
  lat: number | null;
  lon: number | null;
}

interface Plan {
  code: string;
  opts: HouseholdOptions;
  railwayOpts: HouseholdOptions | undefined;
  railwayShare: number;
}

/** Reads Songkhla's subdistricts and gives each a weight and generator options. */
async function plan(sql: Sql, seed: Seed): Promise<Weighted<Plan>> {
  const areas = await sql<AreaRow[]>`
    select code, lat, lon from areas where level = 'subdistrict' and code like '90%' and active order by code`;
  if (areas.length === 0) throw new Error("no Songkhla subdistricts in areas: load the reference areas first (loadReferenceAreas)");
  const byDistrict = new Map<string, AreaRow[]>();
  for (const a of areas) byDistrict.set(a.code.slice(0, 4), [...(byDistrict.get(a.code.slice(0, 4)) ?? []), a]);
  // Subdistrict sizes vary: a fixed lognormal factor per subdistrict, from the seed.
  const rng = new Random(`${String(seed)}:subdistricts`);
  const entries: Array<[Plan, number]> = [];
  for (const [district, subs] of byDistrict) {
    const d = DISTRICTS[district] ?? { people: 20_000, muslim: 0.3, migrant: 0.03 };
    const located = subs.filter((s) => s.lat !== null && s.lon !== null);
    const fallback = located.length
      ? { lat: located.reduce((x, s) => x + s.lat!, 0) / located.length, lon: located.reduce((x, s) => x + s.lon!, 0) / located.length }
      : null;
    const raw = subs.map((s) => (TOWNS[s.code] ?? (s.code.endsWith('01') ? 1.5 : 1)) * rng.lognormal(1, 0.4));
    const sum = raw.reduce((a, b) => a + b, 0);
    subs.forEach((s, i) => {
      const urban = s.code in TOWNS;
      const centre = s.lat !== null && s.lon !== null ? { lat: s.lat, lon: s.lon } : fallback;
      const opts: HouseholdOptions = { centre, radiusKm: urban ? 1.2 : 3, urban, muslimShare: d.muslim, migrantShare: d.migrant };
      const railwayShare = RAILWAY[s.code] ?? 0;
      entries.push([{ code: s.code, opts, railwayOpts: railwayShare ? { ...opts, railwaySide: true, radiusKm: 0.4 } : undefined, railwayShare }, (d.people * raw[i]!) / sum]);
    });
  }
  return new Weighted(entries);
}

const COPY_ESCAPE = /[\\\t\n\r]/;
const COPY_ESCAPE_ALL = /[\\\t\n\r]/g;
const ESCAPES: Record<string, string> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' };

/** One value in COPY text format. */
export function copyValue(v: string | number | boolean | null | undefined): string {
  if (v === null || v === undefined) return '\\N';
  if (typeof v !== 'string') return String(v);
  return COPY_ESCAPE.test(v) ? v.replace(COPY_ESCAPE_ALL, (c) => ESCAPES[c]!) : v;
}

/** One COPY text line (tab-separated, newline-terminated). */
export function copyLine(values: ReadonlyArray<string | number | boolean | null | undefined>): string {
  let line = '';
  for (let i = 0; i < values.length; i++) line += (i ? '\t' : '') + copyValue(values[i]);
  return line + '\n';
}

export interface GenerateOptions {
  people?: number;
  seed?: Seed;
  /** Progress lines; default console.log. */
  log?: (line: string) => void;
  /** Compute the name keys (default true; BENCH_NAME_KEYS=0 turns them off). */
  nameKeys?: boolean;
  /** The day ages are taken on for the age-dependent attributes (default today in Thailand). */
  attributesAsOf?: string;
}

export interface GenerateResult {
  households: number;
  people: number;
  householdSeconds: number;
  personSeconds: number;
  /**
   * Seconds from the last row sent to the end of each COPY: the server
   * checks the foreign keys of COPYed rows (area_code, household_id) in one
   * go at the end of the statement, so this is mostly those checks.
   */
  householdTailSeconds: number;
  personTailSeconds: number;
  seconds: number;
  householdsPerSecond: number;
  peoplePerSecond: number;
  /** Whether the name keys were computed, and the seconds spent in nameKeys(). */
  nameKeys?: boolean;
  nameKeySeconds?: number;
}

const CHUNK = 1 << 18; // characters per write to the COPY stream

/**
 * Generates and loads the Songkhla data set into `households` and `persons`.
 * Deterministic for a seed (ids included), streamed with backpressure.
 */
export async function generateSongkhla(sql: Sql, opts: GenerateOptions = {}): Promise<GenerateResult> {
  const target = opts.people ?? DEFAULT_PEOPLE;
  const seed = opts.seed ?? DEFAULT_SEED;
  const log = opts.log ?? ((line: string) => console.log(line));
  const withKeys = opts.nameKeys ?? process.env.BENCH_NAME_KEYS !== '0';
  const areas = await plan(sql, seed);
  const t0 = performance.now();

  /** The same household sequence on every call: areas and households from the seed. */
  function* households() {
    const gen = createGenerator(seed);
    const pick = new Random(`${String(seed)}:areas`);
    while (gen.counts.people < target) {
      const p = areas.sample(pick);
      const opts = p.railwayOpts && pick.chance(p.railwayShare) ? p.railwayOpts : p.opts;
      yield { ...gen.household(p.code, opts), urban: opts.urban === true || opts.railwaySide === true };
    }
  }

  let progressAt = performance.now();
  const progress = (what: string, rows: number, since: number) => {
    const now = performance.now();
    if (now - progressAt < 5000) return;
    progressAt = now;
    log(`  … ${what}: ${fmtInt(rows)} rows, ${fmtInt(rows / ((now - since) / 1000))} rows/s`);
  };

  // Pass 1: households.
  let householdCount = 0;
  function* householdChunks() {
    let buf = '';
    for (const { household: h } of households()) {
      buf += copyLine(HOUSEHOLD_COLUMNS.map((c) => h[c]));
      householdCount++;
      if (buf.length >= CHUNK) {
        yield buf;
        buf = '';
        progress('households', householdCount, t0);
      }
    }
    if (buf) yield buf;
    householdsSent = performance.now();
  }
  let householdsSent = 0;
  const hCopy = await sql.unsafe(`copy households (${HOUSEHOLD_COLUMNS.join(', ')}) from stdin`).writable();
  await pipeline(Readable.from(householdChunks()), hCopy);
  const t1 = performance.now();
  const householdSeconds = (t1 - t0) / 1000;
  const householdTailSeconds = (t1 - householdsSent) / 1000;
  log(
    `  households: ${fmtInt(householdCount)} rows in ${fmtSeconds(householdSeconds)} s (${fmtInt(householdCount / householdSeconds)} rows/s; ` +
      `the last ${fmtSeconds(householdTailSeconds)} s after the last row was sent: end-of-COPY foreign-key checks and commit)`,
  );

  // Pass 2: the same households again, their members this time, with their
  // name keys and attributes (bench/lib/attributes.ts).
  const enricher = new Enricher(seed, opts.attributesAsOf);
  const personColumns = [...PERSON_COLUMNS, ...EXTRA_PERSON_COLUMNS] as const;
  let personCount = 0;
  function* personChunks() {
    let buf = '';
    for (const { members, urban } of households()) {
      for (const m of enricher.household(members, urban, withKeys)) buf += copyLine(personColumns.map((c: keyof EnrichedPerson) => m[c]));
      personCount += members.length;
      if (buf.length >= CHUNK) {
        yield buf;
        buf = '';
        progress('persons', personCount, t1);
      }
    }
    if (buf) yield buf;
    personsSent = performance.now();
  }
  let personsSent = 0;
  const pCopy = await sql.unsafe(`copy persons (${personColumns.join(', ')}) from stdin`).writable();
  await pipeline(Readable.from(personChunks()), pCopy);
  const t2 = performance.now();
  const personSeconds = (t2 - t1) / 1000;
  const personTailSeconds = (t2 - personsSent) / 1000;
  const nameKeySeconds = enricher.nameKeyMs / 1000;
  log(
    `  persons: ${fmtInt(personCount)} rows in ${fmtSeconds(personSeconds)} s (${fmtInt(personCount / personSeconds)} rows/s; ` +
      `the last ${fmtSeconds(personTailSeconds)} s after the last row was sent: end-of-COPY foreign-key checks and commit); ` +
      (withKeys ? `name keys computed in ${fmtSeconds(nameKeySeconds)} s of it` : 'name keys NOT computed (BENCH_NAME_KEYS=0)'),
  );

  const seconds = (t2 - t0) / 1000;
  log(`  total: ${fmtInt(householdCount + personCount)} rows in ${fmtSeconds(seconds)} s`);
  return {
    households: householdCount,
    people: personCount,
    householdSeconds,
    personSeconds,
    householdTailSeconds,
    personTailSeconds,
    seconds,
    householdsPerSecond: householdCount / householdSeconds,
    peoplePerSecond: personCount / personSeconds,
    nameKeys: withKeys,
    nameKeySeconds,
  };
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      people: { type: 'string' },
      seed: { type: 'string' },
      append: { type: 'boolean', default: false },
      'no-keys': { type: 'boolean', default: false },
    },
  });
  const people = values.people === undefined ? DEFAULT_PEOPLE : Number(values.people.replace(/_/g, ''));
  if (!Number.isInteger(people) || people <= 0) throw new Error(`--people must be a positive integer, got ${values.people}`);
  const seed: Seed = values.seed === undefined ? DEFAULT_SEED : /^[0-9]+$/.test(values.seed) ? Number(values.seed) : values.seed;

  let sql: Sql;
  let close: () => Promise<void>;
  const external = process.env.DATABASE_URL;
  if (external) {
    sql = connect(external, { max: 4, applicationName: 'ruamjai-generate' });
    close = () => sql.end({ timeout: 5 });
    await migrate(sql);
    await loadReferenceAreas(sql);
    const [existing] = await sql<{ n: number }[]>`select count(*)::int as n from (select 1 from households limit 1) h`;
    if (existing && existing.n > 0 && !values.append) {
      await close();
      throw new Error('this database already has households; pass --append to add a synthetic set anyway');
    }
    console.log(`generating ${fmtInt(people)} people into DATABASE_URL (seed ${String(seed)})`);
  } else {
    const db = await freshBenchDatabase(BENCH_DATA_DIR);
    sql = db.sql;
    close = () => db.close();
    console.log(`fresh embedded PostgreSQL in ${BENCH_DATA_DIR} ready in ${fmtSeconds(db.setupSeconds)} s; generating ${fmtInt(people)} people (seed ${String(seed)})`);
  }
  try {
    const r = await generateSongkhla(sql, { people, seed, ...(values['no-keys'] ? { nameKeys: false } : {}) });
    console.log(
      `loaded ${fmtInt(r.households)} households (${fmtInt(r.householdsPerSecond)}/s) and ${fmtInt(r.people)} people (${fmtInt(r.peoplePerSecond)}/s) in ${fmtSeconds(r.seconds)} s`,
    );
  } finally {
    await close();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((err: unknown) => {
    console.error(err instanceof Error ? err.message : err);
    process.exitCode = 1;
  });
}
