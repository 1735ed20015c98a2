-- The first cut of the registry: households and the people in them, enough
-- for demo data, scoped lists and the Songkhla-sized benchmarks. The
-- registry module grows these (provenance, linkage) in later migrations.
create table households (
  id             uuid primary key default ruamjai_uuidv7(),
  -- deepest known area: community, village or subdistrict
  area_code      text not null references areas (code),
  house_no       text,
  address        text,
  lat            double precision check (lat between -90 and 90),
  lon            double precision check (lon between -180 and 180),
  tenure         text check (tenure in ('owner', 'renter', 'public_land', 'other')),
  monthly_income numeric(12, 2) check (monthly_income >= 0),
  created_at     timestamptz not null default now(),
  updated_at     timestamptz not null default now()
);
-- households of an area subtree
create index households_area_idx on households (area_code text_pattern_ops);
create trigger households_touch before update on households for each row execute function touch_updated_at();

create table persons (
  id               uuid primary key default ruamjai_uuidv7(),
  household_id     uuid references households (id),
  -- copied from the household so that scoped person lists need no join
  area_code        text not null references areas (code),
  relation_to_head text,
  first_name       text not null check (btrim(first_name) <> ''),
  last_name        text,
  sex              text check (sex in ('female', 'male', 'other')),
  birth_date       date,
  birth_year       integer check (birth_year between 1880 and 2200),
  nationality      text,
  id_type          text not null default 'none' check (id_type in ('thai_id', 'pink_card', 'passport', 'none')),
  id_number        text,
  registry_status  text check (registry_status in ('registered_here', 'registered_elsewhere', 'unregistered')),
  phone            text,
  created_at       timestamptz not null default now(),
  updated_at       timestamptz not null default now(),
  check (id_type = 'none' or id_number is not null),
  check (id_type <> 'thai_id' or id_number ~ '^[0-9]{13}$')
);
create index persons_area_idx on persons (area_code text_pattern_ops);
create index persons_household_idx on persons (household_id);
-- exact document look-ups (linkage, search by ID)
create index persons_id_number_idx on persons (id_number) where id_number is not null;
create trigger persons_touch before update on persons for each row execute function touch_updated_at();
