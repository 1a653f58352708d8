import { MigrationInterface, QueryRunner } from 'typeorm';

/** E-mails to send once (`email_message`) and the log of every attempt (`email_attempt`). */
export class EmailMessages1765100400000 implements MigrationInterface {
  name = 'EmailMessages1765100400000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE email_message (
        id uuid PRIMARY KEY,
        message_key text NOT NULL,
        hub_id uuid NOT NULL,
        kind text NOT NULL,
        source text NOT NULL,
        source_id uuid NOT NULL,
        to_address text,
        language text,
        created_at timestamptz NOT NULL,
        sent_at timestamptz,
        abandoned_at timestamptz,
        CONSTRAINT email_message_key UNIQUE (message_key)
      )`);
    await q.query('CREATE INDEX email_message_unsent_idx ON email_message (created_at) WHERE sent_at IS NULL');
    await q.query(`
      CREATE TABLE email_attempt (
        id uuid PRIMARY KEY,
        message_id uuid NOT NULL,
        attempt integer NOT NULL,
        at timestamptz NOT NULL,
        outcome text NOT NULL,
        detail text NOT NULL,
        CONSTRAINT email_attempt_once UNIQUE (message_id, attempt)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE email_attempt');
    await q.query('DROP TABLE email_message');
  }
}
