import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * When a person's credentials last changed (a password change or reset, a deactivation): the
 * gateway refuses to refresh a login that began before. Null for everyone until then: a login of
 * before this migration is not ended by it.
 */
export class PersonCredentialsChanged1765400200000 implements MigrationInterface {
  name = 'PersonCredentialsChanged1765400200000';

  async up(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE person ADD COLUMN credentials_changed_at timestamptz');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE person DROP COLUMN credentials_changed_at');
  }
}
