/** Callers for direct service calls: an organisation and a user in the database (provenance and audit point at them), and principals over them. */
import type { Sql } from '../../src/db/index.js';
import type { Principal, Role } from '../../src/modules/accounts/types.js';

export interface BenchAccount {
  userId: string;
  organizationId: string;
}

/** The benchmark's organisation (with a legal basis for sensitive data) and user, created once per database. */
export async function benchAccount(sql: Sql): Promise<BenchAccount> {
  const [org] = await sql<{ id: string }[]>`
    insert into organizations (name_th, name_en, kind, sensitive_basis)
    values ('ทดสอบประสิทธิภาพ ร่วมใจ', 'Ruamjai benchmark', 'other', 'public_task')
    on conflict ((lower(btrim(name_th)))) do update set name_en = excluded.name_en
    returning id`;
  const [user] = await sql<{ id: string }[]>`
    insert into users (email, display_name, password_hash)
    values ('bench-registry@ruamjai.local', 'ผู้ทดสอบประสิทธิภาพ', 'scrypt$bench$not-a-login')
    on conflict (email) do update set display_name = excluded.display_name
    returning id`;
  return { userId: user!.id, organizationId: org!.id };
}

/** A principal of the benchmark user with one membership. */
export function principalOf(account: BenchAccount, role: Role, areaScope: string): Principal {
  return {
    userId: account.userId,
    email: 'bench-registry@ruamjai.local',
    displayName: 'ผู้ทดสอบประสิทธิภาพ',
    locale: 'th',
    memberships: [{ id: `bench-${role}-${areaScope}`, organizationId: account.organizationId, role, areaScope }],
    via: 'session',
    ip: '127.0.0.1',
  };
}
