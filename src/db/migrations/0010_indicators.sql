-- Targeting: indicators (rules over the registry's properties), the flags
-- they raise with since/until and evidence, and per-area counts kept
-- current so that area summaries read a few hundred rows, not millions.
create table indicators (
  id             uuid primary key default ruamjai_uuidv7(),
  code           text not null check (code ~ '^[a-z][a-z0-9_]{1,62}$'),
  name_th        text not null,
  name_en        text not null,
  description_th text,
  description_en text,
  -- the five Thai MPI dimensions
  dimension      text not null check (dimension in ('health', 'living', 'education', 'income', 'access')),
  target         text not null check (target in ('person', 'household')),
  rule           text not null,
  params         jsonb not null default '{}',
  -- the rule reads health or disability data: its flags are sensitive too
  sensitive      boolean not null default false,
  version        integer not null default 1,
  active         boolean not null default true,
  builtin        boolean not null default false,
  created_by     uuid references users (id),
  created_at     timestamptz not null default now(),
  updated_at     timestamptz not null default now()
);
create unique index indicators_code_key on indicators (code);
create trigger indicators_touch before update on indicators for each row execute function touch_updated_at();

-- every version of a rule, so a flag can be explained by the rule that raised it
create table indicator_versions (
  indicator_id uuid not null references indicators (id),
  version      integer not null,
  rule         text not null,
  params       jsonb not null,
  changed_by   uuid references users (id),
  changed_at   timestamptz not null default now(),
  primary key (indicator_id, version)
);

create table flags (
  id           bigint generated always as identity primary key,
  indicator_id uuid not null references indicators (id),
  subject_id   uuid not null,
  area_code    text not null,
  since        timestamptz not null default now(),
  until        timestamptz,
  version      integer not null,
  -- the values that made the rule true ("age 14, inSchool = no")
  evidence     jsonb not null default '{}'
);
-- one current flag per indicator and subject
create unique index flags_current_key on flags (indicator_id, subject_id) where until is null;
-- flagged lists of an area subtree, keyset-paged by subject
create index flags_area_idx on flags (indicator_id, area_code text_pattern_ops, subject_id) where until is null;
-- everything flagged about one subject (person page, "fails in N dimensions")
create index flags_subject_idx on flags (subject_id) where until is null;
-- counts at a past date (change over time)
create index flags_history_idx on flags (indicator_id, since, until);

-- Counts per leaf area (the area_code records carry), kept current by the
-- indicators module: population, households, and flags per indicator.
create table area_counts (
  area_code  text primary key,
  population integer not null default 0,
  households integer not null default 0
);
create table flag_counts (
  indicator_id uuid not null references indicators (id),
  area_code    text not null,
  count        integer not null,
  primary key (indicator_id, area_code)
);
