import { useEffect, useRef, useState, type DependencyList, type Dispatch, type SetStateAction } from 'react';
import { useAsync, type AsyncState } from './useAsync.js';

/** One page of a cursor-paged list, as the API answers it. */
export interface CursorPage<T> {
  items: T[];
  nextCursor: string | null;
}

/** The "load more" half of a paged list: what the button and its error show. */
export interface MoreState {
  /** There is a next page. */
  hasMore: boolean;
  busy: boolean;
  error: unknown;
  load: () => Promise<void>;
}

export interface CursorPages<P extends CursorPage<unknown>> {
  /** The first page (reloaded when the dependencies change); its extra fields stay readable. */
  first: AsyncState<P>;
  /** Every item loaded so far, first page first. */
  items: P['items'];
  /** Changes the loaded items in place (after a write the server answered). */
  setItems: Dispatch<SetStateAction<P['items']>>;
  more: MoreState;
}

type Load<P> = (cursor: string | null, signal?: AbortSignal) => Promise<P>;

/**
 * A list read page by page: the first page when the dependencies change, the
 * next one on request, appended in the server's order (an item already shown
 * is not shown twice: items are told apart by their id, or by `key`). `load`
 * gets the cursor, null for the first page.
 */
export function useCursorPages<P extends CursorPage<{ id: string }>>(load: Load<P>, deps: DependencyList): CursorPages<P>;
export function useCursorPages<T, P extends CursorPage<T>>(load: Load<P>, deps: DependencyList, key: (item: T) => string): CursorPages<P>;
export function useCursorPages<P extends CursorPage<unknown>>(
  load: Load<P>,
  deps: DependencyList,
  key: (item: P['items'][number]) => string = (item) => (item as { id: string }).id,
): CursorPages<P> {
  const first = useAsync((signal) => load(null, signal), deps);
  const [items, setItems] = useState<P['items']>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const loadRef = useRef(load);
  loadRef.current = load;
  const keyRef = useRef(key);
  keyRef.current = key;
  // a page asked for before the list was loaded afresh is dropped
  const generation = useRef(0);
  useEffect(() => {
    generation.current += 1;
    if (first.data) {
      setItems(first.data.items);
      setCursor(first.data.nextCursor);
      setError(null);
    }
  }, [first.data]);

  async function loadMore() {
    if (!cursor) return;
    const asked = generation.current;
    setBusy(true);
    setError(null);
    try {
      const page = await loadRef.current(cursor);
      if (asked !== generation.current) return;
      setItems((old) => {
        const shown = new Set(old.map(keyRef.current));
        return [...old, ...page.items.filter((item) => !shown.has(keyRef.current(item)))];
      });
      setCursor(page.nextCursor);
    } catch (err) {
      if (asked === generation.current) setError(err);
    } finally {
      setBusy(false);
    }
  }

  return { first, items, setItems, more: { hasMore: Boolean(cursor), busy, error, load: loadMore } };
}
