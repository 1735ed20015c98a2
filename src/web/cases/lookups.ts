/**
 * Names for ids and codes the care endpoints send bare: organisations,
 * areas, and the members of an organisation (for assigning work). Each is
 * looked up once and kept for the session.
 */
import { useEffect, useState } from 'react';
import { api, ApiError, type Organization, type User } from '../api.js';
import { localName, useLang } from '../lib/lang.js';
import { CASE_TYPES, casesApi, type CaseTypeDef } from './api.js';
import { label, useCasesT } from './i18n.js';

let organizations: Promise<Organization[]> | null = null;

function loadOrganizations(): Promise<Organization[]> {
  organizations ??= api.organizations(true).catch((err: unknown) => {
    organizations = null;
    throw err;
  });
  return organizations;
}

/** Every organisation of the network (inactive ones too, for names in old records). */
export function useOrganizations(): { list: Organization[]; byId: Map<string, Organization>; error: unknown } {
  const [list, setList] = useState<Organization[]>([]);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    let live = true;
    loadOrganizations()
      .then((l) => live && setList(l))
      .catch((err: unknown) => live && setError(err));
    return () => {
      live = false;
    };
  }, []);
  return { list, byId: new Map(list.map((o) => [o.id, o])), error };
}

const memberCache = new Map<string, Promise<User[]>>();

/**
 * Active members of an organisation, for choosing an assignee or a driver.
 * The server lists users to those who manage users only (`enabled`): anyone
 * else gets an empty list (and chooses between themselves and nobody).
 */
export function useOrgMembers(orgId: string | null | undefined, enabled: boolean): User[] {
  const [members, setMembers] = useState<User[]>([]);
  useEffect(() => {
    if (!orgId || !enabled) {
      setMembers([]);
      return;
    }
    let live = true;
    let hit = memberCache.get(orgId);
    if (!hit) {
      hit = api
        .users({ organizationId: orgId, limit: 200 })
        .then((page) => page.items.filter((u) => u.active))
        .catch((err: unknown) => {
          // 403: not an admin of this organisation. Anything else may pass: try again next time.
          if (!(err instanceof ApiError && err.status === 403)) memberCache.delete(orgId);
          return [];
        });
      memberCache.set(orgId, hit);
    }
    void hit.then((list) => live && setMembers(list));
    return () => {
      live = false;
    };
  }, [orgId, enabled]);
  return members;
}

let caseTypes: Promise<CaseTypeDef[]> | null = null;

/** The configured case types (the shipped ones if the list cannot be read). */
export function useCaseTypes(): CaseTypeDef[] {
  const fallback = CASE_TYPES.map((code) => ({ code, nameTh: '', nameEn: '', active: true }));
  const [list, setList] = useState<CaseTypeDef[] | null>(null);
  useEffect(() => {
    let live = true;
    caseTypes ??= casesApi.caseTypes().catch((err: unknown) => {
      caseTypes = null;
      throw err;
    });
    caseTypes.then((l) => live && setList(l)).catch(() => undefined);
    return () => {
      live = false;
    };
  }, []);
  return list ?? fallback;
}

/** The name of a case type: as configured, else the app's own label, else the code. */
export function useTypeLabel(): (code: string) => string {
  const t = useCasesT();
  const lang = useLang();
  const types = useCaseTypes();
  return (code: string) => {
    const def = types.find((d) => d.code === code);
    return def && (def.nameTh || def.nameEn) ? localName(def, lang) : label(t, 'types', code);
  };
}
