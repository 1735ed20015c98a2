-- The registry: one record per real household and person, from surveys
-- and official lists, with where every value came from.

alter table organizations
  -- PDPA s.26: health and disability data may be shown to an organisation's
  -- staff only when the organisation has a legal basis to process them
  -- (e.g. 'public_task' for a municipal public health division, 'consent').
  add column sensitive_basis text check (sensitive_basis in ('consent', 'vital_interest', 'public_task', 'legal_obligation', 'legitimate_interest'));

alter table households
  add column community     text,
  add column moo           text,
  add column merged_into   uuid references households (id),
  add column erased_at     timestamptz;

alter table persons
  add column first_name_latin text,
  add column last_name_latin  text,
  -- search and linkage keys, computed in the app (src/lib/thai/names.ts)
  add column name_norm        text,
  add column name_key         text,
  add column phonetic_key     text,
  add column latin_key        text,
  add column moved_in_on      date,
  add column moved_out_on     date,
  add column in_school        text check (in_school in ('yes', 'no')),
  add column occupation       text,
  add column disability       text check (disability in ('yes', 'no')),
  add column bedridden        text check (bedridden in ('yes', 'no')),
  add column chronic_illness  text check (chronic_illness in ('yes', 'no')),
  add column vaccinated       text check (vaccinated in ('yes', 'no')),
  add column line_id          text,
  -- the person's own legal basis / consent for sensitive data, and who recorded it
  add column legal_basis      text check (legal_basis in ('consent', 'vital_interest', 'public_task', 'legal_obligation', 'legitimate_interest')),
  add column legal_basis_note text,
  add column legal_basis_by   uuid references users (id),
  add column legal_basis_at   timestamptz,
  -- a record merged into another points at it; every list skips it
  add column merged_into      uuid references persons (id),
  add column erased_at        timestamptz;

-- name search (partial, misspelt): trigrams of the loose match key
create index persons_name_key_trgm_idx on persons using gin (name_key gin_trgm_ops) where merged_into is null;
-- exact phonetic matches (search, linkage blocking)
create index persons_phonetic_idx on persons (phonetic_key, area_code) where merged_into is null;
-- the first page of people in an area, in id order, whatever the id layout
create index persons_area_id_idx on persons (area_code text_pattern_ops, id) where merged_into is null;
-- house number search within an area
create index households_house_no_idx on households (house_no, area_code);

-- Provenance: each source (a submission, an import line, an API call, a
-- merge) that supplied values to a record, with exactly those values.
-- The current value of a property came from the newest source that has it.
create table record_sources (
  id           bigint generated always as identity primary key,
  entity       text not null check (entity in ('person', 'household')),
  entity_id    uuid not null,
  source_kind  text not null check (source_kind in ('submission', 'import', 'api', 'merge', 'unmerge', 'erasure', 'demo')),
  source_id    text,
  source_label text,
  "values"     jsonb not null,
  recorded_by  uuid references users (id),
  recorded_at  timestamptz not null default now()
);
-- a record's timeline
create index record_sources_entity_idx on record_sources (entity_id, id);
-- re-processing a submission or import changes nothing: what did this source write already?
create index record_sources_source_idx on record_sources (source_kind, source_id);

-- Keys of records in outside sources (a list's row key, a survey's household ref),
-- so a re-import finds the record it made last time.
create table source_keys (
  source    text not null,
  entity    text not null check (entity in ('person', 'household')),
  key       text not null,
  entity_id uuid not null,
  primary key (source, entity, key)
);

create table imports (
  id          uuid primary key default ruamjai_uuidv7(),
  kind        text not null,
  source      text not null,
  filename    text not null,
  file_hash   text not null,
  mapping     jsonb not null,
  inserted    integer not null default 0,
  updated     integer not null default 0,
  unchanged   integer not null default 0,
  rejected    integer not null default 0,
  created_by  uuid references users (id),
  created_at  timestamptz not null default now()
);

-- Record linkage: candidate pairs of records that may be one person.
create table link_candidates (
  a          uuid not null references persons (id),
  b          uuid not null references persons (id),
  score      real not null,
  reasons    jsonb not null,
  status     text not null default 'open' check (status in ('open', 'merged', 'distinct')),
  decided_by uuid references users (id),
  decided_at timestamptz,
  created_at timestamptz not null default now(),
  primary key (a, b),
  check (a < b)
);
-- the review queue, best first
create index link_candidates_open_idx on link_candidates (score desc) where status = 'open';

create table merges (
  id              uuid primary key default ruamjai_uuidv7(),
  survivor_id     uuid not null references persons (id),
  merged_id       uuid not null references persons (id),
  -- both records as they were, so an unmerge restores them exactly
  survivor_before jsonb not null,
  merged_before   jsonb not null,
  automatic       boolean not null default false,
  reason          text,
  decided_by      uuid references users (id),
  decided_at      timestamptz not null default now(),
  undone_at       timestamptz,
  undone_by       uuid references users (id)
);
create index merges_people_idx on merges (survivor_id) where undone_at is null;
