/**
 * First start: with no user in the database, create the system
 * administrator from RUAMJAI_ADMIN_EMAIL / RUAMJAI_ADMIN_PASSWORD (or a
 * generated password, printed once), in an organisation of its own.
 */
import { v7 as uuidv7 } from 'uuid';
import type { Sql } from '../../db/index.js';
import * as audit from '../audit/service.js';
import { generatePassword, hashPassword } from './passwords.js';

export interface BootstrapResult {
  created: boolean;
  email?: string;
  /** Only when the password was generated: shown once, never stored in clear. */
  generatedPassword?: string;
}

export async function ensureSystemAdmin(sql: Sql, opts: { email: string; password?: string | undefined }): Promise<BootstrapResult> {
  const [any] = await sql`select 1 as x from users limit 1`;
  if (any) return { created: false };
  const generated = opts.password ? undefined : generatePassword();
  const passwordHash = await hashPassword(opts.password ?? generated!);
  return sql.begin(async (tx) => {
    await tx`select pg_advisory_xact_lock(7245603)`;
    const [again] = await tx`select 1 as x from users limit 1`;
    if (again) return { created: false };
    const [org] = await tx<{ id: string }[]>`
      insert into organizations (id, name_th, name_en, kind, area_code)
      values (${uuidv7()}, 'ผู้ดูแลระบบร่วมใจ', 'Ruamjai system administration', 'other', 'TH')
      on conflict do nothing
      returning id`;
    const orgId = org?.id ?? (await tx<{ id: string }[]>`select id from organizations where name_th = 'ผู้ดูแลระบบร่วมใจ'`)[0]!.id;
    const userId = uuidv7();
    await tx`insert into users (id, email, display_name, password_hash, locale)
             values (${userId}, ${opts.email}, 'ผู้ดูแลระบบ', ${passwordHash}, 'th')`;
    await tx`insert into memberships (id, user_id, organization_id, role, area_scope)
             values (${uuidv7()}, ${userId}, ${orgId}, 'system_admin', 'TH')`;
    await audit.record(tx, audit.SYSTEM_ACTOR, {
      action: 'user.create',
      entity: 'user',
      entityId: userId,
      changes: { email: opts.email, role: 'system_admin', areaScope: 'TH', bootstrap: true },
    });
    return { created: true, email: opts.email, ...(generated ? { generatedPassword: generated } : {}) };
  });
}
