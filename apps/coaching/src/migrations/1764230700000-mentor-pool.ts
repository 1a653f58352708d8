import { MigrationInterface, QueryRunner } from 'typeorm';

export class MentorPool1764230700000 implements MigrationInterface {
  name = 'MentorPool1764230700000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE mentor (
        person_id uuid PRIMARY KEY,
        hub_id uuid NOT NULL,
        name text NOT NULL,
        active boolean NOT NULL,
        updated_at timestamptz NOT NULL
      )`);
    await q.query('CREATE INDEX mentor_hub_idx ON mentor (hub_id) WHERE active');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE mentor');
  }
}
