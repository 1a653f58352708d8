import { NatsConnection } from 'nats';
import { DataSource } from 'typeorm';
import { OutboxRow, outboxMessage } from './outbox-message';
import { Naming } from './streams';

export interface RepublishRange {
  /** Rows written at or after this time. */
  since: Date;
  /** Rows written before this time (default: now). */
  until?: Date;
}

export interface RepublishProgress {
  /** Rows sent so far. */
  sent: number;
  /** Rows in the range. */
  total: number;
  /** Of those sent, how many the stream dropped as duplicates (it still had them within its window). */
  duplicates: number;
}

const BATCH = 500;

/**
 * Sends the outbox rows of a time range to JetStream again — for the day a NATS store is lost. Only
 * rows the relay already published: pending ones are the relay's. Safe to repeat: the stream drops
 * a message it still holds within its duplicate window, and every consumer's inbox drops an event
 * it applied (the inbox keeps ids longer than the outbox keeps rows).
 */
export async function republish(dataSource: DataSource, nc: NatsConnection, naming: Naming, range: RepublishRange, onProgress: (p: RepublishProgress) => void = () => undefined): Promise<RepublishProgress> {
  const until = range.until ?? new Date();
  const [{ total }] = await dataSource.query(
    'SELECT count(*)::int AS total FROM outbox WHERE published_at IS NOT NULL AND created_at >= $1 AND created_at < $2',
    [range.since, until],
  );
  const js = nc.jetstream();
  const progress: RepublishProgress = { sent: 0, total, duplicates: 0 };
  let after = '0';
  for (;;) {
    const rows: OutboxRow[] = await dataSource.query(
      `SELECT seq, id, subject, correlation_id, envelope::text AS envelope FROM outbox
        WHERE published_at IS NOT NULL AND created_at >= $1 AND created_at < $2 AND seq > $3
        ORDER BY seq LIMIT $4`,
      [range.since, until, after, BATCH],
    );
    if (rows.length === 0) return progress;
    const acks = await Promise.all(
      rows.map((row) => {
        const message = outboxMessage(naming, row);
        return js.publish(message.subject, message.data, message.options);
      }),
    );
    progress.sent += rows.length;
    progress.duplicates += acks.filter((ack) => ack.duplicate).length;
    after = rows[rows.length - 1].seq;
    onProgress({ ...progress });
  }
}
