import { MigrationInterface, QueryRunner } from 'typeorm';

/** The mentor who coaches an idea (coaching's assignment-accepted, newest version wins), for GET /ideas/{id}. */
export class IdeaMentor1765500100000 implements MigrationInterface {
  name = 'IdeaMentor1765500100000';

  async up(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE idea ADD COLUMN mentor_id uuid, ADD COLUMN mentor_name text, ADD COLUMN mentor_version int NOT NULL DEFAULT 0');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE idea DROP COLUMN mentor_id, DROP COLUMN mentor_name, DROP COLUMN mentor_version');
  }
}
