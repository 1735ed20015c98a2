/**
 * Form definitions for the filler: from the server when it answers (and
 * then kept on the device), from the device when it does not. A version's
 * definition never changes, so a draft's version is read from the device
 * first.
 */
import { ApiError } from '../../api.js';
import { formsApi } from '../api.js';
import type { FormDefinition } from '../../../lib/forms/model.js';
import { loadDefinition, saveDefinition } from './db.js';

export interface LoadedDefinition {
  version: string;
  hash: string;
  definition: FormDefinition;
  /** Read from the device because the server could not be reached. */
  fromDevice: boolean;
}

/** Thrown when the form was never opened on this device and there is no network. */
export class NotOnDeviceError extends Error {
  constructor(readonly formId: string) {
    super(`Form ${formId} is not on this device`);
    this.name = 'NotOnDeviceError';
  }
}

async function fetchAndKeep(formId: string, version?: string): Promise<LoadedDefinition> {
  const res = await formsApi.definition(formId, version);
  try {
    await saveDefinition(formId, res.version, res.hash, res.definition);
  } catch (err) {
    console.warn('could not keep the form on the device', err);
  }
  return { version: res.version, hash: res.hash, definition: res.definition, fromDevice: false };
}

/** The newest version (to start a new form): the server's, else the one on the device. */
export async function currentDefinition(formId: string): Promise<LoadedDefinition> {
  try {
    return await fetchAndKeep(formId);
  } catch (err) {
    if (!(err instanceof ApiError) || err.status !== 0) throw err;
    const stored = await loadDefinition(formId);
    if (!stored) throw new NotOnDeviceError(formId);
    return { version: stored.version, hash: stored.hash, definition: stored.definition, fromDevice: true };
  }
}

/** One version (a draft's, a submission's): from the device if there, else the server. */
export async function definitionVersion(formId: string, version: string): Promise<LoadedDefinition> {
  const stored = await loadDefinition(formId, version).catch(() => undefined);
  if (stored) return { version: stored.version, hash: stored.hash, definition: stored.definition, fromDevice: true };
  try {
    return await fetchAndKeep(formId, version);
  } catch (err) {
    if (err instanceof ApiError && err.status === 0) throw new NotOnDeviceError(formId);
    throw err;
  }
}
