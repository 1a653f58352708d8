import { MigrationInterface, QueryRunner } from 'typeorm';

export class KnownOrganisations1764230500000 implements MigrationInterface {
  name = 'KnownOrganisations1764230500000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE known_organisation (
        id uuid PRIMARY KEY,
        hub_id uuid NOT NULL,
        name text NOT NULL,
        status text NOT NULL,
        updated_at timestamptz NOT NULL
      )`);
    await q.query('CREATE INDEX known_organisation_hub_idx ON known_organisation (hub_id)');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE known_organisation');
  }
}
