/**
 * Official lists (civil registry extracts, welfare cards, disability
 * registry, school rolls) into the registry: a CSV with a header row and a
 * mapping from its columns to the property vocabulary.
 *
 * Every line is checked first; a rejected line means nothing is stored
 * (unless `partial`). Valid lines go into a temporary table by COPY and
 * become households and people in a few set-based statements, in one
 * transaction. A person is found again by the list's key for the line, or
 * by an identical valid national ID (the only automatic match); a line
 * whose values are already stored changes nothing, so re-importing the
 * same file is a no-op.
 */
import { createHash } from 'node:crypto';
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import { parse } from 'csv-parse';
import { v7 as uuidv7 } from 'uuid';
import type { Sql } from '../../db/index.js';
import { problem } from '../../http/problems.js';
import { actorOf } from '../accounts/service.js';
import type { Principal } from '../accounts/types.js';
import * as audit from '../audit/service.js';
import { refreshSubjects } from '../indicators/evaluate.js';
import { nameKeys } from './keys.js';
import { checkValues, HOUSEHOLD_PROPERTIES, PERSON_PROPERTIES, PROPERTIES, type FieldError } from './properties.js';

export interface ImportResult {
  importId: string | null;
  inserted: number;
  updated: number;
  unchanged: number;
  rejected: { line: number; errors: FieldError[] }[];
}

/** Columns of the staging table, in COPY order. */
const PERSON_COLS = PERSON_PROPERTIES.map((p) => PROPERTIES[p]!.column);
const HOUSEHOLD_COLS = HOUSEHOLD_PROPERTIES.map((p) => PROPERTIES[p]!.column);
const STAGE_COLS = ['line', 'row_key', 'hh_ref', 'supplied', 'name_norm', 'name_key', 'phonetic_key', 'latin_key', ...PERSON_COLS.map((c) => `p_${c}`), ...HOUSEHOLD_COLS.map((c) => `h_${c}`)];

function copyText(v: string | number | null | undefined): string {
  if (v === null || v === undefined || v === '') return '\\N';
  return String(v).replace(/\\/g, '\\\\').replace(/\t/g, '\\t').replace(/\n/g, '\\n').replace(/\r/g, '\\r');
}

export interface ImportOptions {
  /** Name of the list (e.g. "welfare-card-2568"); keys of its lines are remembered per source. Default: the file name. */
  source?: string | undefined;
  partial: boolean;
}

export async function importPeople(
  sql: Sql,
  p: Principal,
  file: { filename: string; data: Buffer },
  mapping: Record<string, string>,
  opts: ImportOptions,
): Promise<ImportResult> {
  // The mapping: CSV column → property name.
  const badMapping = Object.entries(mapping).filter(([, prop]) => !(prop in PROPERTIES));
  if (badMapping.length) {
    throw problem('validation_failed', {
      detail: 'The mapping names unknown properties',
      detailTh: 'การจับคู่คอลัมน์อ้างถึงคุณสมบัติที่ไม่รู้จัก',
      errors: badMapping.map(([col, prop]) => ({ field: `mapping.${col}`, message: `unknown property "${prop}"`, messageTh: `ไม่รู้จักคุณสมบัติ "${prop}"` })),
    });
  }
  const source = (opts.source ?? file.filename).trim() || file.filename;
  const fileHash = createHash('sha256').update(file.data).digest('hex');

  // 1. Read and check every line (in memory: the rows as compact arrays).
  const rejected: ImportResult['rejected'] = [];
  const stage: string[] = [];
  let header: string[] | undefined;
  let columnIndex: [number, string][] = [];
  const parser = parse({ bom: true, relax_column_count: true, skip_empty_lines: true, info: true, trim: true });
  await pipeline(Readable.from([file.data]), parser, async (records: AsyncIterable<{ record: string[]; info: { lines: number } }>) => {
    for await (const { record, info } of records) {
      if (!header) {
        header = record;
        const missing = Object.keys(mapping).filter((c) => !header!.includes(c));
        if (missing.length) {
          throw problem('validation_failed', {
            detail: `The CSV has no column ${missing.map((m) => `"${m}"`).join(', ')} named in the mapping`,
            detailTh: `ไฟล์ CSV ไม่มีคอลัมน์ ${missing.map((m) => `"${m}"`).join(', ')} ที่ระบุในการจับคู่`,
            errors: missing.map((m) => ({ field: `mapping.${m}`, message: 'no such column in line 1', messageTh: 'ไม่มีคอลัมน์นี้ในบรรทัดที่ 1' })),
          });
        }
        columnIndex = Object.entries(mapping).map(([col, prop]) => [header!.indexOf(col), prop]);
        continue;
      }
      const raw: Record<string, string> = {};
      for (const [i, prop] of columnIndex) {
        const v = record[i] ?? '';
        if (v !== '') raw[prop] = v;
      }
      const { values, errors } = checkValues(raw);
      if (!values.firstName) errors.push({ field: 'firstName', message: 'firstName is required', messageTh: 'ต้องระบุชื่อ (firstName)' });
      if (!values.areaCode) errors.push({ field: 'areaCode', message: 'areaCode is required', messageTh: 'ต้องระบุรหัสพื้นที่ (areaCode)' });
      if (errors.length) {
        rejected.push({ line: info.lines, errors });
        continue;
      }
      const hhRef = typeof values.householdRef === 'string' ? values.householdRef : null;
      const idKey = values.idType === 'thai_id' && values.idNumber ? `id:${String(values.idNumber)}` : null;
      const rowKey = idKey ?? `row:${hhRef ?? ''}|${String(values.firstName ?? '')}|${String(values.lastName ?? '')}|${String(values.birthDate ?? values.birthYear ?? '')}`;
      const keys = nameKeys(values.firstName as string, values.lastName as string | null, values.firstNameLatin as string | null, values.lastNameLatin as string | null);
      const supplied = PERSON_PROPERTIES.filter((k) => values[k] !== undefined && values[k] !== null).join(',');
      const cells = [
        info.lines,
        rowKey,
        hhRef ?? `line:${info.lines}`,
        supplied,
        keys.name_norm,
        keys.name_key,
        keys.phonetic_key,
        keys.latin_key,
        ...PERSON_PROPERTIES.map((k) => values[k]),
        ...HOUSEHOLD_PROPERTIES.map((k) => values[k]),
      ];
      stage.push(cells.map(copyText).join('\t'));
    }
  }).catch((err: unknown) => {
    if (err instanceof Error && 'code' in err && String((err as { code: string }).code).startsWith('CSV_')) {
      throw problem('validation_failed', { detail: `The CSV cannot be read: ${err.message}`, detailTh: 'อ่านไฟล์ CSV ไม่ได้' });
    }
    throw err;
  });
  if (!header) throw problem('validation_failed', { detail: 'The file is empty', detailTh: 'ไฟล์ว่างเปล่า' });
  if (rejected.length && !opts.partial) return { importId: null, inserted: 0, updated: 0, unchanged: 0, rejected };

  // 2. Stage by COPY, 3. merge set-based, all in one transaction.
  const importId = uuidv7();
  const counts = await sql.begin(async (tx) => {
    await tx`set local work_mem = '256MB'`;
    await tx.unsafe(`create temp table stage (
      line int, row_key text, hh_ref text, supplied text, name_norm text, name_key text, phonetic_key text, latin_key text,
      ${PERSON_COLS.map((c) => `p_${c} ${c === 'birth_year' ? 'int' : ['birth_date', 'moved_in_on', 'moved_out_on'].includes(c) ? 'date' : 'text'}`).join(', ')},
      ${HOUSEHOLD_COLS.map((c) => `h_${c} ${c === 'lat' || c === 'lon' ? 'float8' : c === 'monthly_income' ? 'numeric' : 'text'}`).join(', ')},
      hh_id uuid, person_id uuid, is_new boolean
    ) on commit drop`);
    const writable = await tx.unsafe(`copy stage (${STAGE_COLS.join(', ')}) from stdin`).writable();
    await pipeline(Readable.from((function* () {
      for (let i = 0; i < stage.length; i += 2000) yield stage.slice(i, i + 2000).join('\n') + '\n';
    })()), writable);
    await tx`analyze stage`;

    // People: this source's key for the line, else an identical valid national ID, else new.
    await tx`update stage s set person_id = k.entity_id from source_keys k
             where k.source = ${source} and k.entity = 'person' and k.key = s.row_key`;
    await tx`update stage s set person_id = p.id from persons p
             where s.person_id is null and s.p_id_type = 'thai_id' and p.id_type = 'thai_id'
               and p.id_number = s.p_id_number and p.merged_into is null`;
    await tx`update stage set person_id = ruamjai_uuidv7(), is_new = true where person_id is null`;
    // Two lines of one file with the same key are one person: the first line makes it.
    await tx`update stage s set person_id = f.person_id, is_new = false
             from (select distinct on (row_key) row_key, person_id, line from stage order by row_key, line) f
             where s.row_key = f.row_key and s.line <> f.line`;
    await tx`insert into source_keys (source, entity, key, entity_id)
             select distinct on (row_key) ${source}, 'person', row_key, person_id from stage order by row_key, line
             on conflict do nothing`;

    // Households: a line with a householdRef belongs to that household of this source;
    // a line without one keeps a known person where they live, else gets a household of its own.
    await tx`update stage s set hh_id = p.household_id from persons p
             where s.hh_ref like 'line:%' and p.id = s.person_id and p.household_id is not null`;
    await tx`
      insert into source_keys (source, entity, key, entity_id)
      select distinct ${source}, 'household', hh_ref, ruamjai_uuidv7() from stage where hh_id is null
      on conflict do nothing`;
    await tx`update stage s set hh_id = k.entity_id from source_keys k
             where s.hh_id is null and k.source = ${source} and k.entity = 'household' and k.key = s.hh_ref`;
    // Every household's values come from its first line that has them.
    await tx.unsafe(`
      insert into households (id, ${HOUSEHOLD_COLS.join(', ')})
      select distinct on (hh_id) hh_id, ${HOUSEHOLD_COLS.map((c) => `h_${c}`).join(', ')}
      from stage s
      where not exists (select 1 from households h where h.id = s.hh_id)
      order by hh_id, line`);
    await tx.unsafe(`
      update households h set ${HOUSEHOLD_COLS.map((c) => `${c} = coalesce(v.h_${c}, h.${c})`).join(', ')}
      from (select distinct on (hh_id) * from stage where hh_ref not like 'line:%' order by hh_id, line) v
      where h.id = v.hh_id
        and (${HOUSEHOLD_COLS.map((c) => `h.${c}`).join(', ')}) is distinct from (${HOUSEHOLD_COLS.map((c) => `coalesce(v.h_${c}, h.${c})`).join(', ')})`);

    // Where known people were before this import (their old areas' counts change too).
    const oldAreas = await tx<{ areaCode: string }[]>`
      select distinct p.area_code from persons p join stage s on s.person_id = p.id`;
    const pcols = PERSON_COLS;
    const inserted = await tx.unsafe(`
      insert into persons (id, household_id, area_code, name_norm, name_key, phonetic_key, latin_key, ${pcols.join(', ')})
      select s.person_id, s.hh_id, coalesce(h.area_code, s.h_area_code), s.name_norm, s.name_key, s.phonetic_key, s.latin_key,
             ${pcols.map((c) => (c === 'id_type' ? `coalesce(s.p_id_type, 'none')` : `s.p_${c}`)).join(', ')}
      from stage s left join households h on h.id = s.hh_id
      where s.is_new
      returning id`);
    const updated = await tx.unsafe(`
      update persons p set
        household_id = s.hh_id,
        area_code = coalesce(hh.area_code, s.h_area_code, p.area_code),
        name_norm = coalesce(s.name_norm, p.name_norm), name_key = coalesce(s.name_key, p.name_key),
        phonetic_key = coalesce(s.phonetic_key, p.phonetic_key), latin_key = coalesce(s.latin_key, p.latin_key),
        ${pcols.map((c) => `${c} = coalesce(s.p_${c}, p.${c})`).join(', ')}
      from stage s left join households hh on hh.id = s.hh_id
      where p.id = s.person_id and s.is_new is not true
        and (p.household_id, ${pcols.map((c) => `p.${c}`).join(', ')}) is distinct from
            (s.hh_id, ${pcols.map((c) => `coalesce(s.p_${c}, p.${c})`).join(', ')})
      returning p.id`);
    const changedIds = [...inserted, ...updated].map((r) => String((r as unknown as { id: string }).id));

    // Provenance: the values this import gave each new or changed record.
    await tx.unsafe(
      `insert into record_sources (entity, entity_id, source_kind, source_id, source_label, "values", recorded_by)
       select 'person', s.person_id, 'import', $1, $2,
              jsonb_strip_nulls(jsonb_build_object(${PERSON_PROPERTIES.map((k) => `'${k}', s.p_${PROPERTIES[k]!.column}`).join(', ')}, 'line', s.line, 'householdRef', s.hh_ref)),
              $3
       from stage s where s.person_id = any($4::uuid[])`,
      [importId, `${source} (${file.filename})`, p.userId, changedIds],
    );
    // Indicators and area counts follow, in the same transaction.
    await refreshSubjects(tx, { persons: changedIds, areas: oldAreas.map((a) => a.areaCode) });
    const total = stage.length;
    await tx`insert into imports (id, kind, source, filename, file_hash, mapping, inserted, updated, unchanged, rejected, created_by)
             values (${importId}, 'people', ${source}, ${file.filename}, ${fileHash}, ${tx.json(mapping)}, ${inserted.length}, ${updated.length},
                     ${total - inserted.length - updated.length}, ${rejected.length}, ${p.userId})`;
    await audit.record(tx, actorOf(p), {
      action: 'registry.import',
      entity: 'import',
      entityId: importId,
      changes: { source, file: file.filename, inserted: inserted.length, updated: updated.length, rejected: rejected.length },
    });
    return { inserted: inserted.length, updated: updated.length, unchanged: total - inserted.length - updated.length };
  });
  return { importId, ...counts, rejected };
}
