import { MigrationInterface, QueryRunner } from 'typeorm';

/** A recipient's hub roles ordered by the version of the person's hub roles, not by when an event was written. */
export class RecipientRolesVersion1764700300000 implements MigrationInterface {
  name = 'RecipientRolesVersion1764700300000';

  async up(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE recipient ADD COLUMN roles_version integer NOT NULL DEFAULT 0');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE recipient DROP COLUMN roles_version');
  }
}
