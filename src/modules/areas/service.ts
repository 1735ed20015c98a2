/**
 * The area hierarchy as each caller may see it: their scope subtrees, plus
 * the path down to them so the areas browser can reach them.
 */
import type { Sql } from '../../db/index.js';
import { notFound, problem } from '../../http/problems.js';
import { areaPrefixes, authorize, canSeeArea } from '../accounts/policy.js';
import { actorOf } from '../accounts/service.js';
import type { Principal } from '../accounts/types.js';
import * as audit from '../audit/service.js';

export const AREA_LEVELS = ['country', 'province', 'district', 'subdistrict', 'village', 'community'] as const;
export type AreaLevel = (typeof AREA_LEVELS)[number];

export interface AreaSummary {
  code: string;
  nameTh: string;
  nameEn: string;
  level: AreaLevel;
}

export interface AreaDetail extends AreaSummary {
  parentCode: string | null;
  postcode: string | null;
  lat: number | null;
  lon: number | null;
  source: 'dopa' | 'local';
  childCount: number;
  hasGeometry: boolean;
  ancestors: AreaSummary[];
}

const NOT_FOUND = { en: 'area', th: 'พื้นที่' };

/** The codes above an area, top first: every DOPA code starts with its parent's code. */
export function ancestorCodes(code: string): string[] {
  if (code === 'TH') return [];
  const [base = '', local] = code.split('-');
  const out = ['TH'];
  for (const n of [2, 4, 6]) if (base.length > n || (local !== undefined && base.length === n)) out.push(base.slice(0, n));
  return out;
}

/** SQL filter: areas in scope or on the way down to a scope. */
function visible(sql: Sql, prefixes: string[] | null) {
  if (prefixes === null) return sql`true`;
  return sql`(a.code = 'TH'
    or a.code like any(${prefixes.map((p) => p + '%')}::text[])
    or exists (select 1 from unnest(${prefixes}::text[]) s where s like a.code || '%'))`;
}

/** Children of `parent` (the top areas the caller can see when parent is omitted). */
export async function children(sql: Sql, p: Principal, parent?: string): Promise<AreaSummary[]> {
  const prefixes = areaPrefixes(p);
  if (parent !== undefined) {
    if (!canSeeArea(prefixes, parent)) throw notFound(NOT_FOUND, parent);
    const [exists] = await sql`select 1 as x from areas where code = ${parent}`;
    if (!exists) throw notFound(NOT_FOUND, parent);
  }
  return sql<AreaSummary[]>`
    select a.code, a.name_th, a.name_en, a.level
    from areas a
    where a.parent_code = ${parent ?? 'TH'} and a.active and ${visible(sql, prefixes)}
    order by a.code`;
}

export async function get(sql: Sql, p: Principal, code: string): Promise<AreaDetail> {
  if (!canSeeArea(areaPrefixes(p), code)) throw notFound(NOT_FOUND, code);
  const [a] = await sql<(Omit<AreaDetail, 'ancestors'> & { childCount: string })[]>`
    select a.code, a.name_th, a.name_en, a.level, a.parent_code, a.postcode, a.lat, a.lon, a.source,
           (select count(*) from areas c where c.parent_code = a.code and c.active) as child_count,
           a.geometry is not null as has_geometry
    from areas a where a.code = ${code}`;
  if (!a) throw notFound(NOT_FOUND, code);
  const codes = ancestorCodes(code);
  const ancestors = await sql<AreaSummary[]>`
    select code, name_th, name_en, level from areas
    where code = any(${codes}::text[])
    order by array_position(${codes}::text[], code)`;
  return { ...a, childCount: Number(a.childCount), ancestors };
}

export async function geometry(sql: Sql, p: Principal, code: string): Promise<unknown> {
  if (!canSeeArea(areaPrefixes(p), code)) throw notFound(NOT_FOUND, code);
  const [a] = await sql<{ geometry: unknown }[]>`select geometry from areas where code = ${code}`;
  if (!a?.geometry) throw notFound({ en: 'geometry of area', th: 'ขอบเขตของพื้นที่' }, code);
  return a.geometry;
}

export interface CommunityInput {
  localCode: string;
  nameTh: string;
  nameEn: string;
  lat?: number | undefined;
  lon?: number | undefined;
  geometry?: unknown;
}

/** Adds an urban community (ชุมชน) under a subdistrict, with a local code. */
export async function createCommunity(sql: Sql, p: Principal, subdistrict: string, input: CommunityInput): Promise<AreaDetail> {
  authorize(p, { do: 'area.manage', areaCode: subdistrict });
  const [parent] = await sql<{ level: string }[]>`select level from areas where code = ${subdistrict}`;
  if (!parent) throw notFound(NOT_FOUND, subdistrict);
  if (parent.level !== 'subdistrict') {
    throw problem('validation_failed', {
      detail: `Communities belong under a subdistrict; ${subdistrict} is a ${parent.level}`,
      detailTh: `ชุมชนต้องอยู่ภายใต้ตำบล/แขวง แต่ ${subdistrict} ไม่ใช่ตำบล`,
    });
  }
  const code = `${subdistrict}-${input.localCode}`;
  await sql.begin(async (tx) => {
    await tx`insert into areas (code, parent_code, level, name_th, name_en, lat, lon, geometry, source)
             values (${code}, ${subdistrict}, 'community', ${input.nameTh.trim()}, ${input.nameEn.trim()},
                     ${input.lat ?? null}, ${input.lon ?? null}, ${input.geometry ? tx.json(input.geometry as never) : null}, 'local')`;
    await audit.record(tx, actorOf(p), {
      action: 'area.create',
      entity: 'area',
      entityId: code,
      changes: { nameTh: input.nameTh, nameEn: input.nameEn, lat: input.lat ?? null, lon: input.lon ?? null },
    });
  });
  return get(sql, p, code);
}
