/**
 * Who sees and acts on cases. An organisation sees its own cases and the
 * cases referred to it (only the fields shared with it); anyone else gets
 * 404. Volunteers and viewers read; staff act.
 */
import { isSystemAdmin } from '../accounts/policy.js';
import type { Principal, Role } from '../accounts/types.js';

const ACTORS: Role[] = ['org_admin', 'coordinator', 'caseworker', 'system_admin'];

/** Organisations the caller works for. */
export function orgsOf(p: Principal): string[] {
  return [...new Set(p.memberships.map((m) => m.organizationId))];
}

/** Organisations in which the caller may act on cases (not as volunteer or viewer). */
export function actingOrgs(p: Principal): string[] {
  return [...new Set(p.memberships.filter((m) => ACTORS.includes(m.role)).map((m) => m.organizationId))];
}

export function canActFor(p: Principal, orgId: string): boolean {
  return isSystemAdmin(p) || actingOrgs(p).includes(orgId);
}

export const CASE_TRANSITIONS: Record<string, string[]> = {
  open: ['in_progress', 'resolved', 'closed'],
  in_progress: ['open', 'resolved', 'closed'],
  resolved: ['in_progress', 'closed'],
  closed: ['open'],
};

/** Who may move a referral: the receiving organisation decides and completes; the sender may cancel. */
export const REFERRAL_TRANSITIONS: Record<string, { to: string; by: 'to' | 'from' }[]> = {
  pending: [
    { to: 'accepted', by: 'to' },
    { to: 'declined', by: 'to' },
    { to: 'cancelled', by: 'from' },
  ],
  accepted: [
    { to: 'completed', by: 'to' },
    { to: 'cancelled', by: 'from' },
  ],
  declined: [],
  completed: [],
  cancelled: [],
};
