/** What a "more" button needs of a list read with a cursor (useCursorList). */
interface MoreOf {
  next: string | null;
  pending: boolean;
  load(cursor?: string): Promise<void>;
}

/** The button that adds the next page of a list while the API has more (its label names the list: several may stand on a page). */
export function MoreButton({ list, label }: { list: MoreOf; label: string }) {
  if (!list.next) return null;
  const next = list.next;
  return (
    <p>
      <button type="button" className="secondary" disabled={list.pending} onClick={() => void list.load(next)}>
        {label}
      </button>
    </p>
  );
}
