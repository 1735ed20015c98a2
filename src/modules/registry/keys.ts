/** Search and linkage keys of a person's name, computed once when the name is written. */
import { latinKey, matchKey, normaliseName, phoneticKey } from '../../lib/thai/names.js';

export interface NameKeys {
  name_norm: string | null;
  name_key: string | null;
  phonetic_key: string | null;
  latin_key: string | null;
}

export function nameKeys(first: string | null | undefined, last: string | null | undefined, firstLatin?: string | null, lastLatin?: string | null): NameKeys {
  const full = [first, last].filter(Boolean).join(' ');
  const latin = [firstLatin, lastLatin].filter(Boolean).join(' ');
  return {
    name_norm: full ? normaliseName(full) : null,
    name_key: full ? matchKey(full) : null,
    phonetic_key: full ? phoneticKey(full) : null,
    latin_key: latin ? latinKey(latin) : null,
  };
}
