/**
 * The typed HTTP client of the web app. Every call goes through `request`:
 * same-origin cookies, JSON in and out, RFC 9457 problem bodies turned into
 * ApiError, and a 401 handed to the handler the app installs (which sends
 * the user to /login).
 */

export type Locale = 'th' | 'en';

export const ROLES = ['system_admin', 'org_admin', 'coordinator', 'caseworker', 'volunteer', 'viewer'] as const;
export type Role = (typeof ROLES)[number];

export const AREA_LEVELS = ['country', 'province', 'district', 'subdistrict', 'village', 'community'] as const;
export type AreaLevel = (typeof AREA_LEVELS)[number];

export const ORGANIZATION_KINDS = [
  'foundation',
  'municipality',
  'division',
  'university',
  'hospital',
  'ngo',
  'association',
  'government',
  'community',
  'other',
] as const;
export type OrganizationKind = (typeof ORGANIZATION_KINDS)[number];

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
  childCount: number;
  ancestors: AreaSummary[];
}

export interface Permissions {
  manageUsers: boolean;
  manageOrganizations: boolean;
  manageAreas: boolean;
  readAudit: boolean;
}

export interface MeMembership {
  id: string;
  organizationId: string;
  organization: { id: string; nameTh: string; nameEn: string };
  role: Role;
  areaScope: string;
  area: AreaSummary;
}

export interface Me {
  id: string;
  email: string;
  displayName: string;
  locale: Locale;
  memberships: MeMembership[];
  permissions: Permissions;
}

export interface LoginResult {
  user: { id: string; email: string; displayName: string; locale: Locale };
  memberships: unknown[];
}

export interface Organization {
  id: string;
  nameTh: string;
  nameEn: string;
  kind: OrganizationKind;
  parentId: string | null;
  areaCode: string | null;
  active: boolean;
  createdAt: string;
  updatedAt: string;
}

export interface OrganizationInput {
  nameTh: string;
  nameEn: string;
  kind?: OrganizationKind;
  parentId?: string | null;
  areaCode?: string | null;
}

export interface MembershipInput {
  organizationId: string;
  role: Role;
  areaScope: string;
}

export interface Membership extends MembershipInput {
  id: string;
}

export interface User {
  id: string;
  email: string;
  displayName: string;
  locale: Locale;
  active: boolean;
  lastLoginAt: string | null;
  createdAt: string;
  memberships: Membership[];
}

export interface UserCreate {
  email: string;
  displayName: string;
  password: string;
  locale?: Locale;
  memberships: MembershipInput[];
}

export interface UserPatch {
  displayName?: string;
  locale?: Locale;
  password?: string;
  memberships?: MembershipInput[];
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export interface AuditEntry {
  seq: number | string;
  at: string;
  actorId: string | null;
  actorLabel: string | null;
  action: string;
  entity: string;
  entityId: string | null;
  changes: unknown;
  ip: string | null;
}

export interface AuditVerifyResult {
  ok: boolean;
  checked: number;
  brokenAt: number | null;
  message: string;
  messageTh: string;
}

export interface CommunityInput {
  localCode: string;
  nameTh: string;
  nameEn: string;
  lat?: number;
  lon?: number;
}

/** One field error of a problem body. */
export interface FieldProblem {
  field: string;
  message: string;
  messageTh?: string;
}

/** An RFC 9457 problem body as the server sends it, with Thai texts. */
export interface Problem {
  type?: string;
  title: string;
  status: number;
  detail?: string;
  code?: string;
  titleTh?: string;
  detailTh?: string;
  errors?: FieldProblem[];
}

/** Why a call failed: a problem from the server, another HTTP error, or the network. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly problem: Problem | null,
    /** Seconds from a Retry-After header (429), if any. */
    readonly retryAfter: number | null = null,
  ) {
    super(problem?.detail ?? problem?.title ?? (status === 0 ? 'network error' : `HTTP ${status}`));
    this.name = 'ApiError';
  }
}

type UnauthorizedHandler = () => void;
let unauthorizedHandler: UnauthorizedHandler | null = null;

/** Installs what happens on a 401 (the app clears the session and goes to /login). */
export function onUnauthorized(handler: UnauthorizedHandler | null): void {
  unauthorizedHandler = handler;
}

/** Runs the 401 handler (for calls made without `request`, e.g. the outbox sender). */
export function notifyUnauthorized(): void {
  unauthorizedHandler?.();
}

function isProblem(value: unknown): value is Problem {
  return typeof value === 'object' && value !== null && typeof (value as { title?: unknown }).title === 'string';
}

function parseRetryAfter(header: string | null): number | null {
  if (!header) return null;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.max(0, Math.ceil(seconds));
  const when = Date.parse(header);
  return Number.isNaN(when) ? null : Math.max(0, Math.ceil((when - Date.now()) / 1000));
}

interface RequestOptions {
  body?: unknown;
  /** A body sent as is (FormData for uploads, XML text): no JSON. */
  rawBody?: BodyInit;
  /** Content-Type of rawBody (left out for FormData: the browser sets the boundary). */
  contentType?: string;
  /** Do not run the 401 handler (the login form shows its own error). */
  skipUnauthorizedHandler?: boolean;
  signal?: AbortSignal;
}

export type Query = Record<string, string | number | boolean | null | undefined>;

export function withQuery(path: string, query?: Query): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) {
    if (v === undefined || v === null || v === '' || v === false) continue;
    params.set(k, String(v));
  }
  const qs = params.toString();
  return qs ? `${path}?${qs}` : path;
}

export async function request<T>(method: string, path: string, options: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json, application/problem+json' };
  const init: RequestInit = { method, credentials: 'same-origin', headers };
  // Every write carries a JSON body ({} when there is nothing to say): the
  // server may insist on application/json for writes (a CSRF defence), and an
  // empty body with that content type is an error for Fastify.
  if (options.rawBody !== undefined) {
    if (options.contentType) headers['Content-Type'] = options.contentType;
    init.body = options.rawBody;
  } else if (options.body !== undefined || (method !== 'GET' && method !== 'HEAD')) {
    headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(options.body ?? {});
  }
  if (options.signal) init.signal = options.signal;

  let res: Response;
  try {
    res = await fetch(path, init);
  } catch (err) {
    if (err instanceof DOMException && err.name === 'AbortError') throw err;
    throw new ApiError(0, null);
  }

  if (res.status === 204) return undefined as T;
  const text = await res.text();
  let data: unknown = undefined;
  if (text) {
    try {
      data = JSON.parse(text) as unknown;
    } catch {
      data = undefined;
    }
  }
  if (res.ok) return data as T;

  if (res.status === 401 && !options.skipUnauthorizedHandler) unauthorizedHandler?.();
  throw new ApiError(res.status, isProblem(data) ? data : null, parseRetryAfter(res.headers.get('Retry-After')));
}

const enc = encodeURIComponent;

export const api = {
  login: (email: string, password: string) =>
    request<LoginResult>('POST', '/api/v1/auth/login', { body: { email, password }, skipUnauthorizedHandler: true }),
  logout: () => request<void>('POST', '/api/v1/auth/logout', { skipUnauthorizedHandler: true }),
  me: (signal?: AbortSignal) =>
    request<Me>('GET', '/api/v1/me', { skipUnauthorizedHandler: true, ...(signal ? { signal } : {}) }),
  updateMe: (patch: { displayName?: string; locale?: Locale }) => request<Me>('PATCH', '/api/v1/me', { body: patch }),

  areas: (parent?: string) => request<AreaSummary[]>('GET', withQuery('/api/v1/areas', { parent })),
  area: (code: string, signal?: AbortSignal) =>
    request<AreaDetail>('GET', `/api/v1/areas/${enc(code)}`, signal ? { signal } : {}),
  addCommunity: (subdistrict: string, input: CommunityInput) =>
    request<AreaDetail>('POST', `/api/v1/areas/${enc(subdistrict)}/communities`, { body: input }),

  organizations: (includeInactive = false) =>
    request<Organization[]>('GET', withQuery('/api/v1/organizations', { includeInactive })),
  organization: (id: string) => request<Organization>('GET', `/api/v1/organizations/${enc(id)}`),
  createOrganization: (input: OrganizationInput) =>
    request<Organization>('POST', '/api/v1/organizations', { body: input }),
  updateOrganization: (id: string, input: Partial<OrganizationInput>) =>
    request<Organization>('PATCH', `/api/v1/organizations/${enc(id)}`, { body: input }),
  setOrganizationActive: (id: string, active: boolean) =>
    request<Organization>('POST', `/api/v1/organizations/${enc(id)}/${active ? 'activate' : 'deactivate'}`),

  users: (query: { q?: string; organizationId?: string; includeInactive?: boolean; limit?: number; cursor?: string | null }) =>
    request<Page<User>>('GET', withQuery('/api/v1/users', query)),
  user: (id: string) => request<User>('GET', `/api/v1/users/${enc(id)}`),
  createUser: (input: UserCreate) => request<User>('POST', '/api/v1/users', { body: input }),
  updateUser: (id: string, patch: UserPatch) => request<User>('PATCH', `/api/v1/users/${enc(id)}`, { body: patch }),
  setUserActive: (id: string, active: boolean) =>
    request<User>('POST', `/api/v1/users/${enc(id)}/${active ? 'activate' : 'deactivate'}`),

  audit: (query: {
    entity?: string;
    entityId?: string;
    actorId?: string;
    action?: string;
    limit?: number;
    cursor?: string | null;
  }) => request<Page<AuditEntry>>('GET', withQuery('/api/v1/audit', query)),
  verifyAudit: () => request<AuditVerifyResult>('POST', '/api/v1/audit/verify'),
};
