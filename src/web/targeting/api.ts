/**
 * The targeting endpoints (src/modules/indicators): indicators, the rule
 * preview, flagged lists, targeting lists and exports, area summaries and
 * trends (members' and public).
 */
import { request, withQuery, type Page } from '../api.js';
import type { Household, Person } from '../registry/api.js';

export const DIMENSIONS = ['health', 'living', 'education', 'income', 'access'] as const;
export type Dimension = (typeof DIMENSIONS)[number];
export type Target = 'person' | 'household';

export function isDimension(s: string): s is Dimension {
  return (DIMENSIONS as readonly string[]).includes(s);
}

export type Params = Record<string, number | string>;

export interface Indicator {
  code: string;
  nameTh: string;
  nameEn: string;
  descriptionTh: string | null;
  descriptionEn: string | null;
  dimension: string;
  target: Target;
  rule: string;
  params: Params;
  sensitive: boolean;
  version: number;
  active: boolean;
  builtin: boolean;
  updatedAt?: string;
}

export interface IndicatorInput {
  code: string;
  nameTh: string;
  nameEn: string;
  descriptionTh?: string;
  descriptionEn?: string;
  dimension: string;
  target: Target;
  rule: string;
  params?: Params;
}

export type IndicatorPatch = Partial<Omit<IndicatorInput, 'code' | 'target'>> & { active?: boolean };

export interface Preview {
  flagged: number;
  total: number;
  area: string | null;
}

export interface Member {
  id: string;
  since: string;
  evidence: Record<string, unknown>;
  person?: Person | null;
  household?: Household | null;
}

export interface MembersPage extends Page<Member> {
  indicator: { code: string; nameTh: string; nameEn: string; target: Target; dimension: string };
}

export interface TargetRow {
  id: string;
  areaCode: string;
  indicators: string[];
  dimensions: number;
  evidence: Record<string, Record<string, unknown>>;
  firstName: string | null;
  lastName: string | null;
  sex: string | null;
  age: number | null;
  houseNo: string | null;
  community: string | null;
}

export interface TargetFilter {
  target: 'people' | 'households';
  indicators?: string[];
  dimension?: string;
  minDimensions?: number;
  area?: string;
}

export interface SummaryIndicator {
  code: string;
  nameTh: string;
  nameEn: string;
  dimension: string;
  target: string;
  /** null: withheld (public figures under 5). */
  count: number | null;
  rate: number | null;
  /** Flagged with an open case (members only; null in public figures). */
  reached?: number | null;
}

export interface SummaryChild {
  code: string;
  nameTh: string;
  nameEn: string;
  level: string;
  population: number | null;
  households: number | null;
}

export interface AreaFigures {
  code: string;
  nameTh: string;
  nameEn: string;
  level: string;
  population: number | null;
  households: number | null;
  indicators: SummaryIndicator[];
  dimensions: { dimension: string; count: number | null }[];
  children: SummaryChild[];
}

export interface Trend {
  indicator: string;
  area: string;
  points: { at: string; count: number | null }[];
}

const enc = encodeURIComponent;

/**
 * The area filter as the lists understand it: the whole country is no
 * filter (the server reads the code as a prefix, and no code starts with TH).
 */
export function areaFilter(area: string | undefined | null): string | undefined {
  const a = area?.trim();
  return a && a.toUpperCase() !== 'TH' ? a : undefined;
}

function targetQuery(f: TargetFilter) {
  return {
    indicators: f.indicators?.length ? f.indicators.join(',') : undefined,
    dimension: f.dimension,
    minDimensions: f.minDimensions && f.minDimensions > 1 ? f.minDimensions : undefined,
    area: areaFilter(f.area),
  };
}

export const targetingApi = {
  indicators: (signal?: AbortSignal) => request<Indicator[]>('GET', '/api/v1/indicators', signal ? { signal } : {}),
  create: (input: IndicatorInput) => request<Indicator>('POST', '/api/v1/indicators', { body: input }),
  update: (code: string, patch: IndicatorPatch) => request<Indicator>('PATCH', `/api/v1/indicators/${enc(code)}`, { body: patch }),
  preview: (input: { rule: string; target: Target; params?: Params; area?: string }, signal?: AbortSignal) =>
    request<Preview>('POST', '/api/v1/indicators/preview', { body: { ...input, area: areaFilter(input.area) }, ...(signal ? { signal } : {}) }),
  members: (code: string, query: { area?: string; limit?: number; cursor?: string | null }, signal?: AbortSignal) =>
    request<MembersPage>('GET', withQuery(`/api/v1/indicators/${enc(code)}/members`, { ...query, area: areaFilter(query.area) }), signal ? { signal } : {}),
  targets: (f: TargetFilter, page: { limit?: number; cursor?: string | null }, signal?: AbortSignal) =>
    request<Page<TargetRow>>('GET', withQuery(`/api/v1/targeting/${f.target}`, { ...targetQuery(f), ...page }), signal ? { signal } : {}),
  /** A download link of the whole list (CSV or XLSX); the server records the export. */
  exportUrl: (f: TargetFilter, format: 'csv' | 'xlsx') => withQuery(`/api/v1/targeting/${f.target}`, { ...targetQuery(f), format }),
  summary: (code: string, signal?: AbortSignal) => request<AreaFigures>('GET', `/api/v1/areas/${enc(code)}/summary`, signal ? { signal } : {}),
  trend: (code: string, indicator: string, months = 12, signal?: AbortSignal) =>
    request<Trend>('GET', withQuery(`/api/v1/areas/${enc(code)}/trend`, { indicator, months }), signal ? { signal } : {}),
  publicSummary: (code: string, signal?: AbortSignal) =>
    request<AreaFigures>('GET', `/api/v1/public/areas/${enc(code)}/summary`, { skipUnauthorizedHandler: true, ...(signal ? { signal } : {}) }),
  publicTrend: (code: string, indicator: string, months = 12, signal?: AbortSignal) =>
    request<Trend>('GET', withQuery(`/api/v1/public/areas/${enc(code)}/trend`, { indicator, months }), {
      skipUnauthorizedHandler: true,
      ...(signal ? { signal } : {}),
    }),
};
