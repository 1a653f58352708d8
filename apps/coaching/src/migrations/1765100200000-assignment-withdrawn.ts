import { MigrationInterface, QueryRunner } from 'typeorm';

/** A hub admin proposing an idea by hand withdraws the open proposal to another mentor. */
export class AssignmentWithdrawn1765100200000 implements MigrationInterface {
  name = 'AssignmentWithdrawn1765100200000';

  async up(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE assignment DROP CONSTRAINT assignment_status_check');
    await q.query(`ALTER TABLE assignment ADD CONSTRAINT assignment_status_check CHECK (status IN ('proposed', 'accepted', 'declined', 'expired', 'withdrawn', 'ended'))`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`UPDATE assignment SET status = 'expired' WHERE status = 'withdrawn'`);
    await q.query('ALTER TABLE assignment DROP CONSTRAINT assignment_status_check');
    await q.query(`ALTER TABLE assignment ADD CONSTRAINT assignment_status_check CHECK (status IN ('proposed', 'accepted', 'declined', 'expired', 'ended'))`);
  }
}
