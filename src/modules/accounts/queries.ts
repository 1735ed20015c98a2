/** SQL of users, memberships and sessions. */
import type { Db } from '../../db/index.js';
import type { Membership, Role } from './types.js';

export interface UserRow {
  id: string;
  email: string;
  displayName: string;
  passwordHash: string;
  locale: 'th' | 'en';
  active: boolean;
  credentialsVersion: number;
  lastLoginAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
}

export async function userByEmail(db: Db, email: string): Promise<UserRow | undefined> {
  const [u] = await db<UserRow[]>`select * from users where email = ${email.toLowerCase().trim()}`;
  return u;
}

export async function userById(db: Db, id: string, opts: { forUpdate?: boolean } = {}): Promise<UserRow | undefined> {
  const [u] = await db<UserRow[]>`select * from users where id = ${id} ${opts.forUpdate ? db`for update` : db``}`;
  return u;
}

export async function membershipsOf(db: Db, userIds: string[]): Promise<Map<string, Membership[]>> {
  const rows = await db<(Membership & { userId: string })[]>`
    select id, user_id, organization_id, role, area_scope from memberships
    where user_id = any(${userIds}::uuid[])
    order by user_id, created_at, id`;
  const out = new Map<string, Membership[]>(userIds.map((id) => [id, []]));
  for (const { userId, ...m } of rows) out.get(userId)?.push(m);
  return out;
}

export async function insertUser(
  db: Db,
  u: { id: string; email: string; displayName: string; passwordHash: string; locale: 'th' | 'en' },
): Promise<UserRow> {
  const [row] = await db<UserRow[]>`
    insert into users (id, email, display_name, password_hash, locale)
    values (${u.id}, ${u.email}, ${u.displayName}, ${u.passwordHash}, ${u.locale})
    returning *`;
  return row!;
}

export async function updateUser(
  db: Db,
  id: string,
  patch: { displayName?: string | undefined; locale?: 'th' | 'en' | undefined; passwordHash?: string | undefined; active?: boolean | undefined },
): Promise<UserRow> {
  const [row] = await db<UserRow[]>`
    update users set
      display_name = coalesce(${patch.displayName ?? null}, display_name),
      locale = coalesce(${patch.locale ?? null}, locale),
      password_hash = coalesce(${patch.passwordHash ?? null}, password_hash),
      active = coalesce(${patch.active ?? null}, active),
      credentials_version = credentials_version
        + case when ${patch.passwordHash !== undefined} or ${patch.active === false} then 1 else 0 end
    where id = ${id}
    returning *`;
  return row!;
}

export async function replaceMemberships(
  db: Db,
  userId: string,
  list: { id: string; organizationId: string; role: Role; areaScope: string }[],
): Promise<void> {
  await db`delete from memberships where user_id = ${userId}`;
  if (list.length === 0) return;
  await db`insert into memberships ${db(
    list.map((m) => ({ id: m.id, user_id: userId, organization_id: m.organizationId, role: m.role, area_scope: m.areaScope })),
  )}`;
}

export interface UserListFilter {
  q?: string | undefined;
  organizationIds?: string[] | undefined;
  includeInactive: boolean;
  after?: { email: string; id: string } | undefined;
  limit: number;
}

/** Users ordered by email, keyset-paged. */
export async function listUsers(db: Db, f: UserListFilter): Promise<UserRow[]> {
  const like = f.q ? `%${f.q.toLowerCase().replace(/[%_\\]/g, '\\$&')}%` : null;
  return db<UserRow[]>`
    select u.* from users u
    where true
      ${f.includeInactive ? db`` : db`and u.active`}
      ${like ? db`and (u.email like ${like} or lower(u.display_name) like ${like})` : db``}
      ${f.organizationIds ? db`and exists (select 1 from memberships m where m.user_id = u.id and m.organization_id = any(${f.organizationIds}::uuid[]))` : db``}
      ${f.after ? db`and (u.email, u.id) > (${f.after.email}, ${f.after.id})` : db``}
    order by u.email, u.id
    limit ${f.limit}`;
}

export interface SessionRow {
  id: string;
  userId: string;
  createdAt: Date;
  lastSeenAt: Date;
  expiresAt: Date;
  endedAt: Date | null;
}

export async function insertSession(
  db: Db,
  s: { id: string; userId: string; tokenHash: Buffer; expiresAt: Date; ip: string; userAgent: string | null },
): Promise<void> {
  await db`insert into sessions (id, user_id, token_hash, expires_at, ip, user_agent)
           values (${s.id}, ${s.userId}, ${s.tokenHash}, ${s.expiresAt}, ${s.ip}, ${s.userAgent})`;
}

export async function sessionByTokenHash(db: Db, tokenHash: Buffer): Promise<{ session: SessionRow; user: UserRow } | undefined> {
  const [row] = await db<(UserRow & { sId: string; sCreatedAt: Date; sLastSeenAt: Date; sExpiresAt: Date; sEndedAt: Date | null })[]>`
    select s.id as s_id, s.created_at as s_created_at, s.last_seen_at as s_last_seen_at,
           s.expires_at as s_expires_at, s.ended_at as s_ended_at, u.*
    from sessions s join users u on u.id = s.user_id
    where s.token_hash = ${tokenHash}`;
  if (!row) return undefined;
  const { sId, sCreatedAt, sLastSeenAt, sExpiresAt, sEndedAt, ...user } = row;
  return {
    session: { id: sId, userId: user.id, createdAt: sCreatedAt, lastSeenAt: sLastSeenAt, expiresAt: sExpiresAt, endedAt: sEndedAt },
    user,
  };
}

export async function touchSession(db: Db, id: string): Promise<void> {
  await db`update sessions set last_seen_at = now() where id = ${id} and ended_at is null`;
}

export async function endSession(db: Db, id: string, reason: string): Promise<void> {
  await db`update sessions set ended_at = now(), end_reason = ${reason} where id = ${id} and ended_at is null`;
}

export async function endUserSessions(db: Db, userId: string, reason: string): Promise<number> {
  const rows = await db`update sessions set ended_at = now(), end_reason = ${reason}
                        where user_id = ${userId} and ended_at is null returning id`;
  return rows.length;
}
