-- The audit log: append-only and hash-chained.
--
-- Each row's hash is sha256(previous hash || canonical text of the row), so
-- editing or deleting any row breaks the chain at that point; `verify`
-- recomputes it set-based. Rows are appended by audit_append() only, under
-- a transaction-scoped advisory lock so seq is gap-free and the chain has
-- one order. UPDATE, DELETE and TRUNCATE are refused by triggers; a
-- superuser who disables them is still caught by the chain, and
-- audit_anchors (written by each verify) catches rows cut off the tail.
create table audit_log (
  seq         bigint primary key,
  at          timestamptz not null,
  actor_id    uuid,
  actor_label text,
  action      text not null,
  entity      text not null,
  entity_id   text,
  changes     jsonb,
  ip          text,
  prev_hash   bytea not null,
  hash        bytea not null
);
-- an entity's history (the timeline of a record)
create index audit_log_entity_idx on audit_log (entity, entity_id, seq);
-- "what did this user do"
create index audit_log_actor_idx on audit_log (actor_id, seq);

create table audit_anchors (
  seq         bigint primary key,
  hash        bytea not null,
  verified_at timestamptz not null default now()
);

create or replace function audit_canonical(
  p_seq bigint, p_at timestamptz, p_actor_id uuid, p_actor_label text, p_action text,
  p_entity text, p_entity_id text, p_changes jsonb, p_ip text
) returns bytea
language sql immutable parallel safe as $$
  select convert_to(jsonb_build_array(
    p_seq, to_char(p_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'),
    p_actor_id, p_actor_label, p_action, p_entity, p_entity_id, p_changes, p_ip
  )::text, 'UTF8')
$$;

create or replace function audit_append(
  p_actor_id uuid, p_actor_label text, p_action text, p_entity text, p_entity_id text,
  p_changes jsonb, p_ip text
) returns bigint
language plpgsql as $$
declare
  v_prev bytea;
  v_seq  bigint;
  v_at   timestamptz := clock_timestamp();
begin
  perform pg_advisory_xact_lock(7245602);
  select seq, hash into v_seq, v_prev from audit_log order by seq desc limit 1;
  v_seq := coalesce(v_seq, 0) + 1;
  v_prev := coalesce(v_prev, '\x0000000000000000000000000000000000000000000000000000000000000000'::bytea);
  insert into audit_log (seq, at, actor_id, actor_label, action, entity, entity_id, changes, ip, prev_hash, hash)
  values (v_seq, v_at, p_actor_id, p_actor_label, p_action, p_entity, p_entity_id, p_changes, p_ip, v_prev,
          sha256(v_prev || audit_canonical(v_seq, v_at, p_actor_id, p_actor_label, p_action, p_entity, p_entity_id, p_changes, p_ip)));
  return v_seq;
end $$;

create or replace function audit_refuse_change() returns trigger
language plpgsql as $$
begin
  raise exception 'audit_log is append-only' using errcode = 'insufficient_privilege';
end $$;
create trigger audit_log_no_update before update or delete on audit_log for each row execute function audit_refuse_change();
create trigger audit_log_no_truncate before truncate on audit_log for each statement execute function audit_refuse_change();
