import { createContext, useContext } from 'react';
import type { FormSession } from '../engine/session.js';

/** What every control of the filler may need besides its own question. */
export interface FillerEnv {
  session: FormSession;
  /** Where this draft's photos and files are stored. */
  draftId: string;
  formId: string;
  /** The submission being edited (its attachments are on the server). */
  deprecatedId: string | null;
  /** Show required errors everywhere (after a finish attempt). */
  showAll: boolean;
}

export const FillerContext = createContext<FillerEnv | null>(null);

export function useFiller(): FillerEnv {
  const ctx = useContext(FillerContext);
  if (!ctx) throw new Error('useFiller outside the form filler');
  return ctx;
}

/** A DOM id for an element of the instance: q-data-members-2-age. */
export function domId(indexedPath: string): string {
  return `q${indexedPath.replace(/[^A-Za-z0-9_-]+/g, '-').replace(/-+$/, '')}`;
}
