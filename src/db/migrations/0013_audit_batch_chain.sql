-- audit_append_many chained the entries by calling audit_append for each,
-- re-reading the last row every time; under a burst of group-committed
-- submissions that lookup was most of the time the audit lock was held.
-- Now: one lock, one lookup, the chain carried along in the loop.
create or replace function audit_append_many(p_entries jsonb) returns void
language plpgsql as $$
declare
  e      jsonb;
  v_prev bytea;
  v_seq  bigint;
  v_at   timestamptz;
  v_hash bytea;
  v_actor uuid;
begin
  perform pg_advisory_xact_lock(7245602);
  select seq, hash into v_seq, v_prev from audit_log order by seq desc limit 1;
  v_seq := coalesce(v_seq, 0);
  v_prev := coalesce(v_prev, '\x0000000000000000000000000000000000000000000000000000000000000000'::bytea);
  for e in select value from jsonb_array_elements(p_entries) loop
    v_seq := v_seq + 1;
    v_at := clock_timestamp();
    v_actor := nullif(e ->> 'actor_id', '')::uuid;
    v_hash := sha256(v_prev || audit_canonical(v_seq, v_at, v_actor, e ->> 'actor_label', e ->> 'action', e ->> 'entity', e ->> 'entity_id', e -> 'changes', e ->> 'ip'));
    insert into audit_log (seq, at, actor_id, actor_label, action, entity, entity_id, changes, ip, prev_hash, hash)
    values (v_seq, v_at, v_actor, e ->> 'actor_label', e ->> 'action', e ->> 'entity', e ->> 'entity_id', e -> 'changes', e ->> 'ip', v_prev, v_hash);
    v_prev := v_hash;
  end loop;
end $$;
