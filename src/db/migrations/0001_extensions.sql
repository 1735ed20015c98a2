-- Extensions and helpers every later migration may use.
-- pgcrypto: gen_random_bytes; pg_trgm: fuzzy name search (registry).
create extension if not exists pgcrypto;
create extension if not exists pg_trgm;

-- UUID version 7 (time-ordered) made in SQL, for set-based inserts
-- (INSERT ... SELECT) where the application cannot hand out identifiers.
-- Records born in the app or on a phone get their v7 id there instead.
-- PostgreSQL 18 has uuidv7(); this one also runs on 15 and 16.
create or replace function ruamjai_uuidv7() returns uuid
language sql volatile parallel safe as $$
  select encode(
    set_bit(set_bit(
      overlay(uuid_send(gen_random_uuid())
              placing substring(int8send(floor(extract(epoch from clock_timestamp()) * 1000)::bigint) from 3)
              from 1 for 6),
      52, 1), 53, 1),
    'hex')::uuid
$$;

-- Keeps updated_at honest without every query remembering to set it.
create or replace function touch_updated_at() returns trigger
language plpgsql as $$
begin
  new.updated_at := now();
  return new;
end $$;
