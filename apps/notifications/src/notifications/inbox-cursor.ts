import { z } from 'zod';
import { Keyset } from '@cirkel/persistence';
import { InboxPosition } from './notification.repository';

/** A person's notifications are read newest first, by (created at, id). */
export const INBOX_KEYSET = new Keyset(z.tuple([z.iso.datetime({ offset: true }), z.uuid()]));

export function positionOf(cursor: string): InboxPosition {
  const [createdAt, id] = INBOX_KEYSET.decode(cursor);
  return { createdAt: new Date(createdAt), id };
}
