/**
 * Notifications: in the web app, by email (SMTP) and by LINE (Messaging
 * API push). A notice is written in the transaction of the change that
 * causes it, with one delivery row per channel; a worker sends them after
 * commit and retries with backoff, so a mail server that is down delays
 * mail but never a caseworker's work.
 */
import nodemailer from 'nodemailer';
import type { Config } from '../../config.js';
import type { Db, Sql } from '../../db/index.js';
import type { Role } from '../accounts/types.js';

export interface Notice {
  kind: string;
  titleTh: string;
  titleEn: string;
  link?: string | undefined;
  data?: Record<string, unknown> | undefined;
  /** Reminders: at most one notice per user and key. */
  dedupeKey?: string | undefined;
}

/** Channels configured in this deployment (set once at start-up). */
let channels = { email: false, line: false };
export function configureChannels(config: Pick<Config, 'smtpUrl' | 'lineToken'>): void {
  channels = { email: Boolean(config.smtpUrl), line: Boolean(config.lineToken) };
}

/** Writes notices for users (in the caller's transaction) and queues their email/LINE deliveries. */
export async function notify(tx: Db, userIds: (string | null | undefined)[], n: Notice): Promise<number> {
  const ids = [...new Set(userIds.filter((u): u is string => Boolean(u)))];
  if (!ids.length) return 0;
  const rows = await tx<{ id: string; email: string; lineUserId: string | null }[]>`
    insert into notifications (user_id, kind, title_th, title_en, link, data, dedupe_key)
    select u.id, ${n.kind}, ${n.titleTh}, ${n.titleEn}, ${n.link ?? null}, ${tx.json((n.data ?? {}) as never)}, ${n.dedupeKey ?? null}
    from users u where u.id = any(${ids}::uuid[]) and u.active
    on conflict (user_id, dedupe_key) where dedupe_key is not null do nothing
    returning id, (select email from users where id = user_id) as email, (select line_user_id from users where id = user_id) as line_user_id`;
  const deliveries = rows.flatMap((r) => [
    ...(channels.email ? [{ notification_id: r.id, channel: 'email', address: r.email }] : []),
    ...(channels.line && r.lineUserId ? [{ notification_id: r.id, channel: 'line', address: r.lineUserId }] : []),
  ]);
  if (deliveries.length) await tx`insert into notification_deliveries ${tx(deliveries)}`;
  return rows.length;
}

/** Active staff of an organisation in given roles (who hears about referrals to it). */
export async function staffOf(db: Db, orgId: string, roles: Role[] = ['org_admin', 'coordinator', 'caseworker']): Promise<string[]> {
  const rows = await db<{ userId: string }[]>`
    select distinct m.user_id from memberships m join users u on u.id = m.user_id
    where m.organization_id = ${orgId} and m.role = any(${roles}::text[]) and u.active`;
  return rows.map((r) => r.userId);
}

export async function listMine(sql: Sql, userId: string, opts: { unread: boolean; limit: number }) {
  const items = await sql<{ id: string; kind: string; titleTh: string; titleEn: string; link: string | null; data: unknown; createdAt: Date; readAt: Date | null }[]>`
    select id, kind, title_th, title_en, link, data, created_at, read_at from notifications
    where user_id = ${userId} ${opts.unread ? sql`and read_at is null` : sql``}
    order by created_at desc limit ${opts.limit}`;
  const [{ n } = { n: 0 }] = await sql<{ n: number }[]>`select count(*)::int as n from notifications where user_id = ${userId} and read_at is null`;
  return { unread: n, items: items.map((i) => ({ ...i, createdAt: i.createdAt.toISOString(), readAt: i.readAt?.toISOString() ?? null })) };
}

export async function markRead(sql: Sql, userId: string, id?: string): Promise<number> {
  const rows = await sql`update notifications set read_at = now() where user_id = ${userId} and read_at is null ${id ? sql`and id = ${id}` : sql``} returning id`;
  return rows.length;
}

/**
 * Sends what is due in the outbox: each row claimed with SKIP LOCKED (two
 * processes never send one notice twice), sent, then marked sent, or
 * failed after 8 attempts with backoff of 1, 2, 4 … minutes.
 */
export async function deliverPending(sql: Sql, config: Config, opts: { limit?: number } = {}): Promise<{ sent: number; failed: number }> {
  const transport = config.smtpUrl ? nodemailer.createTransport(config.smtpUrl) : null;
  let sent = 0;
  let failed = 0;
  const due = await sql<{ id: string; channel: 'email' | 'line'; address: string; attempts: number; titleTh: string; titleEn: string; link: string | null }[]>`
    update notification_deliveries d set attempts = d.attempts + 1, next_attempt_at = now() + make_interval(mins => power(2, d.attempts)::int)
    from notifications n
    where d.id in (select id from notification_deliveries where status = 'pending' and next_attempt_at <= now() order by next_attempt_at limit ${opts.limit ?? 50} for update skip locked)
      and n.id = d.notification_id
    returning d.id, d.channel, d.address, d.attempts, n.title_th, n.title_en, n.link`;
  for (const d of due) {
    const link = d.link ? `${config.publicUrl ?? ''}${d.link}` : '';
    try {
      if (d.channel === 'email') {
        if (!transport) throw new Error('no SMTP server configured');
        await transport.sendMail({ from: config.mailFrom, to: d.address, subject: `${d.titleTh} / ${d.titleEn}`, text: `${d.titleTh}\n${d.titleEn}\n${link}`.trim() });
      } else {
        if (!config.lineToken) throw new Error('no LINE channel configured');
        const res = await fetch(`${config.lineApiUrl}/v2/bot/message/push`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${config.lineToken}` },
          body: JSON.stringify({ to: d.address, messages: [{ type: 'text', text: `${d.titleTh}\n${d.titleEn}${link ? `\n${link}` : ''}` }] }),
          signal: AbortSignal.timeout(10_000),
        });
        if (!res.ok) throw new Error(`LINE answered ${res.status}: ${(await res.text()).slice(0, 200)}`);
      }
      await sql`update notification_deliveries set status = 'sent', sent_at = now(), last_error = null where id = ${d.id}`;
      sent++;
    } catch (err) {
      const final = d.attempts >= 8;
      await sql`update notification_deliveries set last_error = ${String((err as Error).message).slice(0, 500)}, status = ${final ? 'failed' : 'pending'} where id = ${d.id}`;
      if (final) failed++;
    }
  }
  transport?.close();
  return { sent, failed };
}

/** Reminders of due and overdue work, at most once a day per item and person. */
export async function remindOverdue(sql: Sql): Promise<number> {
  const today = new Date().toISOString().slice(0, 10);
  let n = 0;
  await sql.begin(async (tx) => {
    for (const c of await tx<{ id: string; assignee: string; due: string }[]>`
      select id, assignee, due::text as due from cases where status in ('open', 'in_progress') and assignee is not null and due <= current_date`) {
      n += await notify(tx, [c.assignee], { kind: 'case.overdue', titleTh: `กรณีถึงกำหนด ${c.due}`, titleEn: `Case due ${c.due}`, link: `/cases/${c.id}`, dedupeKey: `case:${c.id}:${today}` });
    }
    for (const r of await tx<{ id: string; toOrg: string; caseId: string }[]>`
      select id, to_org, case_id from referrals where status = 'pending' and due_at < now()`) {
      n += await notify(tx, await staffOf(tx, r.toOrg), { kind: 'referral.overdue', titleTh: 'การส่งต่อที่ยังไม่ได้ตอบเกินกำหนด', titleEn: 'Referral waiting past its due date', link: `/cases/${r.caseId}`, dedupeKey: `referral:${r.id}:${today}` });
    }
    for (const v of await tx<{ id: string; caregiverId: string | null; orgId: string; personId: string; nextDue: string }[]>`
      select id, caregiver_id, org_id, person_id, next_due::text as next_due from care_plans where active and next_due < current_date`) {
      const to = v.caregiverId ? [v.caregiverId] : await staffOf(tx, v.orgId, ['coordinator', 'caseworker']);
      n += await notify(tx, to, { kind: 'care.missed', titleTh: `พลาดการเยี่ยมบ้านที่กำหนด ${v.nextDue}`, titleEn: `Home visit missed (due ${v.nextDue})`, link: `/registry/people/${v.personId}`, dedupeKey: `care:${v.id}:${today}` });
    }
  });
  return n;
}

/** The in-process jobs: delivery every 5 s, reminders hourly. Returns a stop function. */
export function startJobs(sql: Sql, config: Config, log: (m: string) => void): () => Promise<void> {
  configureChannels(config);
  let running: Promise<unknown> = Promise.resolve();
  let stopped = false;
  const guard = (name: string, fn: () => Promise<unknown>) => () => {
    if (stopped) return;
    running = running.then(fn).catch((err: unknown) => log(`${name} failed: ${(err as Error).message}`));
  };
  const deliver = setInterval(guard('notification delivery', () => deliverPending(sql, config)), 5_000);
  const remind = setInterval(guard('reminders', () => remindOverdue(sql)), 3600_000);
  guard('reminders', () => remindOverdue(sql))();
  return async () => {
    stopped = true;
    clearInterval(deliver);
    clearInterval(remind);
    await running;
  };
}
