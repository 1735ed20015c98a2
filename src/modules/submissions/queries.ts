/** SQL of submissions: filtered, scoped lists and streams. */
import type { Db } from '../../db/index.js';

export interface SubmissionFilter {
  formPk: string;
  from?: Date | undefined;
  to?: Date | undefined;
  submitterId?: string | undefined;
  reviewState?: string | undefined;
  /** Area code prefix filter chosen by the caller. */
  area?: string | undefined;
  /** Field equality filters: data path ("hh/income") → value. */
  fields?: [string, string][] | undefined;
  /** Set for volunteers: only their own submissions. */
  onlySubmitter?: string | undefined;
  /** Caller's scope prefixes (null: everything). Submissions with an area outside it are hidden. */
  scopePrefixes: string[] | null;
}

export function where(db: Db, f: SubmissionFilter) {
  return db`
    s.form_pk = ${f.formPk} and s.current
    ${f.from ? db`and s.received_at >= ${f.from}` : db``}
    ${f.to ? db`and s.received_at < ${f.to}` : db``}
    ${f.submitterId ? db`and s.submitter_id = ${f.submitterId}` : db``}
    ${f.onlySubmitter ? db`and s.submitter_id = ${f.onlySubmitter}` : db``}
    ${f.reviewState ? db`and s.review_state = ${f.reviewState}` : db``}
    ${f.area ? db`and s.area_code like ${f.area + '%'}` : db``}
    ${f.scopePrefixes ? db`and (s.area_code is null or s.area_code like any(${f.scopePrefixes.map((p) => p + '%')}::text[]))` : db``}
    ${(f.fields ?? []).reduce((acc, [path, value]) => db`${acc} and s.data #>> ${path.split('/')}::text[] = ${value}`, db``)}`;
}

export interface SubmissionRow {
  id: string;
  instanceId: string;
  rootId: string;
  deprecatedId: string | null;
  instanceName: string | null;
  data: Record<string, unknown>;
  submitterId: string | null;
  submitterName: string | null;
  deviceId: string | null;
  receivedAt: Date;
  reviewState: string;
  reviewComment: string | null;
  issues: unknown[];
  areaCode: string | null;
  attachmentsExpected: number;
  attachmentsPresent: number;
  formVersion: string;
  edits: number;
}

export const ROW_COLUMNS = (db: Db) => db`
  s.id, s.instance_id, s.root_id, s.deprecated_id, s.instance_name, s.data, s.submitter_id, u.display_name as submitter_name,
  s.device_id, s.received_at, s.review_state, s.review_comment, s.issues, s.area_code, s.attachments_expected,
  s.attachments_present, v.version as form_version,
  -- an original is its own root: only edited submissions need counting
  case when s.root_id = s.instance_id then 0 else (select count(*)::int - 1 from submissions h where h.root_id = s.root_id) end as edits`;

export async function page(db: Db, f: SubmissionFilter, limit: number, before?: { at: Date; id: string }): Promise<SubmissionRow[]> {
  return db<SubmissionRow[]>`
    select ${ROW_COLUMNS(db)}
    from submissions s
    join form_versions v on v.id = s.form_version_id
    left join users u on u.id = s.submitter_id
    where ${where(db, f)}
      ${before ? db`and (s.received_at, s.id) < (${before.at}, ${before.id})` : db``}
    order by s.received_at desc, s.id desc
    limit ${limit}`;
}
