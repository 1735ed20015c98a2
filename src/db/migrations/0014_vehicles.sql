-- Vehicles and drivers of the transport service, with when they are not
-- available; a trip is scheduled on a vehicle, with a driver.
create table vehicles (
  id         uuid primary key default ruamjai_uuidv7(),
  org_id     uuid not null references organizations (id),
  name       text not null,
  plate      text,
  wheelchair boolean not null default false,
  stretcher  boolean not null default false,
  seats      integer not null default 4 check (seats between 1 and 60),
  active     boolean not null default true,
  unique (org_id, name)
);

-- times a vehicle or a driver cannot be booked (maintenance, leave)
create table unavailability (
  id         uuid primary key default ruamjai_uuidv7(),
  vehicle_id uuid references vehicles (id),
  driver_id  uuid references users (id),
  starts_at  timestamptz not null,
  ends_at    timestamptz not null,
  reason     text,
  check (ends_at > starts_at),
  check ((vehicle_id is null) <> (driver_id is null))
);
create index unavailability_vehicle_idx on unavailability (vehicle_id, starts_at);
create index unavailability_driver_idx on unavailability (driver_id, starts_at);

alter table transport_requests add column vehicle_id uuid references vehicles (id);
