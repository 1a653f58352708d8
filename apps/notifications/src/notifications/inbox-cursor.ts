import { ValidationFailed } from '@cirkel/contracts';
import { InboxPosition } from './notification.repository';

/** An opaque cursor: the position of the last notification of a page. */
export function encodeCursor(position: InboxPosition): string {
  return Buffer.from(JSON.stringify([position.createdAt.toISOString(), position.id])).toString('base64url');
}

export function decodeCursor(cursor: string): InboxPosition {
  try {
    const [createdAt, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as [string, string];
    const date = new Date(createdAt);
    if (Number.isNaN(date.getTime()) || !/^[0-9a-f-]{36}$/.test(id)) throw new Error('bad cursor');
    return { createdAt: date, id };
  } catch {
    throw new ValidationFailed([{ field: 'cursor', message: 'not a cursor from a previous page' }]);
  }
}
