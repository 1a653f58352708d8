import { MigrationInterface, QueryRunner } from 'typeorm';

/** The version of the reference key a participant's hash was made with (1 before any rotation), so a rotation rehashes what is older. */
export class ReferenceKeyVersion1765200800000 implements MigrationInterface {
  name = 'ReferenceKeyVersion1765200800000';

  async up(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE participant ADD COLUMN reference_key_version integer NOT NULL DEFAULT 1');
    await q.query('CREATE INDEX participant_reference_key_version_idx ON participant (reference_key_version, id)');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP INDEX participant_reference_key_version_idx');
    await q.query('ALTER TABLE participant DROP COLUMN reference_key_version');
  }
}
