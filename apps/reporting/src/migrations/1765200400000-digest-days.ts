import { MigrationInterface, QueryRunner } from 'typeorm';

/** The days the weekly digest counts by: an idea's submission, an organisation's registration and approval (Brussels days of their events). */
export class DigestDays1765200400000 implements MigrationInterface {
  name = 'DigestDays1765200400000';

  async up(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE known_idea ADD COLUMN submitted_on date');
    await q.query('ALTER TABLE known_organisation ADD COLUMN registered_on date, ADD COLUMN approved_on date');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE known_organisation DROP COLUMN registered_on, DROP COLUMN approved_on');
    await q.query('ALTER TABLE known_idea DROP COLUMN submitted_on');
  }
}
