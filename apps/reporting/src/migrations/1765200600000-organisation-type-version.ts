import { MigrationInterface, QueryRunner } from 'typeorm';

/** The version of the fact that gave an organisation its type: an older fact naming another type no longer wins over a newer one when an approval (no type) came between. */
export class OrganisationTypeVersion1765200600000 implements MigrationInterface {
  name = 'OrganisationTypeVersion1765200600000';

  async up(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE known_organisation ADD COLUMN type_version integer NOT NULL DEFAULT 0');
    await q.query('UPDATE known_organisation SET type_version = version WHERE type IS NOT NULL');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE known_organisation DROP COLUMN type_version');
  }
}
