/**
 * What the phone keeps (IndexedDB): form definitions the user opened,
 * drafts saved as they type, their photos and files, and the outbox of
 * finished forms waiting to be sent. Everything is per user: on a shared
 * phone each volunteer sees only their own drafts and outbox.
 */
import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import type { FormDefinition } from '../../../lib/forms/model.js';
import type { Snapshot } from '../engine/session.js';
import type { FormSummary } from '../api.js';

export interface StoredDefinition {
  /** `${formId}\u0000${version}` */
  key: string;
  formId: string;
  version: string;
  hash: string;
  definition: FormDefinition;
  fetchedAt: number;
}

export interface Draft {
  id: string;
  userId: string;
  formId: string;
  version: string;
  title: string;
  instanceId: string;
  /** The instanceID of the submission this draft edits, if any. */
  deprecatedId: string | null;
  instanceName: string;
  snapshot: Snapshot;
  createdAt: number;
  updatedAt: number;
}

export interface StoredFile {
  /** `${ownerId}/${name}`: owner = the draft (then the outbox item, same id). */
  key: string;
  ownerId: string;
  name: string;
  type: string;
  blob: Blob;
}

export interface OutboxError {
  status: number;
  title: string;
  titleTh: string | null;
  detail: string | null;
  detailTh: string | null;
}

export interface OutboxItem {
  /** The draft's id. */
  id: string;
  userId: string;
  formId: string;
  version: string;
  title: string;
  instanceId: string;
  deprecatedId: string | null;
  instanceName: string;
  xml: string;
  /** Attachment file names (stored under this id). */
  files: string[];
  createdAt: number;
  attempts: number;
  nextAttemptAt: number;
  /** The last refusal (4xx) or failure; a refused item waits for the user. */
  error: OutboxError | null;
  state: 'pending' | 'refused';
  /** The draft, to open it again and fix it after a refusal. */
  snapshot: Snapshot;
}

interface RuamjaiDB extends DBSchema {
  definitions: { key: string; value: StoredDefinition; indexes: { formId: string } };
  drafts: { key: string; value: Draft; indexes: { userId: string } };
  files: { key: string; value: StoredFile; indexes: { ownerId: string } };
  outbox: { key: string; value: OutboxItem; indexes: { userId: string } };
  lists: { key: string; value: { key: string; forms: FormSummary[]; savedAt: number } };
}

const DB_NAME = 'ruamjai-forms';
let dbPromise: Promise<IDBPDatabase<RuamjaiDB>> | null = null;

export function db(): Promise<IDBPDatabase<RuamjaiDB>> {
  dbPromise ??= openDB<RuamjaiDB>(DB_NAME, 1, {
    upgrade(d) {
      d.createObjectStore('definitions', { keyPath: 'key' }).createIndex('formId', 'formId');
      d.createObjectStore('drafts', { keyPath: 'id' }).createIndex('userId', 'userId');
      d.createObjectStore('files', { keyPath: 'key' }).createIndex('ownerId', 'ownerId');
      d.createObjectStore('outbox', { keyPath: 'id' }).createIndex('userId', 'userId');
      d.createObjectStore('lists', { keyPath: 'key' });
    },
    blocking() {
      // A newer version of the app wants to upgrade: let it.
      void dbPromise?.then((d) => d.close());
      dbPromise = null;
    },
  });
  return dbPromise;
}

/** Asks the browser not to evict our data under storage pressure (best effort). */
export function requestPersistence(): void {
  try {
    void navigator.storage?.persist?.().catch(() => false);
  } catch {
    // not available
  }
}

// ---- definitions

export async function saveDefinition(formId: string, version: string, hash: string, definition: FormDefinition): Promise<void> {
  await (await db()).put('definitions', { key: `${formId}\u0000${version}`, formId, version, hash, definition, fetchedAt: Date.now() });
}

/** A stored definition: that version, or the newest one fetched. */
export async function loadDefinition(formId: string, version?: string): Promise<StoredDefinition | undefined> {
  const d = await db();
  if (version) return d.get('definitions', `${formId}\u0000${version}`);
  const all = await d.getAllFromIndex('definitions', 'formId', formId);
  return all.sort((a, b) => b.fetchedAt - a.fetchedAt)[0];
}

export async function storedFormIds(): Promise<Set<string>> {
  const keys = await (await db()).getAllKeysFromIndex('definitions', 'formId');
  return new Set(keys.map((k) => k.split('\u0000')[0] ?? ''));
}

// ---- the forms list, for offline use

export async function saveFormList(userId: string, forms: FormSummary[]): Promise<void> {
  await (await db()).put('lists', { key: `forms:${userId}`, forms, savedAt: Date.now() });
}

export async function loadFormList(userId: string): Promise<{ forms: FormSummary[]; savedAt: number } | undefined> {
  return (await db()).get('lists', `forms:${userId}`);
}

// ---- drafts

export async function saveDraft(draft: Draft): Promise<void> {
  await (await db()).put('drafts', draft);
}

export async function getDraft(id: string): Promise<Draft | undefined> {
  return (await db()).get('drafts', id);
}

export async function listDrafts(userId: string): Promise<Draft[]> {
  const all = await (await db()).getAllFromIndex('drafts', 'userId', userId);
  return all.sort((a, b) => b.updatedAt - a.updatedAt);
}

/** Deletes a draft and its files. */
export async function deleteDraft(id: string): Promise<void> {
  const d = await db();
  const tx = d.transaction(['drafts', 'files'], 'readwrite');
  await tx.objectStore('drafts').delete(id);
  const files = tx.objectStore('files');
  for (const key of await files.index('ownerId').getAllKeys(id)) await files.delete(key);
  await tx.done;
  notify();
}

// ---- files

export async function saveFile(ownerId: string, name: string, blob: Blob): Promise<void> {
  await (await db()).put('files', { key: `${ownerId}/${name}`, ownerId, name, type: blob.type, blob });
}

export async function getFile(ownerId: string, name: string): Promise<StoredFile | undefined> {
  return (await db()).get('files', `${ownerId}/${name}`);
}

/** Removes the files of an owner that are no longer named by its answers. */
export async function pruneFiles(ownerId: string, keep: readonly string[]): Promise<void> {
  const d = await db();
  const tx = d.transaction('files', 'readwrite');
  for (const key of await tx.store.index('ownerId').getAllKeys(ownerId)) {
    const name = key.slice(ownerId.length + 1);
    if (!keep.includes(name)) await tx.store.delete(key);
  }
  await tx.done;
}

// ---- outbox

/** Moves a finished draft to the outbox in one transaction (its files stay under the same id). */
export async function enqueue(item: OutboxItem): Promise<void> {
  const d = await db();
  const tx = d.transaction(['drafts', 'outbox'], 'readwrite');
  await tx.objectStore('outbox').put(item);
  await tx.objectStore('drafts').delete(item.id);
  await tx.done;
  notify();
}

export async function listOutbox(userId: string): Promise<OutboxItem[]> {
  const all = await (await db()).getAllFromIndex('outbox', 'userId', userId);
  return all.sort((a, b) => a.createdAt - b.createdAt);
}

export async function updateOutbox(item: OutboxItem): Promise<void> {
  await (await db()).put('outbox', item);
  notify();
}

/** Removes a sent item and its files. */
export async function removeSent(id: string): Promise<void> {
  const d = await db();
  const tx = d.transaction(['outbox', 'files'], 'readwrite');
  await tx.objectStore('outbox').delete(id);
  const files = tx.objectStore('files');
  for (const key of await files.index('ownerId').getAllKeys(id)) await files.delete(key);
  await tx.done;
  notify();
}

/** Puts a refused item back among the drafts, to correct it. */
export async function reopenOutboxItem(item: OutboxItem): Promise<Draft> {
  const d = await db();
  const draft: Draft = {
    id: item.id,
    userId: item.userId,
    formId: item.formId,
    version: item.version,
    title: item.title,
    instanceId: item.instanceId,
    deprecatedId: item.deprecatedId,
    instanceName: item.instanceName,
    snapshot: item.snapshot,
    createdAt: item.createdAt,
    updatedAt: Date.now(),
  };
  const tx = d.transaction(['drafts', 'outbox'], 'readwrite');
  await tx.objectStore('drafts').put(draft);
  await tx.objectStore('outbox').delete(item.id);
  await tx.done;
  notify();
  return draft;
}

// ---- change notifications (this tab and the others)

type Listener = () => void;
const listeners = new Set<Listener>();
let channel: BroadcastChannel | null = null;
try {
  channel = typeof BroadcastChannel === 'undefined' ? null : new BroadcastChannel('ruamjai-forms');
  if (channel) {
    channel.onmessage = () => listeners.forEach((l) => l());
    // Node (unit tests) would otherwise stay alive for the channel.
    (channel as { unref?: () => void }).unref?.();
  }
} catch {
  channel = null;
}

/** Tells every view (and other tabs) that drafts or the outbox changed. */
export function notify(): void {
  listeners.forEach((l) => l());
  try {
    channel?.postMessage('changed');
  } catch {
    // closed
  }
}

export function onStoreChange(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}
