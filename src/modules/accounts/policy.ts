/**
 * Who may do what with accounts, organisations and areas: the one place
 * these rules live. Routes call `authorize(...)`; queries take the scope
 * from `areaPrefixes(...)`, so the area filter is part of the SQL.
 */
import { problem } from '../../http/problems.js';
import type { Membership, Principal, Role } from './types.js';

export function isSystemAdmin(p: Principal): boolean {
  return p.memberships.some((m) => m.role === 'system_admin');
}

/** Organisations where the caller is an org admin. */
export function adminOrganizations(p: Principal): string[] {
  return p.memberships.filter((m) => m.role === 'org_admin').map((m) => m.organizationId);
}

/** The area code prefixes the caller may see; null means everything. */
export function areaPrefixes(p: Principal): string[] | null {
  if (isSystemAdmin(p)) return null;
  const scopes = [...new Set(p.memberships.map((m) => m.areaScope))];
  if (scopes.includes('TH')) return null;
  // Drop scopes inside another scope: '9011' is covered by '90'.
  return scopes.filter((s) => !scopes.some((o) => o !== s && s.startsWith(o)));
}

/** True when `code` lies inside one of the prefixes (the country root only for country-wide callers). */
export function inScope(prefixes: string[] | null, code: string): boolean {
  return prefixes === null || prefixes.some((p) => code.startsWith(p));
}

/** True when `code` is in scope or on the path down to a scope (so the areas browser can reach it). */
export function canSeeArea(prefixes: string[] | null, code: string): boolean {
  if (prefixes === null || code === 'TH') return true;
  return prefixes.some((p) => code.startsWith(p) || p.startsWith(code));
}

function areaWithin(scope: string, outer: string): boolean {
  return outer === 'TH' || scope.startsWith(outer);
}

export type Action =
  | { do: 'organization.create' }
  | { do: 'organization.update'; organizationId: string }
  | { do: 'organization.deactivate'; organizationId: string }
  | { do: 'user.list' }
  | { do: 'user.manage'; targetMemberships: Pick<Membership, 'organizationId'>[] }
  | { do: 'membership.grant'; membership: { organizationId: string; role: Role; areaScope: string } }
  | { do: 'area.manage'; areaCode: string }
  | { do: 'audit.read' };

/** Whether the caller may do the action. */
export function allowed(p: Principal, a: Action): boolean {
  if (isSystemAdmin(p)) return true;
  const orgAdminOf = adminOrganizations(p);
  switch (a.do) {
    case 'organization.create':
    case 'organization.deactivate':
      return false;
    case 'organization.update':
      return orgAdminOf.includes(a.organizationId);
    case 'user.list':
    case 'audit.read':
      return orgAdminOf.length > 0;
    case 'user.manage':
      // An org admin manages people whose every membership is in an organisation they administer,
      // so they cannot take over an account of another organisation.
      return orgAdminOf.length > 0 && a.targetMemberships.every((m) => orgAdminOf.includes(m.organizationId));
    case 'membership.grant': {
      const { organizationId, role, areaScope } = a.membership;
      if (role === 'system_admin') return false;
      return p.memberships.some(
        (m) => m.role === 'org_admin' && m.organizationId === organizationId && areaWithin(areaScope, m.areaScope),
      );
    }
    case 'area.manage':
      return p.memberships.some(
        (m) => (m.role === 'org_admin' || m.role === 'coordinator') && areaWithin(a.areaCode, m.areaScope),
      );
  }
}

/** Throws 403 unless allowed. */
export function authorize(p: Principal, a: Action): void {
  if (!allowed(p, a)) {
    throw problem('forbidden', {
      detail: `Your role does not allow ${a.do}`,
      detailTh: 'บทบาทของคุณไม่อนุญาตให้ทำรายการนี้',
    });
  }
}

export function permissionsOf(p: Principal) {
  return {
    manageUsers: allowed(p, { do: 'user.list' }),
    manageOrganizations: isSystemAdmin(p) || adminOrganizations(p).length > 0,
    manageAreas: isSystemAdmin(p) || p.memberships.some((m) => m.role === 'org_admin' || m.role === 'coordinator'),
    readAudit: allowed(p, { do: 'audit.read' }),
  };
}
