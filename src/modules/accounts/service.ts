/**
 * Accounts: login and sessions, the caller's identity, and user
 * administration. Every write runs in a transaction with its audit row.
 */
import { v7 as uuidv7 } from 'uuid';
import type { Config } from '../../config.js';
import type { Sql } from '../../db/index.js';
import { problem, notFound } from '../../http/problems.js';
import * as audit from '../audit/service.js';
import type { Actor } from '../audit/service.js';
import { burnPasswordCheck, hashPassword, verifyPassword } from './passwords.js';
import { authorize, allowed, isSystemAdmin, adminOrganizations } from './policy.js';
import * as q from './queries.js';
import type { UserRow } from './queries.js';
import { BasicCredentialCache, newToken, hashToken } from './sessions.js';
import { LoginLimiter } from './rateLimit.js';
import type { Membership, Principal, Role } from './types.js';

export interface AccountsDeps {
  sql: Sql;
  config: Config;
  limiter: LoginLimiter;
  basicCache: BasicCredentialCache;
}

export function createAccountsDeps(sql: Sql, config: Config): AccountsDeps {
  return { sql, config, limiter: new LoginLimiter(config.rateLimits), basicCache: new BasicCredentialCache() };
}

export function actorOf(p: Principal): Actor {
  return { id: p.userId, label: p.email, ip: p.ip };
}

function toPrincipal(u: UserRow, memberships: Membership[], via: Principal['via'], ip: string, sessionId?: string): Principal {
  return { userId: u.id, email: u.email, displayName: u.displayName, locale: u.locale, memberships, via, ip, sessionId };
}

function tooMany(retryAfter: number) {
  return problem('too_many_attempts', {
    detail: `Too many failed logins; try again in ${Math.ceil(retryAfter / 60)} minutes`,
    detailTh: `เข้าสู่ระบบไม่สำเร็จหลายครั้งเกินไป กรุณาลองใหม่ในอีก ${Math.ceil(retryAfter / 60)} นาที`,
    headers: { 'retry-after': String(retryAfter) },
  });
}

const wrongCredentials = () =>
  problem('invalid_credentials', {
    detail: 'The email or password is wrong, or the account is not active',
    detailTh: 'อีเมลหรือรหัสผ่านไม่ถูกต้อง หรือบัญชีถูกระงับ',
  });

/** Checks a password against the account, counting failures per account and address. */
async function checkCredentials(deps: AccountsDeps, email: string, password: string, ip: string): Promise<UserRow> {
  const key = email.toLowerCase().trim();
  const wait = deps.limiter.retryAfter(key, ip);
  if (wait > 0) throw tooMany(wait);
  const user = await q.userByEmail(deps.sql, key);
  if (!user) {
    await burnPasswordCheck(password);
    deps.limiter.failed(key, ip);
    throw wrongCredentials();
  }
  const ok = await verifyPassword(password, user.passwordHash);
  if (!ok || !user.active) {
    deps.limiter.failed(key, ip);
    throw wrongCredentials();
  }
  deps.limiter.succeeded(key);
  return user;
}

export interface LoginResult {
  token: string;
  principal: Principal;
  user: UserRow;
}

/** Verifies the password and opens a new session; a session presented with the login is ended (rotation). */
export async function login(
  deps: AccountsDeps,
  input: { email: string; password: string; ip: string; userAgent: string | null; previousToken?: string | undefined },
): Promise<LoginResult> {
  const user = await checkCredentials(deps, input.email, input.password, input.ip);
  const { token, hash } = newToken();
  const sessionId = uuidv7();
  const expiresAt = new Date(Date.now() + deps.config.sessionMaxHours * 3600_000);
  await deps.sql.begin(async (tx) => {
    if (input.previousToken) {
      const prev = await q.sessionByTokenHash(tx, hashToken(input.previousToken));
      if (prev) await q.endSession(tx, prev.session.id, 'rotated');
    }
    await q.insertSession(tx, { id: sessionId, userId: user.id, tokenHash: hash, expiresAt, ip: input.ip, userAgent: input.userAgent });
    await tx`update users set last_login_at = now() where id = ${user.id}`;
    await audit.record(tx, { id: user.id, label: user.email, ip: input.ip }, { action: 'session.login', entity: 'user', entityId: user.id, changes: { sessionId } });
  });
  const memberships = (await q.membershipsOf(deps.sql, [user.id])).get(user.id) ?? [];
  return { token, user, principal: toPrincipal(user, memberships, 'session', input.ip, sessionId) };
}

export async function logout(deps: AccountsDeps, p: Principal): Promise<void> {
  if (!p.sessionId) return;
  await deps.sql.begin(async (tx) => {
    await q.endSession(tx, p.sessionId!, 'logout');
    await audit.record(tx, actorOf(p), { action: 'session.logout', entity: 'user', entityId: p.userId, changes: { sessionId: p.sessionId } });
  });
}

/** The caller behind a session cookie, or undefined when the session is unknown, ended or expired. */
export async function principalFromSession(deps: AccountsDeps, token: string, ip: string): Promise<Principal | undefined> {
  const found = await q.sessionByTokenHash(deps.sql, hashToken(token));
  if (!found || found.session.endedAt) return undefined;
  const { session, user } = found;
  const now = Date.now();
  if (!user.active) return undefined;
  if (session.expiresAt.getTime() <= now) {
    await q.endSession(deps.sql, session.id, 'expired');
    return undefined;
  }
  if (session.lastSeenAt.getTime() + deps.config.sessionIdleMinutes * 60_000 <= now) {
    await q.endSession(deps.sql, session.id, 'idle');
    return undefined;
  }
  // One write a minute at most, not one per request.
  if (now - session.lastSeenAt.getTime() > 60_000) await q.touchSession(deps.sql, session.id);
  const memberships = (await q.membershipsOf(deps.sql, [user.id])).get(user.id) ?? [];
  return toPrincipal(user, memberships, 'session', ip, session.id);
}

/** The caller behind HTTP Basic credentials; throws 401/429 on wrong ones. */
export async function principalFromBasic(deps: AccountsDeps, email: string, password: string, ip: string): Promise<Principal> {
  const cached = deps.basicCache.get(email, password);
  if (cached) {
    // The loaded caller is reused for 30 s: a phone's burst of submissions costs no query.
    // Changes to the user (password, deactivation, memberships) drop it at once (forgetUser).
    if (cached.principal && cached.principal.until > Date.now()) return { ...(cached.principal.value as Principal), ip };
    const user = await q.userById(deps.sql, cached.userId);
    if (user && user.active && user.credentialsVersion === cached.credentialsVersion) {
      const memberships = (await q.membershipsOf(deps.sql, [user.id])).get(user.id) ?? [];
      const principal = toPrincipal(user, memberships, 'basic', ip);
      cached.principal = { value: principal, until: Date.now() + 30_000 };
      return principal;
    }
    deps.basicCache.forget(email, password);
  }
  return deps.basicCache.once(email, password, async () => {
    const user = await checkCredentials(deps, email, password, ip);
    deps.basicCache.set(email, password, user.id, user.credentialsVersion);
    const memberships = (await q.membershipsOf(deps.sql, [user.id])).get(user.id) ?? [];
    return toPrincipal(user, memberships, 'basic', ip);
  });
}

// ---------------------------------------------------------------- users

export interface UserView {
  id: string;
  email: string;
  displayName: string;
  locale: 'th' | 'en';
  active: boolean;
  lastLoginAt: string | null;
  createdAt: string;
  memberships: Membership[];
}

/** The presenter: never the password hash or credential version. */
export function presentUser(u: UserRow, memberships: Membership[]): UserView {
  return {
    id: u.id,
    email: u.email,
    displayName: u.displayName,
    locale: u.locale,
    active: u.active,
    lastLoginAt: u.lastLoginAt ? u.lastLoginAt.toISOString() : null,
    createdAt: u.createdAt.toISOString(),
    memberships,
  };
}

export interface MembershipInput {
  organizationId: string;
  role: Role;
  areaScope: string;
}

/** Checks every membership: the organisation and area exist and are active, and the caller may grant it. */
async function checkMemberships(sql: Sql, p: Principal, list: MembershipInput[]): Promise<void> {
  const errors: { field: string; message: string; messageTh: string }[] = [];
  const orgIds = [...new Set(list.map((m) => m.organizationId))];
  const areaCodes = [...new Set(list.map((m) => m.areaScope))];
  const orgs = new Set(
    (await sql<{ id: string }[]>`select id from organizations where id = any(${orgIds}::uuid[]) and active`).map((r) => r.id),
  );
  const areas = new Set(
    (await sql<{ code: string }[]>`select code from areas where code = any(${areaCodes}) and active`).map((r) => r.code),
  );
  const seen = new Set<string>();
  list.forEach((m, i) => {
    const key = `${m.organizationId}|${m.role}|${m.areaScope}`;
    if (seen.has(key)) errors.push({ field: `memberships.${i}`, message: 'listed twice', messageTh: 'ซ้ำกับรายการก่อนหน้า' });
    seen.add(key);
    if (!orgs.has(m.organizationId)) {
      errors.push({ field: `memberships.${i}.organizationId`, message: `no active organisation ${m.organizationId}`, messageTh: `ไม่พบองค์กร ${m.organizationId} ที่ยังใช้งาน` });
    }
    if (!areas.has(m.areaScope)) {
      errors.push({ field: `memberships.${i}.areaScope`, message: `no area with code ${m.areaScope}`, messageTh: `ไม่พบพื้นที่รหัส ${m.areaScope}` });
    }
  });
  if (errors.length) throw problem('validation_failed', { detail: 'Some memberships are not valid', detailTh: 'สมาชิกภาพบางรายการไม่ถูกต้อง', errors });
  list.forEach((m) => authorize(p, { do: 'membership.grant', membership: m }));
}

export async function createUser(
  deps: AccountsDeps,
  p: Principal,
  input: { email: string; displayName: string; password: string; locale?: 'th' | 'en' | undefined; memberships: MembershipInput[] },
): Promise<UserView> {
  authorize(p, { do: 'user.manage', targetMemberships: input.memberships });
  await checkMemberships(deps.sql, p, input.memberships);
  const passwordHash = await hashPassword(input.password);
  return deps.sql.begin(async (tx) => {
    const user = await q.insertUser(tx, {
      id: uuidv7(),
      email: input.email.toLowerCase().trim(),
      displayName: input.displayName.trim(),
      passwordHash,
      locale: input.locale ?? 'th',
    });
    const memberships = input.memberships.map((m) => ({ id: uuidv7(), ...m }));
    await q.replaceMemberships(tx, user.id, memberships);
    await audit.record(tx, actorOf(p), {
      action: 'user.create',
      entity: 'user',
      entityId: user.id,
      changes: { email: user.email, displayName: user.displayName, locale: user.locale, memberships: input.memberships },
    });
    return presentUser(user, memberships);
  });
}

async function loadManageable(deps: AccountsDeps, p: Principal, id: string, tx?: Sql | import('../../db/index.js').Tx) {
  const db = tx ?? deps.sql;
  const user = await q.userById(db, id, { forUpdate: tx !== undefined });
  if (!user) throw notFound({ en: 'user', th: 'ผู้ใช้' }, id);
  const memberships = (await q.membershipsOf(db, [id])).get(id) ?? [];
  if (!allowed(p, { do: 'user.manage', targetMemberships: memberships })) {
    // Someone outside the caller's organisations is reported as not found, not forbidden.
    throw notFound({ en: 'user', th: 'ผู้ใช้' }, id);
  }
  return { user, memberships };
}

export async function getUser(deps: AccountsDeps, p: Principal, id: string): Promise<UserView> {
  if (id === p.userId) {
    const user = await q.userById(deps.sql, id);
    return presentUser(user!, p.memberships);
  }
  authorize(p, { do: 'user.list' });
  const { user, memberships } = await loadManageable(deps, p, id);
  return presentUser(user, memberships);
}

export async function listUsers(
  deps: AccountsDeps,
  p: Principal,
  f: { q?: string | undefined; organizationId?: string | undefined; includeInactive?: boolean | undefined; limit: number; cursor?: string | undefined },
): Promise<{ items: UserView[]; nextCursor: string | null }> {
  authorize(p, { do: 'user.list' });
  let orgIds: string[] | undefined = f.organizationId ? [f.organizationId] : undefined;
  if (!isSystemAdmin(p)) {
    const mine = adminOrganizations(p);
    orgIds = orgIds ? orgIds.filter((id) => mine.includes(id)) : mine;
  }
  let after: { email: string; id: string } | undefined;
  if (f.cursor) {
    try {
      const [email, id] = JSON.parse(Buffer.from(f.cursor, 'base64url').toString('utf8')) as [string, string];
      after = { email, id };
    } catch {
      throw problem('bad_request', { detail: 'The cursor is not valid', detailTh: 'ค่า cursor ไม่ถูกต้อง' });
    }
  }
  const rows = await q.listUsers(deps.sql, { q: f.q, organizationIds: orgIds, includeInactive: f.includeInactive ?? false, after, limit: f.limit + 1 });
  const page = rows.slice(0, f.limit);
  const ms = await q.membershipsOf(deps.sql, page.map((u) => u.id));
  const last = page[page.length - 1];
  return {
    items: page.map((u) => presentUser(u, ms.get(u.id) ?? [])),
    nextCursor: rows.length > f.limit && last ? Buffer.from(JSON.stringify([last.email, last.id])).toString('base64url') : null,
  };
}

export async function updateUser(
  deps: AccountsDeps,
  p: Principal,
  id: string,
  patch: { displayName?: string | undefined; locale?: 'th' | 'en' | undefined; password?: string | undefined; memberships?: MembershipInput[] | undefined },
): Promise<UserView> {
  if (patch.memberships) {
    authorize(p, { do: 'user.manage', targetMemberships: patch.memberships });
    await checkMemberships(deps.sql, p, patch.memberships);
  }
  const passwordHash = patch.password ? await hashPassword(patch.password) : undefined;
  return deps.sql.begin(async (tx) => {
    const { user, memberships } = await loadManageable(deps, p, id, tx);
    const updated = await q.updateUser(tx, id, { displayName: patch.displayName?.trim(), locale: patch.locale, passwordHash });
    const changes: Record<string, unknown> = audit.diff(
      { displayName: user.displayName, locale: user.locale },
      { displayName: updated.displayName, locale: updated.locale },
    );
    let finalMemberships = memberships;
    if (patch.memberships) {
      finalMemberships = patch.memberships.map((m) => ({ id: uuidv7(), ...m }));
      await q.replaceMemberships(tx, id, finalMemberships);
      changes.memberships = { from: memberships.map(({ id: _id, ...m }) => m), to: patch.memberships };
    }
    if (passwordHash) {
      changes.password = 'changed';
      // Everyone holding the old password loses access now, except the session making the change.
      await tx`update sessions set ended_at = now(), end_reason = 'password_changed'
               where user_id = ${id} and ended_at is null and id is distinct from ${p.sessionId ?? null}`;
    }
    await audit.record(tx, actorOf(p), { action: 'user.update', entity: 'user', entityId: id, changes });
    deps.basicCache.forgetUser(id);
    return presentUser(updated, finalMemberships);
  });
}

export async function setUserActive(deps: AccountsDeps, p: Principal, id: string, active: boolean): Promise<UserView> {
  if (id === p.userId && !active) {
    throw problem('conflict', { detail: 'You cannot deactivate your own account', detailTh: 'ไม่สามารถระงับบัญชีของตนเองได้' });
  }
  return deps.sql.begin(async (tx) => {
    const { user, memberships } = await loadManageable(deps, p, id, tx);
    if (user.active === active) return presentUser(user, memberships);
    const updated = await q.updateUser(tx, id, { active });
    let ended = 0;
    // A deactivated user's sessions end at once.
    if (!active) ended = await q.endUserSessions(tx, id, 'deactivated');
    await audit.record(tx, actorOf(p), {
      action: active ? 'user.activate' : 'user.deactivate',
      entity: 'user',
      entityId: id,
      changes: { active: { from: user.active, to: active }, ...(active ? {} : { sessionsEnded: ended }) },
    });
    deps.basicCache.forgetUser(id);
    return presentUser(updated, memberships);
  });
}

export async function updateMe(
  deps: AccountsDeps,
  p: Principal,
  patch: { displayName?: string | undefined; locale?: 'th' | 'en' | undefined },
): Promise<void> {
  await deps.sql.begin(async (tx) => {
    const before = await q.userById(tx, p.userId, { forUpdate: true });
    const after = await q.updateUser(tx, p.userId, { displayName: patch.displayName?.trim(), locale: patch.locale });
    const changes = audit.diff({ displayName: before!.displayName, locale: before!.locale }, { displayName: after.displayName, locale: after.locale });
    if (Object.keys(changes).length) await audit.record(tx, actorOf(p), { action: 'user.update', entity: 'user', entityId: p.userId, changes });
  });
}

export async function changeOwnPassword(deps: AccountsDeps, p: Principal, current: string, next: string): Promise<void> {
  const user = await q.userById(deps.sql, p.userId);
  if (!user || !(await verifyPassword(current, user.passwordHash))) {
    throw problem('validation_failed', {
      detail: 'The current password is wrong',
      detailTh: 'รหัสผ่านปัจจุบันไม่ถูกต้อง',
      errors: [{ field: 'currentPassword', message: 'wrong password', messageTh: 'รหัสผ่านไม่ถูกต้อง' }],
    });
  }
  const passwordHash = await hashPassword(next);
  await deps.sql.begin(async (tx) => {
    await q.updateUser(tx, p.userId, { passwordHash });
    await tx`update sessions set ended_at = now(), end_reason = 'password_changed'
             where user_id = ${p.userId} and ended_at is null and id is distinct from ${p.sessionId ?? null}`;
    await audit.record(tx, actorOf(p), { action: 'user.password', entity: 'user', entityId: p.userId, changes: { password: 'changed' } });
  });
  deps.basicCache.forgetUser(p.userId);
}
