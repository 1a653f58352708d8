import { MigrationInterface, QueryRunner } from 'typeorm';

/** Ideas' titles and organisations, from ideas' events. */
export class IdeaCopies1765100900000 implements MigrationInterface {
  name = 'IdeaCopies1765100900000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE idea_copy (
        idea_id uuid PRIMARY KEY,
        hub_id uuid NOT NULL,
        title text NOT NULL,
        lead_organisation_id uuid NOT NULL,
        collaborator_ids uuid[] NOT NULL
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE idea_copy');
  }
}
