import { MigrationInterface, QueryRunner } from 'typeorm';

/** Known organisations ordered by the organisation's version, not by when the event was written. */
export class KnownOrganisationVersion1764700200000 implements MigrationInterface {
  name = 'KnownOrganisationVersion1764700200000';

  async up(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE known_organisation ADD COLUMN version integer NOT NULL DEFAULT 0');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE known_organisation DROP COLUMN version');
  }
}
