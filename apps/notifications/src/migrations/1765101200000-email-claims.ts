import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A send attempt claims its message for a while (`claim`, `claimed_until`) instead of holding a
 * row lock in a transaction across the request to partners and the SMTP conversation (which kept a
 * pooled connection idle in transaction for as long as the SMTP server took — with four sends at
 * once and a pool of four, digests waited on each other for good — and held back PostgreSQL's
 * cleanup in every schema). And the first-queued times that `EmailGenerations1765101100000`
 * filled in with the migration's time are the messages' own, so that a message stranded before it
 * is given up on, not sent days late.
 */
export class EmailClaims1765101200000 implements MigrationInterface {
  name = 'EmailClaims1765101200000';

  async up(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE email_message ADD COLUMN claim uuid, ADD COLUMN claimed_until timestamptz');
    await q.query('UPDATE email_message SET first_queued_at = created_at, generation_at = least(generation_at, created_at) WHERE first_queued_at > created_at');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE email_message DROP COLUMN claimed_until, DROP COLUMN claim');
  }
}
