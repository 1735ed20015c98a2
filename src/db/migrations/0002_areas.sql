-- The area hierarchy: Thailand, DOPA provinces (2 digits), districts (4),
-- subdistricts (6), villages/moo (8), and urban communities (ชุมชน), which
-- are not in DOPA and hang under their subdistrict with a local code
-- '<subdistrict>-<local>'. Every code starts with its parent's code, so an
-- area subtree is a prefix range: code LIKE '9011%'. Scopes and area
-- filters everywhere rely on that.
create table areas (
  code        text primary key,
  parent_code text references areas (code),
  level       text not null check (level in ('country', 'province', 'district', 'subdistrict', 'village', 'community')),
  name_th     text not null check (name_th <> ''),
  name_en     text not null check (name_en <> ''),
  postcode    text,
  lat         double precision check (lat between -90 and 90),
  lon         double precision check (lon between -180 and 180),
  -- optional GeoJSON geometry (Polygon/MultiPolygon) for maps
  geometry    jsonb check (geometry is null or geometry ? 'type'),
  -- 'dopa' for official codes, 'local' for communities a network adds
  source      text not null default 'dopa' check (source in ('dopa', 'local')),
  active      boolean not null default true,
  created_at  timestamptz not null default now(),
  updated_at  timestamptz not null default now(),
  constraint area_code_shape check (
    (level = 'country' and code = 'TH' and parent_code is null)
    or (level = 'province' and code ~ '^[0-9]{2}$' and parent_code = 'TH')
    or (level = 'district' and code ~ '^[0-9]{4}$' and parent_code = substr(code, 1, 2))
    or (level = 'subdistrict' and code ~ '^[0-9]{6}$' and parent_code = substr(code, 1, 4))
    or (level = 'village' and code ~ '^[0-9]{8}$' and parent_code = substr(code, 1, 6))
    or (level = 'community' and code ~ '^[0-9]{6}-[A-Za-z0-9]{1,12}$' and parent_code = substr(code, 1, 6))
  )
);
-- children of an area, in code order (the areas browser and ?parent=)
create index areas_parent_idx on areas (parent_code, code);
-- subtree queries: code LIKE 'prefix%'
create index areas_code_prefix_idx on areas (code text_pattern_ops);
create trigger areas_touch before update on areas for each row execute function touch_updated_at();

-- The LIKE prefix of a scope: the country root covers every code.
create or replace function area_prefix(scope text) returns text
language sql immutable parallel safe as $$
  select case when scope = 'TH' then '' else scope end
$$;

insert into areas (code, parent_code, level, name_th, name_en) values ('TH', null, 'country', 'ประเทศไทย', 'Thailand');
