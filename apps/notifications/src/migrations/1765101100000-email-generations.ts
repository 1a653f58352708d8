import { MigrationInterface, QueryRunner } from 'typeorm';

/** E-mail queued again by the sweep: the send job's generation, when it was queued, and why a message was given up on. */
export class EmailGenerations1765101100000 implements MigrationInterface {
  name = 'EmailGenerations1765101100000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE email_message
        ADD COLUMN abandoned_reason text,
        ADD COLUMN generation integer NOT NULL DEFAULT 0,
        ADD COLUMN first_queued_at timestamptz NOT NULL DEFAULT now(),
        ADD COLUMN generation_at timestamptz NOT NULL DEFAULT now()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE email_message DROP COLUMN generation_at, DROP COLUMN first_queued_at, DROP COLUMN generation, DROP COLUMN abandoned_reason');
  }
}
