import { useLocation } from 'react-router';
import type { PersonHit } from '../cases/api.js';

/** What a case page hands to a service page it links to: the person and the case. */
export interface Prefill {
  person: PersonHit | null;
  caseId: string | null;
}

function isPerson(v: unknown): v is PersonHit {
  return typeof v === 'object' && v !== null && typeof (v as { id?: unknown }).id === 'string' && typeof (v as { firstName?: unknown }).firstName === 'string';
}

export function usePrefill(): Prefill {
  const state: unknown = useLocation().state;
  if (typeof state !== 'object' || state === null) return { person: null, caseId: null };
  const s = state as { person?: unknown; caseId?: unknown };
  return { person: isPerson(s.person) ? s.person : null, caseId: typeof s.caseId === 'string' ? s.caseId : null };
}
