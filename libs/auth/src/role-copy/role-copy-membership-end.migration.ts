import { MigrationInterface, QueryRunner } from 'typeorm';

/** A membership the copy learnt has ended (partners.member-left): kept with its version, so an older member-joined arriving late cannot bring it back. */
export class RoleCopyMembershipEnd1765000200000 implements MigrationInterface {
  name = 'RoleCopyMembershipEnd1765000200000';

  async up(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE copied_membership ADD COLUMN ended_at timestamptz');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE copied_membership DROP COLUMN ended_at');
  }
}
