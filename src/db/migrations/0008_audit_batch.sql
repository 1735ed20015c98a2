-- Many audit entries in one call (group-committed submissions), chained in
-- the order given, under the same lock as audit_append.
create or replace function audit_append_many(p_entries jsonb) returns void
language plpgsql as $$
declare
  e jsonb;
begin
  for e in select value from jsonb_array_elements(p_entries) loop
    perform audit_append(
      nullif(e ->> 'actor_id', '')::uuid, e ->> 'actor_label', e ->> 'action', e ->> 'entity',
      e ->> 'entity_id', e -> 'changes', e ->> 'ip');
  end loop;
end $$;
