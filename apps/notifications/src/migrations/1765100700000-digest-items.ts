import { MigrationInterface, QueryRunner } from 'typeorm';

/** Messages waiting for a person's daily or weekly digest. */
export class DigestItems1765100700000 implements MigrationInterface {
  name = 'DigestItems1765100700000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE digest_item (
        id uuid PRIMARY KEY,
        hub_id uuid NOT NULL,
        person_id uuid NOT NULL,
        rhythm text NOT NULL,
        kind text NOT NULL,
        params jsonb NOT NULL,
        link text NOT NULL,
        source_event_id uuid NOT NULL,
        created_at timestamptz NOT NULL,
        digest_message_id uuid,
        CONSTRAINT digest_item_once UNIQUE (source_event_id, person_id)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE digest_item');
  }
}
