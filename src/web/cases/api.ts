/**
 * The care-coordination endpoints (src/modules/cases, src/modules/notifications):
 * cases and their timeline, referrals between organisations, patient
 * transport, home care, supplies and the in-app notifications.
 */
import { request, withQuery, type Me, type Page } from '../api.js';

/** The case types the app ships with: the fallback when the configured list cannot be read. */
export const CASE_TYPES = [
  'help_request',
  'referral',
  'screening_follow_up',
  'transport',
  'home_care',
  'supplies',
  'education',
  'legal_status',
  'housing',
  'other',
] as const;
export type CaseType = (typeof CASE_TYPES)[number];

export const CASE_STATUSES = ['open', 'in_progress', 'resolved', 'closed'] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];

export const PRIORITIES = ['low', 'normal', 'high', 'urgent'] as const;
export type Priority = (typeof PRIORITIES)[number];

export const REFERRAL_STATUSES = ['pending', 'accepted', 'declined', 'completed', 'cancelled'] as const;
export type ReferralStatus = (typeof REFERRAL_STATUSES)[number];

import type { LegalBasis } from '../../lib/legalBases.js';
export { LEGAL_BASES, type LegalBasis } from '../../lib/legalBases.js';

/** How often lists that others change (notifications, the driver's trips) are asked for again. */
export const POLL_MS = 60_000;

/** Status changes that must say why (the server answers 400 without a reason). */
export const NEEDS_REASON: readonly string[] = ['resolved', 'closed'];

/** Roles that act on cases (volunteers and viewers read). Mirrors src/modules/cases/policy.ts. */
const ACTING_ROLES = ['system_admin', 'org_admin', 'coordinator', 'caseworker'];

/** Organisations in which the user may act (open cases, refer, decide on referrals). */
export function actingOrgIds(me: Me): string[] {
  return [...new Set(me.memberships.filter((m) => ACTING_ROLES.includes(m.role)).map((m) => m.organizationId))];
}

export function isSystemAdmin(me: Me): boolean {
  return me.memberships.some((m) => m.role === 'system_admin');
}

export function canActFor(me: Me, orgId: string): boolean {
  return isSystemAdmin(me) || actingOrgIds(me).includes(orgId);
}

export function memberOrgIds(me: Me): string[] {
  return [...new Set(me.memberships.map((m) => m.organizationId))];
}

export interface CaseSummary {
  id: string;
  subjectType: 'person' | 'household';
  subjectId: string;
  areaCode: string;
  type: string;
  status: string;
  statusReason: string | null;
  priority: string;
  ownerOrg: string;
  assignee: string | null;
  due: string | null;
  title: string | null;
  source: string;
  overdue: boolean;
  createdAt: string;
  updatedAt?: string;
}

export interface CaseReferral {
  id: string;
  fromOrg: string;
  toOrg: string;
  reason: string;
  sharedFields: string[];
  legalBasis: string;
  status: string;
  decisionReason: string | null;
  outcome: string | null;
  dueAt: string;
  createdAt: string;
  overdue: boolean;
}

export type EventKind = 'opened' | 'note' | 'status' | 'visit' | 'assignment' | 'referral';

export interface CaseEvent {
  id: string;
  /** An EventKind; other kinds the server may add are shown by name. */
  kind: string;
  body: string | null;
  data: Record<string, unknown> | null;
  byUser: string | null;
  byName: string | null;
  at: string;
}

export interface CaseDetail extends CaseSummary {
  /** The person or household; for a receiving organisation only the fields shared with it. */
  subject: Record<string, unknown> | null;
  access: 'owner' | 'referral';
  referrals: CaseReferral[];
  events: CaseEvent[];
  allowedTransitions: string[];
}

export interface NewCase {
  subjectType: 'person' | 'household';
  subjectId: string;
  type: string;
  priority?: Priority;
  ownerOrg?: string;
  assignee?: string;
  due?: string;
  title?: string;
}

export type NewEvent =
  | { kind: 'note'; body: string }
  | { kind: 'visit'; body?: string; data?: Record<string, unknown> }
  | { kind: 'status'; status: string; reason?: string }
  | { kind: 'assignment'; assignee: string | null };

export interface CaseFilters {
  status?: string | undefined;
  assignee?: string | undefined;
  area?: string | undefined;
  type?: string | undefined;
  overdue?: boolean | undefined;
  limit?: number | undefined;
  cursor?: string | null | undefined;
}

export interface ReferralSummary {
  id: string;
  caseId: string;
  fromOrg: string;
  toOrg: string;
  reason: string;
  status: string;
  dueAt: string;
  createdAt: string;
  overdue: boolean;
}

export interface NewReferral {
  toOrg: string;
  reason: string;
  sharedFields: string[];
  legalBasis?: LegalBasis;
}

/** A person as the registry search lists them (only what the pickers use). */
export interface PersonHit {
  id: string;
  firstName: string;
  lastName: string | null;
  age: number | null;
  sex: string | null;
  areaCode: string;
  houseNo?: string | null;
}

/** A case type as configured on the server (GET /case-types). */
export interface CaseTypeDef {
  code: string;
  nameTh: string;
  nameEn: string;
  active: boolean;
}

export interface Notification {
  id: string;
  kind: string;
  titleTh: string;
  titleEn: string;
  link: string | null;
  createdAt: string;
  readAt: string | null;
}

export interface NotificationList {
  unread: number;
  items: Notification[];
}

const enc = encodeURIComponent;
type Opt = { signal?: AbortSignal };
const sig = (signal?: AbortSignal): Opt => (signal ? { signal } : {});

export const casesApi = {
  caseTypes: (signal?: AbortSignal) => request<CaseTypeDef[]>('GET', '/api/v1/case-types', sig(signal)),
  list: (f: CaseFilters, signal?: AbortSignal) =>
    request<Page<CaseSummary>>('GET', withQuery('/api/v1/cases', { ...f, overdue: f.overdue ? 'true' : undefined }), sig(signal)),
  get: (id: string, signal?: AbortSignal) => request<CaseDetail>('GET', `/api/v1/cases/${enc(id)}`, sig(signal)),
  create: (input: NewCase) => request<CaseSummary>('POST', '/api/v1/cases', { body: input }),
  addEvent: (id: string, ev: NewEvent) => request<CaseDetail>('POST', `/api/v1/cases/${enc(id)}/events`, { body: ev }),
  refer: (id: string, input: NewReferral) => request<{ id: string }>('POST', `/api/v1/cases/${enc(id)}/referrals`, { body: input }),
  referrals: (direction: 'in' | 'out', status?: string, signal?: AbortSignal) =>
    request<ReferralSummary[]>('GET', withQuery('/api/v1/referrals', { direction, status }), sig(signal)),
  moveReferral: (id: string, step: 'accept' | 'decline' | 'complete' | 'cancel', text?: string) =>
    request<{ id: string; caseId: string; status: string }>('POST', `/api/v1/referrals/${enc(id)}/${step}`, {
      body: step === 'complete' ? { outcome: text } : text ? { reason: text } : {},
    }),

  people: (q: string, signal?: AbortSignal) =>
    request<Page<PersonHit>>('GET', withQuery('/api/v1/people', { q, limit: 10 }), sig(signal)),

  notifications: (signal?: AbortSignal) => request<NotificationList>('GET', withQuery('/api/v1/notifications', { limit: 30 }), sig(signal)),
  readNotification: (id: string) => request<{ read: number }>('POST', `/api/v1/notifications/${enc(id)}/read`),
  readAllNotifications: () => request<{ read: number }>('POST', '/api/v1/notifications/read-all'),
};
