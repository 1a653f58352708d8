import { MigrationInterface, QueryRunner } from 'typeorm';

/** A proposal the mentor left unanswered expires. */
export class AssignmentExpired1765000300000 implements MigrationInterface {
  name = 'AssignmentExpired1765000300000';

  async up(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE assignment DROP CONSTRAINT assignment_status_check');
    await q.query(`ALTER TABLE assignment ADD CONSTRAINT assignment_status_check CHECK (status IN ('proposed', 'accepted', 'declined', 'expired', 'ended'))`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`UPDATE assignment SET status = 'declined' WHERE status = 'expired'`);
    await q.query('ALTER TABLE assignment DROP CONSTRAINT assignment_status_check');
    await q.query(`ALTER TABLE assignment ADD CONSTRAINT assignment_status_check CHECK (status IN ('proposed', 'accepted', 'declined', 'ended'))`);
  }
}
