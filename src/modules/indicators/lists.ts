/**
 * Targeting lists: people or households flagged by chosen indicators, a
 * dimension, or in at least N of the five dimensions, in an area subtree;
 * paged JSON for the web app, streamed CSV/XLSX for partners.
 */
import { PassThrough, Readable } from 'node:stream';
import { stringify } from 'csv-stringify/sync';
import ExcelJS from 'exceljs';
import type { Sql } from '../../db/index.js';
import { notFound } from '../../http/problems.js';
import { areaPrefixes, canSeeArea } from '../accounts/policy.js';
import { actorOf } from '../accounts/service.js';
import type { Principal } from '../accounts/types.js';
import * as audit from '../audit/service.js';
import { canSeeSensitive } from '../registry/policy.js';
import { ageOn } from '../registry/properties.js';

export interface ListFilter {
  target: 'person' | 'household';
  indicators?: string[] | undefined;
  dimension?: string | undefined;
  minDimensions: number;
  area?: string | undefined;
  /** Only those flagged with no open case yet. */
  notReached?: boolean | undefined;
}

interface Row {
  subjectId: string;
  codes: string[];
  dims: number;
  evidence: Record<string, unknown>;
  areaCode: string;
  firstName: string | null;
  lastName: string | null;
  sex: string | null;
  birthDate: string | null;
  birthYear: number | null;
  houseNo: string | null;
  community: string | null;
}

async function query(sql: Sql, p: Principal, f: ListFilter) {
  const prefixes = areaPrefixes(p);
  if (f.area === 'TH') f = { ...f, area: undefined };
  if (f.area && !canSeeArea(prefixes, f.area)) throw notFound({ en: 'area', th: 'พื้นที่' }, f.area);
  const sensitive = await canSeeSensitive(sql, p);
  const scope = prefixes === null ? sql`true` : sql`f.area_code like any(${prefixes.map((s) => s + '%')}::text[])`;
  const subject =
    f.target === 'person'
      ? sql`left join persons p on p.id = s.subject_id left join households h on h.id = p.household_id`
      : sql`left join households h on h.id = s.subject_id left join persons p on false`;
  return (after: string | null, limit: number | null) => sql<Row[]>`
    with f as (
      select f.subject_id, f.area_code, i.code, i.dimension, f.evidence
      from flags f join indicators i on i.id = f.indicator_id
      where f.until is null and i.active and i.target = ${f.target} and f.area_code like ${(f.area ?? '') + '%'} and ${scope}
        ${f.indicators?.length ? sql`and i.code = any(${f.indicators}::text[])` : sql``}
        ${f.dimension ? sql`and i.dimension = ${f.dimension}` : sql``}
        ${sensitive ? sql`` : sql`and not i.sensitive`}
    ), s as (
      select subject_id, min(area_code) as area_code, array_agg(code order by code) as codes, count(distinct dimension)::int as dims,
             jsonb_object_agg(code, evidence) as evidence
      from f group by subject_id
      having count(distinct dimension) >= ${f.minDimensions}
    )
    select s.subject_id, s.codes, s.dims, s.evidence, s.area_code, p.first_name, p.last_name, p.sex, p.birth_date::text as birth_date, p.birth_year,
           h.house_no, h.community
    from s ${subject}
    where true ${after ? sql`and s.subject_id > ${after}` : sql``}
      ${f.notReached ? sql`and not exists (select 1 from cases c where c.subject_id = s.subject_id and c.status in ('open', 'in_progress'))` : sql``}
    order by s.subject_id
    ${limit ? sql`limit ${limit}` : sql``}`;
}

function present(r: Row) {
  return {
    id: r.subjectId,
    areaCode: r.areaCode,
    indicators: r.codes,
    dimensions: r.dims,
    evidence: r.evidence,
    firstName: r.firstName,
    lastName: r.lastName,
    sex: r.sex,
    age: ageOn(r.birthDate, r.birthYear),
    houseNo: r.houseNo,
    community: r.community,
  };
}

export async function listPage(sql: Sql, p: Principal, f: ListFilter, page: { limit: number; cursor?: string | undefined }) {
  const run = await query(sql, p, f);
  const rows = await run(page.cursor ? Buffer.from(page.cursor, 'base64url').toString() : null, page.limit + 1);
  const items = rows.slice(0, page.limit);
  const last = items[items.length - 1];
  return { items: items.map(present), nextCursor: rows.length > page.limit && last ? Buffer.from(last.subjectId).toString('base64url') : null };
}

const HEADERS = ['id', 'areaCode', 'firstName', 'lastName', 'sex', 'age', 'houseNo', 'community', 'dimensions', 'indicators', 'evidence'];

/** The whole list as CSV (UTF-8 with BOM) or XLSX, streamed page by page; the export is audited. */
export async function listExport(sql: Sql, p: Principal, f: ListFilter, format: 'csv' | 'xlsx'): Promise<{ stream: Readable; contentType: string; filename: string }> {
  const run = await query(sql, p, f);
  await sql.begin((tx) => audit.record(tx, actorOf(p), { action: 'targeting.export', entity: 'targeting', entityId: f.area ?? 'TH', changes: { ...f, format } }));
  async function* pages(): AsyncGenerator<ReturnType<typeof present>[]> {
    let after: string | null = null;
    for (;;) {
      const rows = await run(after, 5000);
      if (!rows.length) return;
      yield rows.map(present);
      after = rows[rows.length - 1]!.subjectId;
    }
  }
  const cells = (r: ReturnType<typeof present>) => [r.id, r.areaCode, r.firstName ?? '', r.lastName ?? '', r.sex ?? '', r.age ?? '', r.houseNo ?? '', r.community ?? '', r.dimensions, r.indicators.join(' '), JSON.stringify(r.evidence)];
  const name = `targeting-${f.area ?? 'TH'}`;
  if (format === 'csv') {
    async function* csv(): AsyncGenerator<string> {
      yield '\uFEFF' + stringify([HEADERS]);
      for await (const page of pages()) yield stringify(page.map(cells));
    }
    return { stream: Readable.from(csv()), contentType: 'text/csv; charset=utf-8', filename: `${name}.csv` };
  }
  const out = new PassThrough();
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: false, useSharedStrings: false });
  void (async () => {
    try {
      const sheet = wb.addWorksheet('targeting');
      sheet.addRow(HEADERS).commit();
      for await (const page of pages()) for (const r of page) sheet.addRow(cells(r)).commit();
      sheet.commit();
      await wb.commit();
    } catch (err) {
      out.destroy(err as Error);
    }
  })();
  return { stream: out, contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', filename: `${name}.xlsx` };
}
