import type { Db, Sql } from '../../db/index.js';
import type { Actor, AuditInput } from './service.js';

export async function append(db: Db, actor: Actor, e: AuditInput): Promise<void> {
  await db`select audit_append(${actor.id}, ${actor.label}, ${e.action}, ${e.entity}, ${e.entityId ?? null},
    ${e.changes ? db.json(e.changes as never) : null}, ${actor.ip ?? null})`;
}

export interface AuditRow {
  seq: number;
  at: Date;
  actorId: string | null;
  actorLabel: string | null;
  action: string;
  entity: string;
  entityId: string | null;
  changes: unknown;
  ip: string | null;
}

export interface AuditFilter {
  entity?: string | undefined;
  entityId?: string | undefined;
  actorId?: string | undefined;
  action?: string | undefined;
  /** Only entries by actors who are members of these organisations (org admins). */
  actorOrganizationIds?: string[] | undefined;
  /** Entries with seq below this (newest first paging). */
  before?: number | undefined;
  limit: number;
}

/** Newest first, keyset-paged on seq. */
export async function list(db: Db, f: AuditFilter): Promise<AuditRow[]> {
  const rows = await db<AuditRow[]>`
    select seq::int8 as seq, at, actor_id, actor_label, action, entity, entity_id, changes, ip
    from audit_log a
    where true
      ${f.entity ? db`and entity = ${f.entity}` : db``}
      ${f.entityId ? db`and entity_id = ${f.entityId}` : db``}
      ${f.actorId ? db`and actor_id = ${f.actorId}` : db``}
      ${f.action ? db`and action like ${f.action.replace(/[%_\\]/g, '\\$&') + '%'}` : db``}
      ${f.before ? db`and seq < ${f.before}` : db``}
      ${
        f.actorOrganizationIds
          ? db`and exists (select 1 from memberships m where m.user_id = a.actor_id and m.organization_id = any(${f.actorOrganizationIds}::uuid[]))`
          : db``
      }
    order by seq desc
    limit ${f.limit}`;
  return rows.map((r) => ({ ...r, seq: Number(r.seq) }));
}

export interface VerifyResult {
  ok: boolean;
  checked: number;
  /** The first seq whose row, link or position is wrong. */
  brokenAt: number | null;
  reason: 'hash_mismatch' | 'link_mismatch' | 'gap' | 'anchor_missing' | null;
}

/**
 * Recomputes the whole chain set-based (one pass with lag()), then checks
 * the last anchor is still there; records a new anchor when all is well.
 */
export async function verify(sql: Sql): Promise<VerifyResult> {
  return sql.begin('isolation level repeatable read', async (tx) => {
    const [bad] = await tx<{ seq: string; reason: VerifyResult['reason'] }[]>`
      select seq, case
          when calc <> hash then 'hash_mismatch'
          when prev_seq is null and seq <> 1 then 'gap'
          when prev_seq is not null and seq <> prev_seq + 1 then 'gap'
          else 'link_mismatch' end as reason
      from (
        select seq, hash, prev_hash,
               lag(seq) over w as prev_seq,
               lag(hash) over w as prev_row_hash,
               sha256(prev_hash || audit_canonical(seq, at, actor_id, actor_label, action, entity, entity_id, changes, ip)) as calc
        from audit_log
        window w as (order by seq)
      ) t
      where calc <> hash
         or (prev_seq is null and (seq <> 1 or prev_hash <> '\\x0000000000000000000000000000000000000000000000000000000000000000'::bytea))
         or (prev_seq is not null and (seq <> prev_seq + 1 or prev_hash <> prev_row_hash))
      order by seq
      limit 1`;
    const [{ n } = { n: '0' }] = await tx<{ n: string }[]>`select count(*) as n from audit_log`;
    const checked = Number(n);
    if (bad) return { ok: false, checked, brokenAt: Number(bad.seq), reason: bad.reason };
    const [anchor] = await tx<{ seq: string; hash: Buffer }[]>`select seq, hash from audit_anchors order by seq desc limit 1`;
    if (anchor) {
      const [row] = await tx<{ hash: Buffer }[]>`select hash from audit_log where seq = ${anchor.seq}`;
      if (!row || !row.hash.equals(anchor.hash)) {
        return { ok: false, checked, brokenAt: Number(anchor.seq), reason: 'anchor_missing' };
      }
    }
    await tx`insert into audit_anchors (seq, hash)
             select seq, hash from audit_log order by seq desc limit 1
             on conflict (seq) do nothing`;
    return { ok: true, checked, brokenAt: null, reason: null };
  });
}
