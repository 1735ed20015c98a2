/**
 * A small bounded memo for the name keys. Name words repeat a great deal
 * (a few thousand given names and surnames cover most of a province), so
 * remembering the keys of recent words makes bulk keying much faster. The
 * keys are pure functions of the word: the cache changes speed, never results.
 *
 * When full, a cache is simply emptied (cheaper than LRU bookkeeping and
 * good enough for a vocabulary that is mostly small).
 */

const DEFAULT_MAX_ENTRIES = 50_000;
let maxEntries = DEFAULT_MAX_ENTRIES;
const all: WordCache[] = [];

export class WordCache {
  private map = new Map<string, string>();

  constructor() {
    all.push(this);
  }

  get(key: string): string | undefined {
    return maxEntries > 0 ? this.map.get(key) : undefined;
  }

  set(key: string, value: string): void {
    if (maxEntries <= 0) return;
    if (this.map.size >= maxEntries) this.map.clear();
    this.map.set(key, value);
  }

  clear(): void {
    this.map.clear();
  }
}

/**
 * Sets the size of each word cache (default 50,000 entries; 0 turns caching
 * off) and empties them.
 */
export function configureNameCache(options: { maxEntries?: number } = {}): void {
  maxEntries = options.maxEntries ?? DEFAULT_MAX_ENTRIES;
  for (const c of all) c.clear();
}
