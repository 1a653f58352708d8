import { z } from 'zod';
import { ValidationFailed } from '@cirkel/contracts';

/** A position in a list ordered by (name, id). */
export interface NameCursor {
  name: string;
  id: string;
}

const cursorSchema = z.tuple([z.string(), z.uuid()]);

/** Opaque to clients: base64url of the last row's (name, id). */
export function encodeCursor(cursor: NameCursor): string {
  return Buffer.from(JSON.stringify([cursor.name, cursor.id]), 'utf8').toString('base64url');
}

/** Reads a cursor from a client; anything this service did not hand out is a validation failure on `cursor`. */
export function decodeCursor(text: string): NameCursor {
  let raw: unknown;
  try {
    if (!/^[A-Za-z0-9_-]+$/.test(text)) throw new Error('not base64url');
    raw = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
  } catch {
    throw invalidCursor();
  }
  const parsed = cursorSchema.safeParse(raw);
  if (!parsed.success) throw invalidCursor();
  return { name: parsed.data[0], id: parsed.data[1] };
}

/** Cuts `limit + 1` rows read after a cursor to a page: the extra row only says that there is more. */
export function slicePage<T extends NameCursor>(rows: T[], limit: number): { rows: T[]; nextCursor: string | null } {
  if (rows.length <= limit) return { rows, nextCursor: null };
  const shown = rows.slice(0, limit);
  return { rows: shown, nextCursor: encodeCursor(shown[shown.length - 1]) };
}

function invalidCursor(): ValidationFailed {
  return new ValidationFailed([{ field: 'cursor', message: 'not a cursor this list handed out' }]);
}
