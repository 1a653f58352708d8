import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A login (a family of refresh tokens) ends at a fixed time however often it is refreshed. Tokens
 * issued before have no such end: theirs is taken to be their own expiry.
 */
export class LoginFamilyLifetime1765000000000 implements MigrationInterface {
  name = 'LoginFamilyLifetime1765000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE refresh_token ADD COLUMN family_expires_at timestamptz');
    await q.query('UPDATE refresh_token SET family_expires_at = expires_at');
    await q.query('ALTER TABLE refresh_token ALTER COLUMN family_expires_at SET NOT NULL');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE refresh_token DROP COLUMN family_expires_at');
  }
}
