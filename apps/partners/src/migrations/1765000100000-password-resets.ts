import { MigrationInterface, QueryRunner } from 'typeorm';

const KINDS_BEFORE = `'invitation', 'invitation-for-existing-account', 'registration-confirmation', 'registration-for-existing-account'`;

/** Password reset links (kept as SHA-256 hashes), and their e-mails in the delivery table. */
export class PasswordResets1765000100000 implements MigrationInterface {
  name = 'PasswordResets1765000100000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE password_reset (
        id uuid NOT NULL,
        hub_id uuid NOT NULL CONSTRAINT password_reset_hub_id_fkey REFERENCES hub (id),
        person_id uuid NOT NULL CONSTRAINT password_reset_person_id_fkey REFERENCES person (id) ON DELETE CASCADE,
        token_hash text NOT NULL,
        expires_at timestamptz NOT NULL,
        used_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT password_reset_pkey PRIMARY KEY (id),
        CONSTRAINT password_reset_token_hash_key UNIQUE (token_hash),
        CONSTRAINT password_reset_token_hash_check CHECK (token_hash ~ '^[0-9a-f]{64}$')
      )`);
    await q.query('CREATE INDEX password_reset_person_idx ON password_reset (person_id)');
    await q.query('ALTER TABLE email_delivery DROP CONSTRAINT email_delivery_kind_check');
    await q.query(`ALTER TABLE email_delivery ADD CONSTRAINT email_delivery_kind_check CHECK (kind IN (${KINDS_BEFORE}, 'password-reset'))`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DELETE FROM email_delivery WHERE kind = 'password-reset'`);
    await q.query('ALTER TABLE email_delivery DROP CONSTRAINT email_delivery_kind_check');
    await q.query(`ALTER TABLE email_delivery ADD CONSTRAINT email_delivery_kind_check CHECK (kind IN (${KINDS_BEFORE}))`);
    await q.query('DROP TABLE password_reset');
  }
}
