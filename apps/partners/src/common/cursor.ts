import { z } from 'zod';
import { singleLineText } from '@cirkel/contracts';
import { Keyset } from '@cirkel/persistence';

/** A position in a list ordered by (name, id): organisations, people. */
export interface NameCursor {
  name: string;
  id: string;
}

// The name as the contracts allow it: a forged cursor cannot carry a NUL (or any control character) to Postgres.
const byName = new Keyset(z.tuple([singleLineText({ min: 0, max: 200 }), z.uuid()]));

export function encodeCursor(cursor: NameCursor): string {
  return byName.encode([cursor.name, cursor.id]);
}

export function decodeCursor(text: string): NameCursor {
  const [name, id] = byName.decode(text);
  return { name, id };
}

/** Cuts `limit + 1` rows read after a cursor to a page. */
export function slicePage<T extends NameCursor>(rows: T[], limit: number): { rows: T[]; nextCursor: string | null } {
  return byName.page(rows, limit, (row) => [row.name, row.id]);
}
