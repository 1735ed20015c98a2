-- Tasks of a case (what must be done, by whom, by when) and files on its timeline.
create table case_tasks (
  id         uuid primary key default ruamjai_uuidv7(),
  case_id    uuid not null references cases (id),
  title      text not null check (btrim(title) <> ''),
  assignee   uuid references users (id),
  due        date,
  done_at    timestamptz,
  done_by    uuid references users (id),
  created_by uuid references users (id),
  created_at timestamptz not null default now()
);
create index case_tasks_case_idx on case_tasks (case_id);
-- "my open tasks"
create index case_tasks_open_idx on case_tasks (assignee, due) where done_at is null;

create table case_attachments (
  id           uuid primary key default ruamjai_uuidv7(),
  case_id      uuid not null references cases (id),
  name         text not null,
  content_type text not null,
  size         integer not null,
  data         bytea not null,
  by_user      uuid references users (id),
  at           timestamptz not null default now()
);
create index case_attachments_case_idx on case_attachments (case_id);
