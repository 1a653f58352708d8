import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A publish JetStream refuses is retried per row, with back-off (`publish_attempts`,
 * `next_attempt_at`, `last_error` on the outbox row), and after a limit the row is moved to
 * `outbox_dead_letter` with its reason (issue 6, finding 4), so that it no longer holds back the
 * rows behind it.
 */
export class OutboxDeadLetters1764900000000 implements MigrationInterface {
  name = 'OutboxDeadLetters1764900000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE outbox
        ADD COLUMN publish_attempts int NOT NULL DEFAULT 0,
        ADD COLUMN next_attempt_at timestamptz,
        ADD COLUMN last_error text`);
    await q.query(`
      CREATE TABLE outbox_dead_letter (
        seq bigint PRIMARY KEY,
        id uuid NOT NULL UNIQUE,
        hub_id uuid NOT NULL,
        subject text NOT NULL,
        correlation_id text NOT NULL,
        envelope json NOT NULL,
        created_at timestamptz NOT NULL,
        publish_attempts int NOT NULL,
        reason text NOT NULL,
        given_up_at timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE outbox_dead_letter');
    await q.query('ALTER TABLE outbox DROP COLUMN last_error, DROP COLUMN next_attempt_at, DROP COLUMN publish_attempts');
  }
}
