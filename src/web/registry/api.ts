/**
 * The registry endpoints (src/modules/registry): people, households, the
 * PDPA duties, imports of official lists and record linkage.
 */
import { request, withQuery, type Me, type Page } from '../api.js';

/** Every property of the registry vocabulary, in the order forms and imports show them. */
export const HOUSEHOLD_PROPERTIES = [
  'householdRef',
  'areaCode',
  'community',
  'houseNo',
  'moo',
  'address',
  'lat',
  'lon',
  'tenure',
  'monthlyIncome',
] as const;
export const PERSON_PROPERTIES = [
  'firstName',
  'lastName',
  'firstNameLatin',
  'lastNameLatin',
  'sex',
  'birthDate',
  'birthYear',
  'nationality',
  'idType',
  'idNumber',
  'registryStatus',
  'relationToHead',
  'inSchool',
  'occupation',
  'phone',
  'lineId',
  'disability',
  'bedridden',
  'chronicIllness',
  'vaccinated',
  'legalBasis',
] as const;
export const PROPERTIES = [...HOUSEHOLD_PROPERTIES, ...PERSON_PROPERTIES] as const;
export type PropertyName = (typeof PROPERTIES)[number];

/** Health and disability (PDPA s.26): shown only to staff of an organisation with a legal basis. */
export const SENSITIVE_PROPERTIES = ['disability', 'bedridden', 'chronicIllness', 'vaccinated'] as const;


export function isProperty(name: string): name is PropertyName {
  return (PROPERTIES as readonly string[]).includes(name);
}

export function isSensitive(name: string): boolean {
  return (SENSITIVE_PROPERTIES as readonly string[]).includes(name);
}

export type YesNo = 'yes' | 'no';

export interface Person {
  id: string;
  householdId: string | null;
  areaCode: string;
  firstName: string;
  lastName: string | null;
  firstNameLatin: string | null;
  lastNameLatin: string | null;
  sex: string | null;
  birthDate: string | null;
  birthYear: number | null;
  age: number | null;
  nationality: string | null;
  idType: string;
  idNumber: string | null;
  registryStatus: string | null;
  relationToHead: string | null;
  inSchool: string | null;
  occupation: string | null;
  phone: string | null;
  lineId: string | null;
  movedInOn?: string | null;
  movedOutOn?: string | null;
  legalBasis: string | null;
  /** Who recorded the legal basis for the health values, when, and on what. */
  legalBasisRecord?: { by: string | null; at: string | null; note: string | null } | null;
  mergedInto: string | null;
  erased: boolean;
  updatedAt: string;
  /** Only when the caller may see health data. */
  disability?: string | null;
  bedridden?: string | null;
  chronicIllness?: string | null;
  vaccinated?: string | null;
  /** Search relevance (only with q); the list keeps the server's order. */
  score?: number;
}

export interface Household {
  id: string;
  areaCode: string;
  community: string | null;
  houseNo: string | null;
  moo: string | null;
  address: string | null;
  lat: number | null;
  lon: number | null;
  tenure: string | null;
  monthlyIncome: number | null;
  updatedAt: string;
}

export interface SourceRef {
  kind: string;
  label: string | null;
  sourceId: string | null;
  at: string;
}

export interface TimelineEntry {
  at: string;
  kind: string;
  sourceId: string | null;
  label: string | null;
  values: unknown;
  by: string | null;
}

export interface PersonDetail extends Person {
  household: Household | null;
  sources: Record<string, SourceRef>;
  timeline: TimelineEntry[];
  sensitiveShown: boolean;
}

export interface HouseholdDetail extends Household {
  members: Person[];
  timeline: TimelineEntry[];
}

export interface ImportError {
  field: string;
  message: string;
  messageTh: string;
}

export interface ImportResult {
  importId: string | null;
  inserted: number;
  updated: number;
  unchanged: number;
  rejected: { line: number; errors: ImportError[] }[];
}

export interface LinkReasons {
  sameIdNumber?: boolean;
  nameSimilarity?: number;
  samePhoneticKey?: boolean;
  sameBirthDate?: boolean;
  birthYearDifference?: number;
  sameHousehold?: boolean;
  sameSubdistrict?: boolean;
  sameLatinName?: boolean;
  sexDiffers?: boolean;
  blocks?: string[];
  manual?: boolean;
}

export type LinkStatus = 'open' | 'merged' | 'distinct';

export interface LinkCandidate {
  a: Person;
  b: Person;
  score: number;
  reasons: LinkReasons;
  status: LinkStatus;
}

const enc = encodeURIComponent;

/** Imports of official lists and linkage decisions: coordinators and admins (as the server decides). */
export function canManageRegistry(me: Me | null | undefined): boolean {
  return Boolean(me?.memberships.some((m) => m.role === 'system_admin' || m.role === 'org_admin' || m.role === 'coordinator'));
}

export const registryApi = {
  people: (query: { q?: string; area?: string; limit?: number; cursor?: string | null }, signal?: AbortSignal) =>
    request<Page<Person>>('GET', withQuery('/api/v1/people', query), signal ? { signal } : {}),
  person: (id: string, signal?: AbortSignal) => request<PersonDetail>('GET', `/api/v1/people/${enc(id)}`, signal ? { signal } : {}),
  household: (id: string, signal?: AbortSignal) =>
    request<HouseholdDetail>('GET', `/api/v1/households/${enc(id)}`, signal ? { signal } : {}),
  exportUrl: (id: string, format: 'json' | 'html') => withQuery(`/api/v1/people/${enc(id)}/export`, { format: format === 'html' ? 'html' : undefined }),
  erase: (id: string, reason: string) => request<{ id: string; erased: true }>('POST', `/api/v1/people/${enc(id)}/erase`, { body: { reason } }),

  importPeople: (file: File, mapping: Record<string, string>, opts: { source?: string; partial?: boolean; legalBasis?: string; legalBasisNote?: string }) => {
    const body = new FormData();
    body.set('mapping', JSON.stringify(mapping));
    if (opts.source) body.set('source', opts.source);
    if (opts.legalBasis) body.set('legalBasis', opts.legalBasis);
    if (opts.legalBasisNote) body.set('legalBasisNote', opts.legalBasisNote);
    body.set('file', file, file.name);
    return request<ImportResult>('POST', withQuery('/api/v1/imports/people', { partial: opts.partial ? 'true' : undefined }), { rawBody: body });
  },

  candidates: (query: { area?: string; status?: LinkStatus; limit?: number; cursor?: string | null }) =>
    request<Page<LinkCandidate>>('GET', withQuery('/api/v1/linkage/candidates', query)),
  runLinkage: (area?: string) =>
    request<{ candidates: number; autoMerged: number; seconds: number }>('POST', '/api/v1/linkage/run', { body: area ? { area } : {} }),
  merge: (survivorId: string, mergedId: string, reason?: string) =>
    request<{ mergeId: string }>('POST', '/api/v1/linkage/merge', { body: { survivorId, mergedId, ...(reason ? { reason } : {}) } }),
  unmerge: (input: { mergeId?: string; personId?: string }) => request<{ mergeId: string; undone: true }>('POST', '/api/v1/linkage/unmerge', { body: input }),
  distinct: (a: string, b: string) => request<{ a: string; b: string }>('POST', '/api/v1/linkage/distinct', { body: { a, b } }),
};
