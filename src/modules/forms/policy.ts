/**
 * Who may manage, fill and see a form. Access lists hold entries
 * {organizationId?, role?}; an empty list means the whole network.
 */
import { isSystemAdmin } from '../accounts/policy.js';
import type { Principal, Role } from '../accounts/types.js';

export interface AccessEntry {
  organizationId?: string | undefined;
  role?: Role | undefined;
}

export interface FormAccess {
  ownerOrgId: string | null;
  fillAccess: AccessEntry[];
  viewAccess: AccessEntry[];
}

const MANAGER_ROLES: Role[] = ['org_admin', 'coordinator'];

/** Coordinators and org admins publish forms; their organisation then owns them. */
export function canCreateForms(p: Principal): boolean {
  return isSystemAdmin(p) || p.memberships.some((m) => MANAGER_ROLES.includes(m.role));
}

/** Managers of the owning organisation (and system admins) change versions, state and access. */
export function canManageForm(p: Principal, f: FormAccess): boolean {
  if (isSystemAdmin(p)) return true;
  return p.memberships.some((m) => MANAGER_ROLES.includes(m.role) && (f.ownerOrgId === null || m.organizationId === f.ownerOrgId));
}

function matches(p: Principal, list: AccessEntry[]): boolean {
  if (list.length === 0) return true;
  return p.memberships.some((m) =>
    list.some((e) => (e.organizationId === undefined || e.organizationId === m.organizationId) && (e.role === undefined || e.role === m.role)),
  );
}

export function canFillForm(p: Principal, f: FormAccess): boolean {
  if (p.memberships.every((m) => m.role === 'viewer')) return canManageForm(p, f);
  return canManageForm(p, f) || matches(p, f.fillAccess);
}

/** Seeing submissions: managers, the view list; a volunteer sees only their own (enforced in the query). */
export function canViewSubmissions(p: Principal, f: FormAccess): boolean {
  return canManageForm(p, f) || (p.memberships.some((m) => m.role !== 'volunteer') && matches(p, f.viewAccess));
}

/** The organisation a new form belongs to: the first one where the caller manages forms. */
export function owningOrganization(p: Principal): string | null {
  return p.memberships.find((m) => MANAGER_ROLES.includes(m.role) || m.role === 'system_admin')?.organizationId ?? null;
}
