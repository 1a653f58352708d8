import { DomainError } from '@cirkel/contracts';
import { decodeCursor, encodeCursor, slicePage } from './cursor';

const id = '01a21c6e-a510-7499-ac84-dfe8033281ce';

describe('cursor', () => {
  it('round-trips a (name, id) position, names with any characters included', () => {
    for (const name of ['Alternatief', 'appelsap 100%', 'Café "De Sluis" / Genk', '']) {
      const text = encodeCursor({ name, id });
      expect(text).toMatch(/^[A-Za-z0-9_-]+$/);
      expect(decodeCursor(text)).toEqual({ name, id });
    }
  });

  it.each([
    ['not base64url', 'a$b'],
    ['not JSON', Buffer.from('{oops').toString('base64url')],
    ['not a pair', Buffer.from(JSON.stringify(['x'])).toString('base64url')],
    ['an id that is no uuid', Buffer.from(JSON.stringify(['x', 'y'])).toString('base64url')],
    ['an object', Buffer.from(JSON.stringify({ name: 'x', id })).toString('base64url')],
  ])('refuses %s as a validation failure on `cursor`', (_what, text) => {
    expect(() => decodeCursor(text)).toThrow(DomainError);
    try {
      decodeCursor(text);
    } catch (error) {
      expect((error as DomainError).toProblem()).toMatchObject({ type: 'validation-failed', status: 400, errors: [{ field: 'cursor' }] });
    }
  });

  it('cuts limit + 1 rows to a page whose cursor points at its last row', () => {
    const rows = ['a', 'b', 'c'].map((name, i) => ({ name, id: id.replace(/.$/, String(i)) }));
    const page = slicePage(rows, 2);
    expect(page.rows.map((r) => r.name)).toEqual(['a', 'b']);
    expect(decodeCursor(page.nextCursor ?? '')).toEqual(rows[1]);
    expect(slicePage(rows, 3)).toEqual({ rows, nextCursor: null });
    expect(slicePage([], 3)).toEqual({ rows: [], nextCursor: null });
  });
});
