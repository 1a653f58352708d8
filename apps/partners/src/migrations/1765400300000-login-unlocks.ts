import { MigrationInterface, QueryRunner } from 'typeorm';

const KINDS_BEFORE = `'invitation', 'invitation-for-existing-account', 'registration-confirmation', 'registration-for-existing-account', 'password-reset'`;

/** Login unlock links (kept as SHA-256 hashes), and their e-mails in the delivery table (issue 7). */
export class LoginUnlocks1765400300000 implements MigrationInterface {
  name = 'LoginUnlocks1765400300000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE login_unlock (
        id uuid NOT NULL,
        hub_id uuid NOT NULL CONSTRAINT login_unlock_hub_id_fkey REFERENCES hub (id),
        person_id uuid NOT NULL CONSTRAINT login_unlock_person_id_fkey REFERENCES person (id) ON DELETE CASCADE,
        token_hash text NOT NULL,
        expires_at timestamptz NOT NULL,
        used_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT login_unlock_pkey PRIMARY KEY (id),
        CONSTRAINT login_unlock_token_hash_key UNIQUE (token_hash),
        CONSTRAINT login_unlock_token_hash_check CHECK (token_hash ~ '^[0-9a-f]{64}$')
      )`);
    await q.query('CREATE INDEX login_unlock_person_idx ON login_unlock (person_id)');
    await q.query('ALTER TABLE email_delivery DROP CONSTRAINT email_delivery_kind_check');
    await q.query(`ALTER TABLE email_delivery ADD CONSTRAINT email_delivery_kind_check CHECK (kind IN (${KINDS_BEFORE}, 'login-unlock'))`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DELETE FROM email_delivery WHERE kind = 'login-unlock'`);
    await q.query('ALTER TABLE email_delivery DROP CONSTRAINT email_delivery_kind_check');
    await q.query(`ALTER TABLE email_delivery ADD CONSTRAINT email_delivery_kind_check CHECK (kind IN (${KINDS_BEFORE}))`);
    await q.query('DROP TABLE login_unlock');
  }
}
