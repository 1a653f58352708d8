import { MigrationInterface, QueryRunner } from 'typeorm';

/** Organisations' status, from partners' events. */
export class OrganisationStatus1765101000000 implements MigrationInterface {
  name = 'OrganisationStatus1765101000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE organisation_status (
        organisation_id uuid PRIMARY KEY,
        hub_id uuid NOT NULL,
        status text NOT NULL,
        version integer NOT NULL
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE organisation_status');
  }
}
