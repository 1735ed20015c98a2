-- Forms (XLSForm surveys), their versions, and who may fill and see them.
--
-- A form is identified by its XLSForm form_id. Each upload with a new
-- `version` adds a form_versions row; the newest published one is what
-- ODK Collect and the web app fill. A submission names the version it was
-- filled with, so old versions stay readable forever.
create table forms (
  id            uuid primary key default ruamjai_uuidv7(),
  form_id       text not null check (form_id ~ '^[A-Za-z_][A-Za-z0-9_.-]*$'),
  title         text not null,
  -- draft: only editors see it; open: filled and listed; closing: no new
  -- downloads but submissions still accepted; closed: nothing accepted
  state         text not null default 'open' check (state in ('draft', 'open', 'closing', 'closed')),
  -- who may fill / see submissions: [] means every organisation and role of the network
  fill_access   jsonb not null default '[]' check (jsonb_typeof(fill_access) = 'array'),
  view_access   jsonb not null default '[]' check (jsonb_typeof(view_access) = 'array'),
  owner_org_id  uuid references organizations (id),
  created_by    uuid references users (id),
  created_at    timestamptz not null default now(),
  updated_at    timestamptz not null default now()
);
create unique index forms_form_id_key on forms (form_id);
create trigger forms_touch before update on forms for each row execute function touch_updated_at();

create table form_versions (
  id           uuid primary key default ruamjai_uuidv7(),
  form_pk      uuid not null references forms (id),
  version      text not null,
  title        text not null,
  -- the parsed form model (src/lib/forms/model.ts)
  definition   jsonb not null,
  xform        text not null,
  -- md5 of the XForm, as the OpenRosa form list announces it
  hash         text not null,
  -- the uploaded XLSForm, kept so a form can always be downloaded as it was written
  source_name  text not null,
  source       bytea not null,
  published_at timestamptz,
  created_by   uuid references users (id),
  created_at   timestamptz not null default now(),
  unique (form_pk, version)
);
-- the current version of a form: newest published
create index form_versions_current_idx on form_versions (form_pk, published_at desc) where published_at is not null;
