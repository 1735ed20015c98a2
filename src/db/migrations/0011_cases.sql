-- Acting on each person in need: cases, their timeline, and referrals
-- between organisations; patient transport requests.
create table case_types (
  code    text primary key check (code ~ '^[a-z][a-z0-9_]*$'),
  name_th text not null,
  name_en text not null,
  active  boolean not null default true
);
insert into case_types (code, name_th, name_en) values
  ('help_request', 'ขอความช่วยเหลือ', 'Help request'),
  ('referral', 'ส่งต่อ', 'Referral'),
  ('screening_follow_up', 'ติดตามผลคัดกรอง', 'Screening follow-up'),
  ('transport', 'รถรับส่งผู้ป่วย', 'Patient transport'),
  ('home_care', 'เยี่ยมบ้าน/ดูแลที่บ้าน', 'Home care'),
  ('supplies', 'อุปกรณ์และเวชภัณฑ์', 'Supplies'),
  ('education', 'การศึกษา', 'Education'),
  ('legal_status', 'สถานะทางทะเบียน', 'Legal status'),
  ('housing', 'ที่อยู่อาศัย', 'Housing'),
  ('other', 'อื่น ๆ', 'Other');

create table cases (
  id            uuid primary key default ruamjai_uuidv7(),
  subject_type  text not null check (subject_type in ('person', 'household')),
  subject_id    uuid not null,
  -- the subject's area when the case opened: scope and area queues
  area_code     text not null,
  type          text not null references case_types (code),
  status        text not null default 'open' check (status in ('open', 'in_progress', 'resolved', 'closed')),
  status_reason text,
  priority      text not null default 'normal' check (priority in ('low', 'normal', 'high', 'urgent')),
  owner_org     uuid not null references organizations (id),
  assignee      uuid references users (id),
  due           date,
  title         text,
  source        text not null default 'manual' check (source in ('manual', 'bulk', 'submission')),
  source_id     text,
  created_by    uuid references users (id),
  created_at    timestamptz not null default now(),
  updated_at    timestamptz not null default now()
);
-- one open case of a type per subject: bulk opening skips those who have one
create unique index cases_one_open_idx on cases (subject_id, type) where status in ('open', 'in_progress');
create index cases_owner_idx on cases (owner_org, status, due);
create index cases_assignee_idx on cases (assignee, status) where assignee is not null;
create index cases_area_idx on cases (area_code text_pattern_ops, status);
-- "reached": does a flagged subject have an open case
create index cases_subject_idx on cases (subject_id) where status in ('open', 'in_progress');
create trigger cases_touch before update on cases for each row execute function touch_updated_at();

create table case_events (
  id      uuid primary key default ruamjai_uuidv7(),
  case_id uuid not null references cases (id),
  kind    text not null check (kind in ('opened', 'note', 'status', 'visit', 'assignment', 'referral', 'task')),
  body    text,
  data    jsonb not null default '{}',
  by_user uuid references users (id),
  at      timestamptz not null default now()
);
create index case_events_case_idx on case_events (case_id, at);

create table referrals (
  id              uuid primary key default ruamjai_uuidv7(),
  case_id         uuid not null references cases (id),
  from_org        uuid not null references organizations (id),
  to_org          uuid not null references organizations (id),
  reason          text not null,
  -- the subject's properties the receiving organisation may see
  shared_fields   text[] not null default '{}',
  legal_basis     text not null check (legal_basis in ('consent', 'vital_interest', 'public_task', 'legal_obligation', 'legitimate_interest')),
  status          text not null default 'pending' check (status in ('pending', 'accepted', 'declined', 'completed', 'cancelled')),
  decision_reason text,
  outcome         text,
  due_at          timestamptz not null default now() + interval '7 days',
  created_by      uuid references users (id),
  created_at      timestamptz not null default now(),
  decided_by      uuid references users (id),
  decided_at      timestamptz,
  completed_at    timestamptz,
  check (from_org <> to_org)
);
create index referrals_to_idx on referrals (to_org, status);
create index referrals_from_idx on referrals (from_org, status);
create index referrals_case_idx on referrals (case_id);

create table transport_requests (
  id            uuid primary key default ruamjai_uuidv7(),
  case_id       uuid references cases (id),
  person_id     uuid not null references persons (id),
  org_id        uuid not null references organizations (id),
  pickup_address text not null,
  pickup_lat    double precision,
  pickup_lon    double precision,
  destination   text not null,
  appointment_at timestamptz not null,
  mobility      text not null default 'walking' check (mobility in ('walking', 'wheelchair', 'stretcher')),
  companion     boolean not null default false,
  status        text not null default 'requested' check (status in ('requested', 'scheduled', 'picked_up', 'arrived', 'returned', 'cancelled', 'no_show')),
  vehicle       text,
  driver        uuid references users (id),
  pickup_at     timestamptz,
  notes         text,
  created_by    uuid references users (id),
  created_at    timestamptz not null default now(),
  updated_at    timestamptz not null default now()
);
create index transport_day_idx on transport_requests (org_id, appointment_at);
create trigger transport_touch before update on transport_requests for each row execute function touch_updated_at();
