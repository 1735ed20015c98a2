/**
 * Loads Thailand's provinces, districts and subdistricts (DOPA codes, Thai
 * and English names, subdistrict coordinates and postcodes) from the
 * MIT-licensed kongvut/thai-province-data set carried in ./data.
 *
 * Run after the SQL migrations; recorded in schema_migrations under a data
 * name so it runs once per data version. One set-based upsert.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Sql } from '../../db/index.js';

const DATA_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), 'data', 'thai-geography');
/** Bump when the data set in ./data changes. */
export const REFERENCE_VERSION = 'data:thai-geography@9711e72';
/** Local-government units listed as districts in the source; they are not districts and have no subdistricts. */
const NOT_DISTRICTS = new Set([7074, 9077]);

interface SourceRow {
  id: number;
  name_th: string;
  name_en: string;
  deleted_at: string | null;
}
interface SourceDistrict extends SourceRow {
  province_id: number;
}
interface SourceSubdistrict extends SourceRow {
  district_id: number;
  zip_code: number | null;
  lat: number | null;
  long: number | null;
}

export interface AreaSeedRow {
  code: string;
  parent_code: string;
  level: 'province' | 'district' | 'subdistrict';
  name_th: string;
  name_en: string;
  postcode: string | null;
  lat: number | null;
  lon: number | null;
}

async function readJson<T>(name: string): Promise<T> {
  return JSON.parse(await readFile(path.join(DATA_DIR, name), 'utf8')) as T;
}

/** Turns the source files into area rows, parents before children. */
export async function referenceAreas(): Promise<AreaSeedRow[]> {
  const [provinces, districts, subdistricts] = await Promise.all([
    readJson<SourceRow[]>('provinces.json'),
    readJson<SourceDistrict[]>('districts.json'),
    readJson<SourceSubdistrict[]>('sub_districts.json'),
  ]);
  const liveDistricts = districts.filter((d) => !d.deleted_at && !NOT_DISTRICTS.has(d.id));
  // The source numbers provinces 1..77; the DOPA code is the first two digits of its districts.
  const provinceCode = new Map<number, string>();
  for (const d of liveDistricts) provinceCode.set(d.province_id, String(d.id).slice(0, 2));
  const rows: AreaSeedRow[] = [];
  for (const p of provinces) {
    const code = provinceCode.get(p.id);
    if (p.deleted_at || !code) continue;
    rows.push({ code, parent_code: 'TH', level: 'province', name_th: p.name_th.trim(), name_en: p.name_en.trim(), postcode: null, lat: null, lon: null });
  }
  for (const d of liveDistricts) {
    const code = String(d.id);
    rows.push({ code, parent_code: code.slice(0, 2), level: 'district', name_th: d.name_th.trim(), name_en: d.name_en.trim(), postcode: null, lat: null, lon: null });
  }
  const districtCodes = new Set(liveDistricts.map((d) => String(d.id)));
  for (const s of subdistricts) {
    const code = String(s.id);
    if (s.deleted_at || !districtCodes.has(code.slice(0, 4))) continue;
    rows.push({
      code,
      parent_code: code.slice(0, 4),
      level: 'subdistrict',
      name_th: s.name_th.trim(),
      name_en: s.name_en.trim(),
      postcode: s.zip_code ? String(s.zip_code) : null,
      lat: s.lat,
      lon: s.long,
    });
  }
  return rows;
}

/** Loads the reference areas once per data version; returns true when it ran. */
export async function loadReferenceAreas(sql: Sql): Promise<boolean> {
  const [done] = await sql`select 1 as x from schema_migrations where name = ${REFERENCE_VERSION}`;
  if (done) return false;
  const rows = await referenceAreas();
  await sql.begin(async (tx) => {
    await tx`select pg_advisory_xact_lock(7245601)`;
    const [again] = await tx`select 1 as x from schema_migrations where name = ${REFERENCE_VERSION}`;
    if (again) return;
    // Rows are ordered parents first, and the FK is checked per statement, so one insert is enough.
    await tx`
      insert into areas (code, parent_code, level, name_th, name_en, postcode, lat, lon, source)
      select code, parent_code, level, name_th, name_en, postcode, lat, lon, 'dopa'
      from json_to_recordset(${tx.json(rows as never)}::json)
        as r(code text, parent_code text, level text, name_th text, name_en text, postcode text, lat float8, lon float8)
      on conflict (code) do update set
        name_th = excluded.name_th, name_en = excluded.name_en, postcode = excluded.postcode,
        lat = excluded.lat, lon = excluded.lon, active = true
      where (areas.name_th, areas.name_en, areas.postcode, areas.lat, areas.lon)
        is distinct from (excluded.name_th, excluded.name_en, excluded.postcode, excluded.lat, excluded.lon)`;
    await tx`insert into schema_migrations (name, checksum) values (${REFERENCE_VERSION}, ${String(rows.length)})`;
  });
  return true;
}
