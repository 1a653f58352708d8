import { z } from 'zod';
import { ValidationFailed } from '@cirkel/contracts';

/**
 * Keyset paging, one way for every list: a page is read as `limit + 1` rows after the key of the
 * previous page's last row; the extra row only says that there is more. The cursor a client gets
 * is opaque: base64url of the last row's key as a JSON tuple.
 */
export class Keyset<K extends z.ZodTuple> {
  constructor(private readonly key: K) {}

  encode(key: z.input<K>): string {
    return Buffer.from(JSON.stringify(key), 'utf8').toString('base64url');
  }

  /** The key a cursor holds; anything this list did not hand out is a validation failure on `cursor`. */
  decode(cursor: string): z.output<K> {
    let raw: unknown;
    try {
      if (!/^[A-Za-z0-9_-]+$/.test(cursor)) throw new Error('not base64url');
      raw = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    } catch {
      throw invalidCursor();
    }
    const parsed = this.key.safeParse(raw);
    if (!parsed.success) throw invalidCursor();
    return parsed.data;
  }

  /** The key after which to read, or undefined for the first page. */
  after(cursor: string | undefined): z.output<K> | undefined {
    return cursor === undefined ? undefined : this.decode(cursor);
  }

  /** Cuts the `limit + 1` rows read to a page, with the cursor of its last row when there is more. */
  page<T>(rows: T[], limit: number, keyOf: (row: T) => z.input<K>): { rows: T[]; nextCursor: string | null } {
    if (rows.length <= limit) return { rows, nextCursor: null };
    const shown = rows.slice(0, limit);
    return { rows: shown, nextCursor: this.encode(keyOf(shown[shown.length - 1])) };
  }
}

function invalidCursor(): ValidationFailed {
  return new ValidationFailed([{ field: 'cursor', message: 'not a cursor from a previous page' }]);
}
