/**
 * Patient transport, home care and supplies (src/modules/cases/transport.ts,
 * care.ts, supplies.ts).
 */
import { request, withQuery } from '../api.js';

const enc = encodeURIComponent;
type Opt = { signal?: AbortSignal };
const sig = (signal?: AbortSignal): Opt => (signal ? { signal } : {});

// ---------- transport

export const MOBILITY = ['walking', 'wheelchair', 'stretcher'] as const;
export type Mobility = (typeof MOBILITY)[number];

export const TRIP_STATUSES = ['requested', 'scheduled', 'picked_up', 'arrived', 'returned', 'cancelled', 'no_show'] as const;
export type TripStatus = (typeof TRIP_STATUSES)[number];

/**
 * The next statuses of a trip. The schedule does not say them, so they
 * mirror TRIP_TRANSITIONS of src/modules/cases/transport.ts (the server
 * still decides: a stale page gets a 409 naming the allowed ones).
 */
export const TRIP_NEXT: Record<string, TripStatus[]> = {
  requested: ['scheduled', 'cancelled'],
  scheduled: ['picked_up', 'no_show', 'requested', 'cancelled'],
  picked_up: ['arrived'],
  arrived: ['returned'],
  returned: [],
  cancelled: [],
  no_show: [],
};

/** The steps a driver takes on the road (the rest is the office's). */
export const DRIVER_STEPS: readonly string[] = ['picked_up', 'arrived', 'returned', 'no_show'];

export interface TripInput {
  personId: string;
  caseId?: string;
  orgId?: string;
  pickupAddress: string;
  pickupLat?: number;
  pickupLon?: number;
  destination: string;
  appointmentAt: string;
  mobility?: Mobility;
  companion?: boolean;
  notes?: string;
}

export interface Trip {
  id: string;
  personId: string;
  firstName: string;
  lastName: string | null;
  pickupAddress: string;
  pickupLat: number | null;
  pickupLon: number | null;
  destination: string;
  appointmentAt: string;
  mobility: string;
  companion: boolean;
  status: string;
  vehicle: string | null;
  driver: string | null;
  pickupAt: string | null;
}

export interface Schedule {
  date: string;
  trips: number;
  groups: { hour: string; destination: string; trips: Trip[] }[];
}

export interface TripMove {
  status: string;
  vehicle?: string;
  vehicleId?: string;
  driver?: string;
  pickupAt?: string;
}

/** A vehicle of the transport service and what it can carry. */
export interface Vehicle {
  id: string;
  orgId: string;
  name: string;
  plate: string | null;
  wheelchair: boolean;
  stretcher: boolean;
  seats: number;
  /** In maintenance (or otherwise unavailable) at some time of the day asked for. */
  unavailableThatDay: boolean;
}

/** Whether a vehicle can carry a patient of this mobility. */
/** Trips of one month, as GET /transport/figures counts them. */
export interface TripMonth {
  month: string;
  requested: number;
  completed: number;
  cancelled: number;
  noShow: number;
  wheelchairOrStretcher: number;
  patients: number;
}

export function canCarry(v: Vehicle, mobility: string): boolean {
  return (mobility !== 'wheelchair' || v.wheelchair) && (mobility !== 'stretcher' || v.stretcher);
}

// ---------- home care

export const VITALS = ['bpSystolic', 'bpDiastolic', 'pulse', 'temperature', 'spo2', 'bloodSugar', 'weight'] as const;
export type Vital = (typeof VITALS)[number];

/** Limits the server accepts (src/modules/cases/routes.ts) and the step of each input. */
export const VITAL_LIMITS: Record<Vital, { min: number; max: number; step: number }> = {
  bpSystolic: { min: 40, max: 300, step: 1 },
  bpDiastolic: { min: 20, max: 200, step: 1 },
  pulse: { min: 20, max: 250, step: 1 },
  temperature: { min: 30, max: 45, step: 0.1 },
  spo2: { min: 50, max: 100, step: 1 },
  bloodSugar: { min: 10, max: 1000, step: 1 },
  weight: { min: 1, max: 400, step: 0.1 },
};

export interface CarePlan {
  id: string;
  personId: string;
  firstName: string;
  lastName: string | null;
  orgId: string;
  caregiverId: string | null;
  caregiverName: string | null;
  everyDays: number;
  nextDue: string;
  active: boolean;
  lastVisit: string | null;
  missed: boolean;
  /** The caller's organisation has no legal basis for health data: the visit history stays closed. */
  sensitiveHidden: boolean;
}

export interface PlanInput {
  personId: string;
  orgId?: string;
  caregiverId?: string;
  caregiverName?: string;
  everyDays: number;
  firstDue?: string;
  notes?: string;
}

export interface VisitInput {
  visitedAt: string;
  vitals?: Partial<Record<Vital, number>>;
  notes?: string;
  needs?: string[];
}

export interface Visit {
  id: string;
  planId: string;
  visitedAt: string;
  byName: string | null;
  vitals: Partial<Record<Vital, number>> | null;
  notes: string | null;
  needs: string[];
}

// ---------- supplies

export interface SupplyItem {
  code: string;
  nameTh: string;
  nameEn: string;
  unitTh: string;
  unitEn: string;
}

export interface StockRow {
  orgId: string;
  itemCode: string;
  quantity: number;
}

export interface SupplyRequest {
  id: string;
  orgId: string;
  itemCode: string;
  quantity: number;
  status: string;
  reason: string | null;
  createdAt: string;
}

export interface Handover {
  itemCode: string;
  quantity: number;
  orgId: string;
  at: string;
  note: string | null;
}

export const servicesApi = {
  requestTrip: (input: TripInput) => request<{ id: string; status: string }>('POST', '/api/v1/transport/requests', { body: input }),
  moveTrip: (id: string, move: TripMove) =>
    request<{ id: string; status: string }>('POST', `/api/v1/transport/requests/${enc(id)}/status`, { body: move }),
  vehicles: (date: string, signal?: AbortSignal) => request<Vehicle[]>('GET', withQuery('/api/v1/transport/vehicles', { date }), sig(signal)),
  schedule: (date: string, signal?: AbortSignal) => request<Schedule>('GET', withQuery('/api/v1/transport/schedule', { date }), sig(signal)),
  figures: (signal?: AbortSignal) => request<TripMonth[]>('GET', '/api/v1/transport/figures?months=6', sig(signal)),

  plans: (f: { missed?: boolean; personId?: string }, signal?: AbortSignal) =>
    request<CarePlan[]>('GET', withQuery('/api/v1/homecare/plans', { missed: f.missed ? 'true' : undefined, personId: f.personId }), sig(signal)),
  createPlan: (input: PlanInput) => request<{ id: string; nextDue: string }>('POST', '/api/v1/homecare/plans', { body: input }),
  logVisit: (planId: string, input: VisitInput) =>
    request<{ id: string; planId: string }>('POST', `/api/v1/homecare/plans/${enc(planId)}/visits`, { body: input }),
  visits: (personId: string, signal?: AbortSignal) => request<Visit[]>('GET', `/api/v1/people/${enc(personId)}/visits`, sig(signal)),

  items: (signal?: AbortSignal) => request<SupplyItem[]>('GET', '/api/v1/supplies/items', sig(signal)),
  stock: (signal?: AbortSignal) => request<StockRow[]>('GET', '/api/v1/supplies/stock', sig(signal)),
  receive: (input: { orgId?: string; itemCode: string; quantity: number; note?: string }) =>
    request<{ orgId: string; itemCode: string; stock: number }>('POST', '/api/v1/supplies/receipts', { body: input }),
  requestSupply: (input: { personId: string; orgId?: string; itemCode: string; quantity: number; reason?: string; caseId?: string }) =>
    request<{ id: string; status: string }>('POST', '/api/v1/supplies/requests', { body: input }),
  handOver: (id: string) =>
    request<{ id: string; status: string; stockLeft: number }>('POST', `/api/v1/supplies/requests/${enc(id)}/handover`),
  personSupplies: (personId: string, signal?: AbortSignal) =>
    request<{ requests: SupplyRequest[]; handovers: Handover[] }>('GET', `/api/v1/people/${enc(personId)}/supplies`, sig(signal)),
};
