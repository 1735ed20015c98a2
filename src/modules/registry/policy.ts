/**
 * Who sees what in the registry. Area scope limits every list and record;
 * sensitive (health, disability) properties are shown only to staff roles
 * of an organisation with a legal basis to process them (PDPA s.26).
 */
import type { Sql } from '../../db/index.js';
import { isSystemAdmin } from '../accounts/policy.js';
import type { Principal, Role } from '../accounts/types.js';

const STAFF: Role[] = ['org_admin', 'coordinator', 'caseworker'];

/** Organisations with a recorded legal basis for sensitive data, cached briefly. */
let basisCache: { at: number; ids: Set<string> } | undefined;

export async function organizationsWithBasis(sql: Sql): Promise<Set<string>> {
  if (basisCache && Date.now() - basisCache.at < 5_000) return basisCache.ids;
  const rows = await sql<{ id: string }[]>`select id from organizations where sensitive_basis is not null and active`;
  basisCache = { at: Date.now(), ids: new Set(rows.map((r) => r.id)) };
  return basisCache.ids;
}

export function forgetBasisCache(): void {
  basisCache = undefined;
}

export async function canSeeSensitive(sql: Sql, p: Principal): Promise<boolean> {
  if (isSystemAdmin(p)) return true;
  const withBasis = await organizationsWithBasis(sql);
  return p.memberships.some((m) => STAFF.includes(m.role) && withBasis.has(m.organizationId));
}

/** Volunteers and staff record people; viewers only read. */
export function canEditRegistry(p: Principal): boolean {
  return isSystemAdmin(p) || p.memberships.some((m) => m.role !== 'viewer');
}

/** Imports of official lists and linkage decisions: coordinators and admins. */
export function canManageRegistry(p: Principal): boolean {
  return isSystemAdmin(p) || p.memberships.some((m) => m.role === 'org_admin' || m.role === 'coordinator');
}
