/**
 * The forms, submissions and imports endpoints (src/modules/forms,
 * src/modules/submissions): typed calls for the web app.
 */
import { request, withQuery, type Role } from '../api.js';
import type { DataObject } from '../../lib/forms/data.js';
import type { FormDefinition } from '../../lib/forms/model.js';

export const FORM_STATES = ['draft', 'open', 'closing', 'closed'] as const;
export type FormState = (typeof FORM_STATES)[number];

export const REVIEW_STATES = ['received', 'has_issues', 'approved', 'rejected'] as const;
export type ReviewState = (typeof REVIEW_STATES)[number];

export interface AccessEntry {
  organizationId?: string;
  role?: Role;
}

export interface FormSummary {
  formId: string;
  title: string;
  state: FormState;
  version: string | null;
  hash: string | null;
  versions: { version: string; publishedAt: string | null; createdAt: string }[];
  fillAccess: AccessEntry[];
  viewAccess: AccessEntry[];
  ownerOrgId: string | null;
  canFill: boolean;
  canManage: boolean;
  createdAt: string;
  updatedAt: string;
}

export interface DefinitionResponse {
  version: string;
  hash: string;
  definition: FormDefinition;
}

/** One problem of an uploaded XLSForm. */
export interface XlsFormError {
  sheet: string;
  row: number | null;
  column: string | null;
  message: string;
  messageTh: string;
}

export interface SubmissionIssue {
  path: string;
  rule: string;
  message: string;
  messageTh: string;
}

export interface SubmissionRow {
  instanceId: string;
  rootId: string;
  deprecatedId: string | null;
  instanceName: string | null;
  data: DataObject;
  submitterId: string | null;
  submitterName: string | null;
  receivedAt: string;
  reviewState: ReviewState;
  reviewComment: string | null;
  issues: SubmissionIssue[];
  attachmentsExpected: number;
  attachmentsPresent: number;
  formVersion: string;
  edits: number;
}

export interface SubmissionDetail extends SubmissionRow {
  current: boolean;
  xml: string;
  history: { instanceId: string; deprecatedId: string | null; receivedAt: string; current: boolean }[];
  attachments: { name: string; contentType: string; size: number }[];
}

export interface SubmissionQuery {
  from?: string;
  to?: string;
  submitter?: string;
  reviewState?: ReviewState | '';
  /** path=value pairs. */
  fields?: [string, string][];
  limit?: number;
  cursor?: string | null;
}

export interface ImportResult {
  dryRun?: boolean;
  /** Submissions stored (0 in a dry run). */
  inserted: number;
  /** Rows already stored with the same content (importing a file twice adds nothing). */
  unchanged?: number;
  rejected: { sheet?: string; row: number; errors: { column: string | null; message: string; messageTh: string }[] }[];
}

const enc = encodeURIComponent;

function parsed(value: unknown, fallback: unknown): unknown {
  if (typeof value !== 'string') return value ?? fallback;
  try {
    return JSON.parse(value) as unknown;
  } catch {
    return fallback;
  }
}

/** `data` and `issues` as values even when the server sent them as JSON text (seen for edited submissions). */
function withData<T extends { data: unknown; issues: unknown }>(row: T): T {
  const issues = parsed(row.issues, []);
  return { ...row, data: parsed(row.data, {}), issues: Array.isArray(issues) ? issues : [] };
}

/** Query string of a submissions list or export (field filters repeat). */
export function submissionsUrl(formId: string, q: SubmissionQuery, format: 'json' | 'csv' | 'zip' | 'xlsx' = 'json'): string {
  const p = new URLSearchParams();
  if (format !== 'json') p.set('format', format);
  if (q.from) p.set('from', q.from);
  if (q.to) p.set('to', q.to);
  if (q.submitter) p.set('submitter', q.submitter);
  if (q.reviewState) p.set('reviewState', q.reviewState);
  for (const [path, value] of q.fields ?? []) if (path) p.append('field', `${path}=${value}`);
  if (format === 'json' && q.limit) p.set('limit', String(q.limit));
  if (format === 'json' && q.cursor) p.set('cursor', q.cursor);
  const qs = p.toString();
  return `/api/v1/forms/${enc(formId)}/submissions${qs ? `?${qs}` : ''}`;
}

export function attachmentUrl(formId: string, instanceId: string, name: string): string {
  return `/api/v1/forms/${enc(formId)}/submissions/${enc(instanceId)}/attachments/${enc(name)}`;
}

export const formsApi = {
  list: (signal?: AbortSignal) => request<FormSummary[]>('GET', '/api/v1/forms', signal ? { signal } : {}),
  get: (formId: string) => request<FormSummary>('GET', `/api/v1/forms/${enc(formId)}`),
  upload: (file: File, publish: boolean) => {
    const fd = new FormData();
    fd.append('file', file, file.name);
    return request<{ formId: string; version: string; title: string }>('POST', withQuery('/api/v1/forms', { publish: publish ? undefined : 'false' }), { rawBody: fd });
  },
  update: (formId: string, patch: { state?: FormState; fillAccess?: AccessEntry[]; viewAccess?: AccessEntry[] }) =>
    request<FormSummary>('PATCH', `/api/v1/forms/${enc(formId)}`, { body: patch }),
  definition: (formId: string, version?: string, signal?: AbortSignal) =>
    request<DefinitionResponse>('GET', withQuery(`/api/v1/forms/${enc(formId)}/definition`, { version }), signal ? { signal } : {}),
  submissions: async (formId: string, q: SubmissionQuery, signal?: AbortSignal) => {
    const page = await request<{ items: SubmissionRow[]; nextCursor: string | null }>('GET', submissionsUrl(formId, q), signal ? { signal } : {});
    return { ...page, items: page.items.map(withData) };
  },
  submission: async (formId: string, instanceId: string, signal?: AbortSignal) =>
    withData(await request<SubmissionDetail>('GET', `/api/v1/forms/${enc(formId)}/submissions/${enc(instanceId)}`, signal ? { signal } : {})),
  review: (formId: string, instanceId: string, reviewState: ReviewState, comment?: string) =>
    request<{ instanceId: string; reviewState: ReviewState; reviewComment: string | null }>(
      'PATCH',
      `/api/v1/forms/${enc(formId)}/submissions/${enc(instanceId)}`,
      { body: comment ? { reviewState, comment } : { reviewState } },
    ),
  importData: (formId: string, file: File, dryRun: boolean) => {
    const fd = new FormData();
    fd.append('file', file, file.name);
    return request<ImportResult>('POST', withQuery(`/api/v1/forms/${enc(formId)}/imports`, { dryRun: dryRun ? 'true' : undefined }), { rawBody: fd });
  },
};
