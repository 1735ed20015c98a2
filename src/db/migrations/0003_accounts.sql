-- Organisations, users, memberships and sessions.
create table organizations (
  id         uuid primary key default ruamjai_uuidv7(),
  parent_id  uuid references organizations (id),
  name_th    text not null check (btrim(name_th) <> ''),
  name_en    text not null check (btrim(name_en) <> ''),
  kind       text not null default 'other'
             check (kind in ('foundation', 'municipality', 'division', 'university', 'hospital', 'ngo', 'association', 'government', 'community', 'other')),
  area_code  text references areas (code),
  active     boolean not null default true,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  check (parent_id is null or parent_id <> id)
);
-- two organisations with the same Thai name are almost always a double entry
create unique index organizations_name_th_key on organizations (lower(btrim(name_th)));
create index organizations_parent_idx on organizations (parent_id);
create trigger organizations_touch before update on organizations for each row execute function touch_updated_at();

create table users (
  id                  uuid primary key default ruamjai_uuidv7(),
  email               text not null check (email = lower(btrim(email)) and email like '%_@_%'),
  display_name        text not null check (btrim(display_name) <> ''),
  -- scrypt$N$r$p$salt$hash (see src/modules/accounts/passwords.ts)
  password_hash       text not null,
  locale              text not null default 'th' check (locale in ('th', 'en')),
  active              boolean not null default true,
  -- bumped on password change and deactivation: cached HTTP Basic credentials
  -- carry the version they were verified at and die with it
  credentials_version integer not null default 1,
  last_login_at       timestamptz,
  created_at          timestamptz not null default now(),
  updated_at          timestamptz not null default now()
);
create unique index users_email_key on users (email);
create trigger users_touch before update on users for each row execute function touch_updated_at();

create table memberships (
  id              uuid primary key default ruamjai_uuidv7(),
  user_id         uuid not null references users (id) on delete cascade,
  organization_id uuid not null references organizations (id),
  role            text not null check (role in ('system_admin', 'org_admin', 'coordinator', 'caseworker', 'volunteer', 'viewer')),
  area_scope      text not null references areas (code),
  created_at      timestamptz not null default now(),
  unique (user_id, organization_id, role, area_scope)
);
-- "who works for this organisation" (user lists of an org admin)
create index memberships_org_idx on memberships (organization_id);

create table sessions (
  id           uuid primary key default ruamjai_uuidv7(),
  user_id      uuid not null references users (id) on delete cascade,
  -- sha256 of the 256-bit token: a leaked table does not leak sessions
  token_hash   bytea not null unique,
  created_at   timestamptz not null default now(),
  last_seen_at timestamptz not null default now(),
  expires_at   timestamptz not null,
  ended_at     timestamptz,
  end_reason   text check (end_reason in ('logout', 'idle', 'expired', 'deactivated', 'password_changed', 'rotated')),
  ip           text,
  user_agent   text
);
-- ending every live session of a user at once (deactivation, password change)
create index sessions_live_user_idx on sessions (user_id) where ended_at is null;

-- Small key/value store for instance-wide facts (bootstrap done, demo loaded).
create table instance_settings (
  key        text primary key,
  value      jsonb not null,
  updated_at timestamptz not null default now()
);
