import { useCallback, useState } from 'react';
import { useAction } from './form';

export interface CursorPage<T> {
  items: T[];
  nextCursor: string | null;
}

/**
 * A list the API hands out page by page with a cursor: `load()` reads the first page (again),
 * `load(next)` adds the next one to those shown, `drop` takes an item out where it stands and
 * `update` changes items where they stand (a keyset cursor still leads on from the last item read). `read` must be stable (useCallback).
 */
export function useCursorList<T>(read: (cursor?: string) => Promise<CursorPage<T>>) {
  const [list, setList] = useState<{ items: T[]; next: string | null } | null>(null);
  const { run, pending, problem } = useAction();
  const load = useCallback(
    async (cursor?: string) => {
      // The first page (again, or of another filter): what was shown goes at once, not when the answer comes.
      if (!cursor) setList(null);
      const page = await run(() => read(cursor));
      if (page) setList((shown) => ({ items: [...(cursor ? (shown?.items ?? []) : []), ...page.items], next: page.nextCursor }));
    },
    [run, read],
  );
  const drop = useCallback((keep: (item: T) => boolean) => setList((shown) => shown && { ...shown, items: shown.items.filter(keep) }), []);
  /** Changes items where they stand (one marked read), keeping the pages read. */
  const update = useCallback((change: (item: T) => T) => setList((shown) => shown && { ...shown, items: shown.items.map(change) }), []);
  return { items: list?.items ?? null, next: list?.next ?? null, load, drop, update, pending, problem };
}
