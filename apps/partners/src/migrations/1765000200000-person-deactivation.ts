import { MigrationInterface, QueryRunner } from 'typeorm';

/** A person a hub admin deactivated: kept (their name stays on what they did), but no longer able to log in. */
export class PersonDeactivation1765000200000 implements MigrationInterface {
  name = 'PersonDeactivation1765000200000';

  async up(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE person ADD COLUMN deactivated_at timestamptz, ADD COLUMN deactivated_by uuid');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE person DROP COLUMN deactivated_at, DROP COLUMN deactivated_by');
  }
}
