-- Submissions: one row per version of a filled form (an edit carrying
-- deprecatedID adds a row and marks the one it replaces as not current).
-- The OpenRosa instanceID is unique: a phone retrying a submission is
-- answered from the existing row, never stored twice.
create table submissions (
  id              uuid primary key default ruamjai_uuidv7(),
  form_pk         uuid not null references forms (id),
  form_version_id uuid not null references form_versions (id),
  instance_id     text not null,
  -- the first instanceID of the chain of edits; equals instance_id for an original
  root_id         text not null,
  deprecated_id   text,
  current         boolean not null default true,
  instance_name   text,
  xml             text not null,
  -- the instance as nested JSON (groups as objects, repeats as arrays),
  -- made once on receipt so that tables and exports never re-parse XML
  data            jsonb not null,
  -- sha256 of the XML as received: same instanceID + same hash = a retry
  content_hash    bytea not null,
  submitter_id    uuid references users (id),
  device_id       text,
  received_at     timestamptz not null default now(),
  -- received | approved | rejected | has_issues
  review_state    text not null default 'received' check (review_state in ('received', 'approved', 'rejected', 'has_issues')),
  review_comment  text,
  -- rule violations found on receipt: [{path, rule, message, messageTh}]
  issues          jsonb not null default '[]',
  area_code       text references areas (code),
  attachments_expected integer not null default 0,
  attachments_present  integer not null default 0
);
create unique index submissions_instance_id_key on submissions (instance_id);
-- the table of a form's submissions, newest first (web app, exports)
create index submissions_form_idx on submissions (form_pk, received_at desc, id) where current;
-- history of one submission
create index submissions_root_idx on submissions (root_id, received_at);

create table submission_attachments (
  submission_id uuid not null references submissions (id),
  name          text not null,
  content_type  text not null,
  size          integer not null,
  data          bytea,
  received_at   timestamptz not null default now(),
  primary key (submission_id, name)
);
