import { MigrationInterface, QueryRunner } from 'typeorm';

/** The role copy ordered by the versions partners gives hub roles and memberships, not by when an event was written. */
export class RoleCopyVersions1764700400000 implements MigrationInterface {
  name = 'RoleCopyVersions1764700400000';

  async up(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE copied_hub_roles ADD COLUMN version integer NOT NULL DEFAULT 0');
    await q.query('ALTER TABLE copied_membership ADD COLUMN version integer NOT NULL DEFAULT 0');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE copied_membership DROP COLUMN version');
    await q.query('ALTER TABLE copied_hub_roles DROP COLUMN version');
  }
}
