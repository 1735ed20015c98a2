/**
 * Demo data (RUAMJAI_DEMO=1 on an empty database): the Songkhla network —
 * a community foundation, Hat Yai city municipality and three of its
 * divisions, a university, a volunteer association — a user for each role,
 * and 10 railway-side communities in Hat Yai with synthetic households and
 * people (fictional names from the seeded generator).
 *
 * Demo users share the password DEMO_PASSWORD; they are for trying the
 * product, never for a real deployment.
 */
import { v7 as uuidv7 } from 'uuid';
import type { Sql, Tx } from '../../db/index.js';
import { createGenerator } from '../../lib/synthetic/index.js';
import { hashPassword } from '../accounts/passwords.js';
import type { Role } from '../accounts/types.js';
import * as audit from '../audit/service.js';
import { nameKeys } from '../registry/keys.js';

export const DEMO_PASSWORD = 'ruamjai-demo';
export const DEMO_FLAG = 'demo_loaded';

interface DemoOrg {
  key: string;
  nameTh: string;
  nameEn: string;
  kind: string;
  areaCode: string;
  parent?: string;
  /** Legal basis for health data (PDPA s.26), when the organisation has one. */
  sensitiveBasis?: string;
}

export const DEMO_ORGS: DemoOrg[] = [
  { key: 'foundation', nameTh: 'มูลนิธิชุมชนสงขลา', nameEn: 'Songkhla Community Foundation', kind: 'foundation', areaCode: '90' },
  { key: 'city', nameTh: 'เทศบาลนครหาดใหญ่', nameEn: 'Hat Yai City Municipality', kind: 'municipality', areaCode: '9011' },
  { key: 'health', nameTh: 'กองสาธารณสุขและสิ่งแวดล้อม เทศบาลนครหาดใหญ่', nameEn: 'Public Health and Environment Division, Hat Yai City', kind: 'division', areaCode: '9011', parent: 'city', sensitiveBasis: 'public_task' },
  { key: 'education', nameTh: 'กองการศึกษา เทศบาลนครหาดใหญ่', nameEn: 'Education Division, Hat Yai City', kind: 'division', areaCode: '9011', parent: 'city' },
  { key: 'engineering', nameTh: 'กองช่าง เทศบาลนครหาดใหญ่', nameEn: 'Engineering Division, Hat Yai City', kind: 'division', areaCode: '9011', parent: 'city' },
  { key: 'university', nameTh: 'มหาวิทยาลัยสงขลานครินทร์', nameEn: 'Prince of Songkla University', kind: 'university', areaCode: '90' },
  { key: 'volunteers', nameTh: 'สมาคมอาสาสมัครสาธารณสุขหาดใหญ่', nameEn: 'Hat Yai Health Volunteers Association', kind: 'association', areaCode: '9011' },
];

interface DemoUser {
  email: string;
  displayName: string;
  org: string;
  role: Role;
  areaScope: string;
  locale?: 'th' | 'en';
}

export const DEMO_USERS: DemoUser[] = [
  { email: 'orgadmin@demo.ruamjai.local', displayName: 'สมศรี ใจดี', org: 'city', role: 'org_admin', areaScope: '9011' },
  { email: 'coordinator@demo.ruamjai.local', displayName: 'อรุณี ประสานงาน', org: 'foundation', role: 'coordinator', areaScope: '90' },
  { email: 'caseworker@demo.ruamjai.local', displayName: 'กมล ดูแลดี', org: 'health', role: 'caseworker', areaScope: '9011' },
  { email: 'teacher@demo.ruamjai.local', displayName: 'วันเพ็ญ สอนศิลป์', org: 'education', role: 'caseworker', areaScope: '9011' },
  { email: 'engineer@demo.ruamjai.local', displayName: 'ประพันธ์ ช่างคิด', org: 'engineering', role: 'viewer', areaScope: '9011' },
  { email: 'volunteer@demo.ruamjai.local', displayName: 'ฮาลีมะห์ อาสา', org: 'volunteers', role: 'volunteer', areaScope: '901101' },
  { email: 'researcher@demo.ruamjai.local', displayName: 'Dr. Anan Wichai', org: 'university', role: 'viewer', areaScope: '90', locale: 'en' },
];

/** Ten railway-side communities of Hat Yai (fictional names), along the line through Hat Yai station. */
export const DEMO_COMMUNITIES = [
  { local: 'R01', th: 'ชุมชนหลังสถานีรถไฟ', en: 'Lang Sathani Rot Fai', lat: 7.0041, lon: 100.4688 },
  { local: 'R02', th: 'ชุมชนริมรางสายเก่า', en: 'Rim Rang Sai Kao', lat: 7.0072, lon: 100.4702 },
  { local: 'R03', th: 'ชุมชนโรงสีเก่าริมทาง', en: 'Rong Si Kao Rim Thang', lat: 7.0105, lon: 100.4719 },
  { local: 'R04', th: 'ชุมชนหัวสะพานรถไฟ', en: 'Hua Saphan Rot Fai', lat: 7.0138, lon: 100.4733 },
  { local: 'R05', th: 'ชุมชนหมอนไม้', en: 'Mon Mai', lat: 7.0009, lon: 100.4671 },
  { local: 'R06', th: 'ชุมชนทุ่งรางใต้', en: 'Thung Rang Tai', lat: 6.9978, lon: 100.4655 },
  { local: 'R07', th: 'ชุมชนสามัคคีริมราง', en: 'Samakkhi Rim Rang', lat: 6.9947, lon: 100.4640 },
  { local: 'R08', th: 'ชุมชนบ้านพักคนงานรถไฟ', en: 'Ban Phak Khon Ngan Rot Fai', lat: 7.0021, lon: 100.4664 },
  { local: 'R09', th: 'ชุมชนหลังโกดัง', en: 'Lang Ko Dang', lat: 7.0090, lon: 100.4728 },
  { local: 'R10', th: 'ชุมชนร่วมใจริมทาง', en: 'Ruam Jai Rim Thang', lat: 7.0160, lon: 100.4748 },
] as const;

const HAT_YAI_SUBDISTRICT = '901101';
type Row = Record<string, string | number | null>;

async function insertPeople(tx: Tx, seed: number): Promise<{ households: number; people: number }> {
  const gen = createGenerator(seed);
  const households: Record<string, unknown>[] = [];
  const people: Record<string, unknown>[] = [];
  DEMO_COMMUNITIES.forEach((c, i) => {
    const n = 30 + ((i * 7) % 25);
    for (let h = 0; h < n; h++) {
      const { household, members } = gen.household(`${HAT_YAI_SUBDISTRICT}-${c.local}`, { railwaySide: true, urban: true, radiusKm: 0.3, migrantShare: 0.08, centre: { lat: c.lat, lon: c.lon } });
      households.push(household as unknown as Record<string, unknown>);
      people.push(...(members as unknown as Record<string, unknown>[]));
    }
  });
  const hhCols = ['id', 'area_code', 'house_no', 'address', 'lat', 'lon', 'tenure', 'monthly_income'];
  const personCols = ['id', 'household_id', 'area_code', 'relation_to_head', 'first_name', 'last_name', 'sex', 'birth_date', 'birth_year', 'nationality', 'id_type', 'id_number', 'registry_status', 'phone', 'name_norm', 'name_key', 'phonetic_key', 'latin_key'];
  const pick = (row: Record<string, unknown>, cols: string[]) => Object.fromEntries(cols.map((c) => [c, row[c] ?? null]));
  for (const p of people) Object.assign(p, nameKeys(p.first_name as string, p.last_name as string | null));
  for (let i = 0; i < households.length; i += 500) {
    await tx`insert into households ${tx(households.slice(i, i + 500).map((r) => pick(r, hhCols)) as Row[])}`;
  }
  for (let i = 0; i < people.length; i += 500) {
    await tx`insert into persons ${tx(people.slice(i, i + 500).map((r) => pick(r, personCols)) as Row[])}`;
  }
  // Provenance: every demo record says where it came from.
  await tx`insert into record_sources (entity, entity_id, source_kind, source_id, source_label, "values")
           select 'person', id, 'demo', 'demo', 'ข้อมูลสาธิต / demo data',
                  jsonb_strip_nulls(jsonb_build_object('firstName', first_name, 'lastName', last_name, 'sex', sex, 'birthDate', birth_date, 'idType', id_type))
           from persons where household_id in (select id from households where area_code like ${HAT_YAI_SUBDISTRICT + '-R%'})`;
  return { households: households.length, people: people.length };
}

/** Loads the demo network once; returns true when it ran. */
export async function loadDemo(sql: Sql, opts: { seed?: number } = {}): Promise<boolean> {
  const [done] = await sql`select 1 as x from instance_settings where key = ${DEMO_FLAG}`;
  if (done) return false;
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  return sql.begin(async (tx) => {
    await tx`select pg_advisory_xact_lock(7245604)`;
    const [again] = await tx`select 1 as x from instance_settings where key = ${DEMO_FLAG}`;
    if (again) return false;
    const orgIds = new Map<string, string>();
    for (const o of DEMO_ORGS) {
      const id = uuidv7();
      orgIds.set(o.key, id);
      await tx`insert into organizations (id, name_th, name_en, kind, area_code, parent_id, sensitive_basis)
               values (${id}, ${o.nameTh}, ${o.nameEn}, ${o.kind}, ${o.areaCode}, ${o.parent ? orgIds.get(o.parent)! : null}, ${o.sensitiveBasis ?? null})`;
    }
    for (const c of DEMO_COMMUNITIES) {
      await tx`insert into areas (code, parent_code, level, name_th, name_en, lat, lon, source)
               values (${`${HAT_YAI_SUBDISTRICT}-${c.local}`}, ${HAT_YAI_SUBDISTRICT}, 'community', ${c.th}, ${c.en}, ${c.lat}, ${c.lon}, 'local')
               on conflict (code) do nothing`;
    }
    for (const u of DEMO_USERS) {
      const id = uuidv7();
      await tx`insert into users (id, email, display_name, password_hash, locale)
               values (${id}, ${u.email}, ${u.displayName}, ${passwordHash}, ${u.locale ?? 'th'})
               on conflict do nothing`;
      await tx`insert into memberships (id, user_id, organization_id, role, area_scope)
               select ${uuidv7()}, id, ${orgIds.get(u.org)!}, ${u.role}, ${u.areaScope} from users where email = ${u.email}`;
    }
    const counts = await insertPeople(tx, opts.seed ?? 2569);
    await tx`insert into instance_settings (key, value) values (${DEMO_FLAG}, ${tx.json({ at: new Date().toISOString(), ...counts })})`;
    await audit.record(tx, audit.SYSTEM_ACTOR, {
      action: 'demo.load',
      entity: 'instance',
      entityId: DEMO_FLAG,
      changes: { organizations: DEMO_ORGS.length, users: DEMO_USERS.length, communities: DEMO_COMMUNITIES.length, ...counts },
    });
    return true;
  });
}
