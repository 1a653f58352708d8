import { MigrationInterface, QueryRunner } from 'typeorm';

/** The e-mails partners has to send (invitations for now), kept with the change that needs them. */
export class EmailDelivery1764900100000 implements MigrationInterface {
  name = 'EmailDelivery1764900100000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE email_delivery (
        id uuid NOT NULL,
        hub_id uuid NOT NULL CONSTRAINT email_delivery_hub_id_fkey REFERENCES hub (id),
        kind text NOT NULL,
        to_address text NOT NULL,
        about_id uuid NOT NULL,
        link text,
        created_at timestamptz NOT NULL DEFAULT now(),
        sent_at timestamptz,
        CONSTRAINT email_delivery_pkey PRIMARY KEY (id),
        CONSTRAINT email_delivery_kind_check CHECK (kind IN ('invitation', 'invitation-for-existing-account'))
      )`);
    await q.query('CREATE INDEX email_delivery_about_idx ON email_delivery (about_id)');
    await q.query('CREATE INDEX email_delivery_unsent_idx ON email_delivery (created_at) WHERE sent_at IS NULL');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE email_delivery');
  }
}
