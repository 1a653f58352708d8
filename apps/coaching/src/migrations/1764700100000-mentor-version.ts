import { MigrationInterface, QueryRunner } from 'typeorm';

/** Mentors ordered by the version of the person's hub roles, not by when the event was written. */
export class MentorVersion1764700100000 implements MigrationInterface {
  name = 'MentorVersion1764700100000';

  async up(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE mentor ADD COLUMN version integer NOT NULL DEFAULT 0');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE mentor DROP COLUMN version');
  }
}
