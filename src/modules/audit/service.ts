/**
 * Writing and reading the audit log. `record()` runs inside the caller's
 * transaction, so a change and its audit row commit or roll back together.
 */
import type { Db } from '../../db/index.js';
import * as q from './queries.js';

export interface Actor {
  id: string | null;
  label: string;
  ip?: string | undefined;
}

export const SYSTEM_ACTOR: Actor = { id: null, label: 'system' };

export interface AuditInput {
  action: string;
  entity: string;
  entityId?: string | null;
  /** What changed: `{field: {from, to}}` for updates, the new values for creations. Never secrets. */
  changes?: Record<string, unknown> | null;
}

export async function record(db: Db, actor: Actor, input: AuditInput): Promise<void> {
  await q.append(db, actor, input);
}

/** The fields whose values differ, as `{field: {from, to}}`; undefined `after` fields are ignored. */
export function diff<T extends object>(before: T, after: Partial<T>): Record<string, { from: unknown; to: unknown }> {
  const out: Record<string, { from: unknown; to: unknown }> = {};
  for (const [key, to] of Object.entries(after)) {
    if (to === undefined) continue;
    const from = (before as Record<string, unknown>)[key];
    if (JSON.stringify(from) !== JSON.stringify(to)) out[key] = { from, to };
  }
  return out;
}

export { list, verify } from './queries.js';
export type { AuditRow, AuditFilter, VerifyResult } from './queries.js';
