import { MigrationInterface, QueryRunner } from 'typeorm';

/** A session's revision as calendars count it (iCalendar SEQUENCE): 0 when planned, one more at each move and at its cancellation. */
export class SessionSequence1765400100000 implements MigrationInterface {
  name = 'SessionSequence1765400100000';

  async up(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE coaching_session ADD COLUMN sequence int NOT NULL DEFAULT 0');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE coaching_session DROP COLUMN sequence');
  }
}
