import { MigrationInterface, QueryRunner } from 'typeorm';

/** The organisation a programme registration was made for (coaching.registration-changed carries it). */
export class RegistrationOrganisation1765200100000 implements MigrationInterface {
  name = 'RegistrationOrganisation1765200100000';

  async up(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE registration ADD COLUMN organisation_id uuid');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE registration DROP COLUMN organisation_id');
  }
}
