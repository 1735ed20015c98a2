/**
 * Partner organisations of the network. Everyone signed in may list them
 * (referrals need the names); system admins create and deactivate; an
 * organisation's own admins may edit it.
 */
import { v7 as uuidv7 } from 'uuid';
import type { Db, Sql } from '../../db/index.js';
import { notFound, problem } from '../../http/problems.js';
import { actorOf } from '../accounts/service.js';
import { authorize } from '../accounts/policy.js';
import type { Principal } from '../accounts/types.js';
import * as audit from '../audit/service.js';
import { forgetBasisCache } from '../registry/policy.js';
import { LEGAL_BASES } from '../../lib/legalBases.js';

export const ORGANIZATION_KINDS = ['foundation', 'municipality', 'division', 'university', 'hospital', 'ngo', 'association', 'government', 'community', 'other'] as const;
export type OrganizationKind = (typeof ORGANIZATION_KINDS)[number];

interface OrgRow {
  id: string;
  parentId: string | null;
  nameTh: string;
  nameEn: string;
  kind: OrganizationKind;
  areaCode: string | null;
  sensitiveBasis: string | null;
  active: boolean;
  createdAt: Date;
  updatedAt: Date;
}

/** The legal bases an organisation may record for health data: the registry's list. */
export { LEGAL_BASES };

export interface OrganizationView {
  id: string;
  nameTh: string;
  nameEn: string;
  kind: OrganizationKind;
  parentId: string | null;
  areaCode: string | null;
  /** Legal basis to process sensitive (health, disability) data, or null: without one its staff never see them. */
  sensitiveBasis: string | null;
  active: boolean;
  createdAt: string;
  updatedAt: string;
}

function present(o: OrgRow): OrganizationView {
  return {
    id: o.id,
    nameTh: o.nameTh,
    nameEn: o.nameEn,
    kind: o.kind,
    parentId: o.parentId,
    areaCode: o.areaCode,
    sensitiveBasis: o.sensitiveBasis,
    active: o.active,
    createdAt: o.createdAt.toISOString(),
    updatedAt: o.updatedAt.toISOString(),
  };
}

const NOT_FOUND = { en: 'organisation', th: 'องค์กร' };

async function row(db: Db, id: string, lock = false): Promise<OrgRow> {
  const [o] = await db<OrgRow[]>`select * from organizations where id = ${id} ${lock ? db`for update` : db``}`;
  if (!o) throw notFound(NOT_FOUND, id);
  return o;
}

export async function list(sql: Sql, opts: { includeInactive: boolean }): Promise<OrganizationView[]> {
  const rows = await sql<OrgRow[]>`
    select * from organizations ${opts.includeInactive ? sql`` : sql`where active`}
    order by name_th`;
  return rows.map(present);
}

export async function get(sql: Sql, id: string): Promise<OrganizationView> {
  return present(await row(sql, id));
}

export interface OrganizationInput {
  nameTh: string;
  nameEn: string;
  kind?: OrganizationKind | undefined;
  parentId?: string | null | undefined;
  areaCode?: string | null | undefined;
  sensitiveBasis?: (typeof LEGAL_BASES)[number] | null | undefined;
}

async function checkParent(db: Db, id: string | null, parentId: string | null | undefined): Promise<void> {
  if (!parentId) return;
  // Walk up from the new parent: reaching `id` would make a cycle.
  const [cycle] = await db<{ hit: boolean }[]>`
    with recursive up as (
      select id, parent_id from organizations where id = ${parentId}
      union all
      select o.id, o.parent_id from organizations o join up on o.id = up.parent_id
    )
    select exists (select 1 from up where id = ${id}) as hit`;
  if (id && cycle?.hit) {
    throw problem('validation_failed', {
      detail: 'An organisation cannot be placed under itself',
      detailTh: 'ไม่สามารถกำหนดองค์กรให้อยู่ภายใต้ตัวเองได้',
      errors: [{ field: 'parentId', message: 'would make a cycle', messageTh: 'ทำให้เกิดวงวน' }],
    });
  }
}

export async function create(sql: Sql, p: Principal, input: OrganizationInput): Promise<OrganizationView> {
  authorize(p, { do: 'organization.create' });
  return sql.begin(async (tx) => {
    const [o] = await tx<OrgRow[]>`
      insert into organizations (id, name_th, name_en, kind, parent_id, area_code, sensitive_basis)
      values (${uuidv7()}, ${input.nameTh.trim()}, ${input.nameEn.trim()}, ${input.kind ?? 'other'}, ${input.parentId ?? null}, ${input.areaCode ?? null}, ${input.sensitiveBasis ?? null})
      returning *`;
    const view = present(o!);
    await audit.record(tx, actorOf(p), {
      action: 'organization.create',
      entity: 'organization',
      entityId: view.id,
      changes: { nameTh: view.nameTh, nameEn: view.nameEn, kind: view.kind, parentId: view.parentId, areaCode: view.areaCode },
    });
    return view;
  });
}

export async function update(sql: Sql, p: Principal, id: string, patch: Partial<OrganizationInput>): Promise<OrganizationView> {
  return sql.begin(async (tx) => {
    const before = await row(tx, id, true);
    authorize(p, { do: 'organization.update', organizationId: id });
    if (patch.parentId !== undefined) await checkParent(tx, id, patch.parentId);
    // Granting access to health data is a system admin's decision, not the organisation's own.
    if (patch.sensitiveBasis !== undefined && patch.sensitiveBasis !== before.sensitiveBasis) authorize(p, { do: 'organization.create' });
    const [o] = await tx<OrgRow[]>`
      update organizations set
        name_th = ${patch.nameTh?.trim() ?? before.nameTh},
        name_en = ${patch.nameEn?.trim() ?? before.nameEn},
        kind = ${patch.kind ?? before.kind},
        parent_id = ${patch.parentId === undefined ? before.parentId : patch.parentId},
        area_code = ${patch.areaCode === undefined ? before.areaCode : patch.areaCode},
        sensitive_basis = ${patch.sensitiveBasis === undefined ? before.sensitiveBasis : patch.sensitiveBasis}
      where id = ${id}
      returning *`;
    const after = o!;
    const changes = audit.diff(
      { nameTh: before.nameTh, nameEn: before.nameEn, kind: before.kind, parentId: before.parentId, areaCode: before.areaCode, sensitiveBasis: before.sensitiveBasis },
      { nameTh: after.nameTh, nameEn: after.nameEn, kind: after.kind, parentId: after.parentId, areaCode: after.areaCode, sensitiveBasis: after.sensitiveBasis },
    );
    if (Object.keys(changes).length) {
      await audit.record(tx, actorOf(p), { action: 'organization.update', entity: 'organization', entityId: id, changes });
    }
    forgetBasisCache();
    return present(after);
  });
}

export async function setActive(sql: Sql, p: Principal, id: string, active: boolean): Promise<OrganizationView> {
  return sql.begin(async (tx) => {
    const before = await row(tx, id, true);
    authorize(p, { do: 'organization.deactivate', organizationId: id });
    if (before.active === active) return present(before);
    const [o] = await tx<OrgRow[]>`update organizations set active = ${active} where id = ${id} returning *`;
    await audit.record(tx, actorOf(p), {
      action: active ? 'organization.activate' : 'organization.deactivate',
      entity: 'organization',
      entityId: id,
      changes: { active: { from: before.active, to: active } },
    });
    return present(o!);
  });
}
