import { MigrationInterface, QueryRunner } from 'typeorm';

/** Registrations wait for their address to be confirmed; their e-mails join the delivery table. */
export class RegistrationRequests1764900200000 implements MigrationInterface {
  name = 'RegistrationRequests1764900200000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE registration_request (
        id uuid NOT NULL,
        hub_id uuid NOT NULL CONSTRAINT registration_request_hub_id_fkey REFERENCES hub (id),
        email text NOT NULL,
        token_hash text NOT NULL,
        organisation jsonb NOT NULL,
        person_name text NOT NULL,
        language text NOT NULL,
        password_hash text NOT NULL,
        expires_at timestamptz NOT NULL,
        confirmed_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT registration_request_pkey PRIMARY KEY (id),
        CONSTRAINT registration_request_token_hash_key UNIQUE (token_hash),
        CONSTRAINT registration_request_email_check CHECK (email = lower(email)),
        CONSTRAINT registration_request_token_hash_check CHECK (token_hash ~ '^[0-9a-f]{64}$')
      )`);
    await q.query('CREATE INDEX registration_request_expires_idx ON registration_request (expires_at)');
    await q.query('ALTER TABLE email_delivery DROP CONSTRAINT email_delivery_kind_check');
    await q.query(
      `ALTER TABLE email_delivery ADD CONSTRAINT email_delivery_kind_check CHECK (kind IN ('invitation', 'invitation-for-existing-account', 'registration-confirmation', 'registration-for-existing-account'))`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DELETE FROM email_delivery WHERE kind LIKE 'registration-%'`);
    await q.query('ALTER TABLE email_delivery DROP CONSTRAINT email_delivery_kind_check');
    await q.query(`ALTER TABLE email_delivery ADD CONSTRAINT email_delivery_kind_check CHECK (kind IN ('invitation', 'invitation-for-existing-account'))`);
    await q.query('DROP TABLE registration_request');
  }
}
