import { MigrationInterface, QueryRunner } from 'typeorm';
import { DeadLetterOncePerMessage1764500000000 } from './dead-letter-once.migration';
import { HandlerInbox1765600000000 } from './handler-inbox.migration';
import { MessagingRetention1764600000000 } from './messaging-retention.migration';
import { AggregateVersions1764700000000 } from './aggregate-versions.migration';
import { HandlerFailures1764800000000 } from './handler-failure.migration';
import { OutboxDeadLetters1764900000000 } from './outbox-dead-letter.migration';
import { OutboxRelayLease1765000000000 } from './relay-lease.migration';
import { OutboxNotifyByReplicas1765100000000 } from './outbox-notify.migration';
import { OutboxMarkTimes1765300000000 } from './outbox-mark-times.migration';
import { OutboxNextBatch1765150000000 } from './outbox-next-batch.migration';
import { OutboxMarkAsync1765400000000 } from './outbox-mark-async.migration';
import { OutboxNextBatchContract1765500000000 } from './outbox-next-batch-contract.migration';

/**
 * The outbox, inbox and dead-letter tables of the messaging lib. Every service that publishes or
 * consumes events lists this migration among its own (it runs in the service's schema through
 * search_path).
 */
export class MessagingTables1764230400000 implements MigrationInterface {
  name = 'MessagingTables1764230400000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE outbox (
        seq bigserial PRIMARY KEY,
        id uuid NOT NULL UNIQUE,
        hub_id uuid NOT NULL,
        subject text NOT NULL,
        correlation_id text NOT NULL,
        -- json, not jsonb: kept as written, so the relay sends it without re-serialising
        envelope json NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        published_at timestamptz
      )`);
    await q.query(`CREATE INDEX outbox_pending_idx ON outbox (seq) WHERE published_at IS NULL`);
    await q.query(`
      CREATE TABLE inbox (
        consumer text NOT NULL,
        event_id uuid NOT NULL,
        hub_id uuid NOT NULL,
        subject text NOT NULL,
        processed_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (consumer, event_id)
      )`);
    await q.query(`
      CREATE TABLE dead_letter (
        id bigserial PRIMARY KEY,
        consumer text NOT NULL,
        stream text NOT NULL,
        stream_seq bigint NOT NULL,
        subject text NOT NULL,
        event_id text,
        event_type text,
        -- null when the message was too broken to tell
        hub_id text,
        payload text NOT NULL,
        reason text NOT NULL,
        deliveries int NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        replayed_at timestamptz
      )`);
    await q.query(`CREATE INDEX dead_letter_open_idx ON dead_letter (created_at) WHERE replayed_at IS NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE dead_letter');
    await q.query('DROP TABLE inbox');
    await q.query('DROP TABLE outbox');
  }
}

/** The messaging lib's migrations, in order: every service lists them first among its own. */
export const MESSAGING_MIGRATIONS = [
  MessagingTables1764230400000,
  DeadLetterOncePerMessage1764500000000,
  MessagingRetention1764600000000,
  AggregateVersions1764700000000,
  HandlerFailures1764800000000,
  OutboxDeadLetters1764900000000,
  OutboxRelayLease1765000000000,
  OutboxNotifyByReplicas1765100000000,
  OutboxNextBatch1765150000000,
  OutboxMarkTimes1765300000000,
  OutboxMarkAsync1765400000000,
  OutboxNextBatchContract1765500000000,
  HandlerInbox1765600000000,
];
