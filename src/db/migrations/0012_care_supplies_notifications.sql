-- Home care, supplies, and notifications.

-- A visit plan per person: who visits, how often; a visit not made by the
-- due date is a missed visit.
create table care_plans (
  id             uuid primary key default ruamjai_uuidv7(),
  person_id      uuid not null references persons (id),
  org_id         uuid not null references organizations (id),
  caregiver_id   uuid references users (id),
  caregiver_name text,
  every_days     integer not null check (every_days between 1 and 365),
  next_due       date not null,
  active         boolean not null default true,
  notes          text,
  created_by     uuid references users (id),
  created_at     timestamptz not null default now(),
  check (caregiver_id is not null or caregiver_name is not null)
);
-- missed visits: active plans past due
create index care_plans_due_idx on care_plans (org_id, next_due) where active;
create index care_plans_person_idx on care_plans (person_id);

create table care_visits (
  id         uuid primary key default ruamjai_uuidv7(),
  plan_id    uuid not null references care_plans (id),
  person_id  uuid not null references persons (id),
  visited_at timestamptz not null,
  by_user    uuid references users (id),
  -- vital signs as measured: bpSystolic, bpDiastolic, pulse, temperature, spo2, bloodSugar, weight
  vitals     jsonb not null default '{}',
  notes      text,
  needs      text[] not null default '{}',
  created_at timestamptz not null default now()
);
create index care_visits_person_idx on care_visits (person_id, visited_at desc);

create table supply_items (
  code    text primary key check (code ~ '^[a-z][a-z0-9_]*$'),
  name_th text not null,
  name_en text not null,
  unit_th text not null,
  unit_en text not null,
  active  boolean not null default true
);
insert into supply_items (code, name_th, name_en, unit_th, unit_en) values
  ('adult_diaper', 'ผ้าอ้อมผู้ใหญ่', 'Adult diapers', 'ชิ้น', 'pieces'),
  ('bed_pad', 'แผ่นรองซับ', 'Bed pads', 'แผ่น', 'pads'),
  ('feeding_tube', 'สายให้อาหาร', 'Feeding tube', 'เส้น', 'tubes'),
  ('urine_bag', 'ถุงปัสสาวะ', 'Urine bag', 'ใบ', 'bags'),
  ('wheelchair', 'รถเข็นนั่ง', 'Wheelchair', 'คัน', 'units'),
  ('walker', 'อุปกรณ์ช่วยเดิน', 'Walker', 'อัน', 'units'),
  ('air_mattress', 'ที่นอนลม', 'Air mattress', 'ชุด', 'units'),
  ('hospital_bed', 'เตียงผู้ป่วย', 'Hospital bed', 'เตียง', 'beds');

-- stock is the sum of movements; the row is kept for fast reads and a non-negative check
create table supply_stock (
  org_id    uuid not null references organizations (id),
  item_code text not null references supply_items (code),
  quantity  integer not null default 0 check (quantity >= 0),
  primary key (org_id, item_code)
);

create table supply_requests (
  id          uuid primary key default ruamjai_uuidv7(),
  person_id   uuid not null references persons (id),
  org_id      uuid not null references organizations (id),
  item_code   text not null references supply_items (code),
  quantity    integer not null check (quantity > 0),
  status      text not null default 'requested' check (status in ('requested', 'handed_over', 'declined', 'cancelled')),
  reason      text,
  case_id     uuid references cases (id),
  created_by  uuid references users (id),
  created_at  timestamptz not null default now(),
  decided_by  uuid references users (id),
  decided_at  timestamptz
);
create index supply_requests_org_idx on supply_requests (org_id, status);

create table supply_movements (
  id         bigint generated always as identity primary key,
  org_id     uuid not null references organizations (id),
  item_code  text not null references supply_items (code),
  -- positive: received into stock; negative: handed over or written off
  quantity   integer not null check (quantity <> 0),
  kind       text not null check (kind in ('receipt', 'handover', 'adjustment')),
  person_id  uuid references persons (id),
  request_id uuid references supply_requests (id),
  note       text,
  by_user    uuid references users (id),
  at         timestamptz not null default now()
);
-- what a person received (their page, PDPA export)
create index supply_movements_person_idx on supply_movements (person_id) where person_id is not null;

create table notifications (
  id         uuid primary key default ruamjai_uuidv7(),
  user_id    uuid not null references users (id),
  kind       text not null,
  title_th   text not null,
  title_en   text not null,
  link       text,
  data       jsonb not null default '{}',
  -- one notice per user and subject per day for reminders (overdue work)
  dedupe_key text,
  created_at timestamptz not null default now(),
  read_at    timestamptz
);
create index notifications_user_idx on notifications (user_id, created_at desc);
create unique index notifications_dedupe_idx on notifications (user_id, dedupe_key) where dedupe_key is not null;

-- Delivery by email and LINE: an outbox worked by the app, retried with backoff.
create table notification_deliveries (
  id              bigint generated always as identity primary key,
  notification_id uuid not null references notifications (id),
  channel         text not null check (channel in ('email', 'line')),
  address         text not null,
  status          text not null default 'pending' check (status in ('pending', 'sent', 'failed')),
  attempts        integer not null default 0,
  next_attempt_at timestamptz not null default now(),
  last_error      text,
  sent_at         timestamptz
);
create index notification_deliveries_pending_idx on notification_deliveries (next_attempt_at) where status = 'pending';

alter table users add column line_user_id text;
