import { MigrationInterface, QueryRunner } from 'typeorm';

/** The gateway's sessions: refresh tokens, stored as SHA-256 hashes, in families that rotate. */
export class RefreshTokens1764231000000 implements MigrationInterface {
  name = 'RefreshTokens1764231000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE refresh_token (
        id uuid PRIMARY KEY,
        family_id uuid NOT NULL,
        person_id uuid NOT NULL,
        hub_id uuid NOT NULL,
        token_hash char(64) NOT NULL UNIQUE,
        created_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz NOT NULL,
        used_at timestamptz,
        revoked_at timestamptz
      )`);
    await q.query('CREATE INDEX refresh_token_family_idx ON refresh_token (family_id)');
    await q.query('CREATE INDEX refresh_token_person_idx ON refresh_token (person_id)');
    await q.query('CREATE INDEX refresh_token_expires_idx ON refresh_token (expires_at)');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE refresh_token');
  }
}
