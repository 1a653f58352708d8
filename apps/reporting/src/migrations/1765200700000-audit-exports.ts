import { MigrationInterface, QueryRunner } from 'typeorm';

/** The audit log also records exports of the statistics (no participant; the period exported). */
export class AuditExports1765200700000 implements MigrationInterface {
  name = 'AuditExports1765200700000';

  async up(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE audit_entry ALTER COLUMN participant_id DROP NOT NULL');
    await q.query('ALTER TABLE audit_entry ADD COLUMN period text');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DELETE FROM audit_entry WHERE participant_id IS NULL');
    await q.query('ALTER TABLE audit_entry DROP COLUMN period');
    await q.query('ALTER TABLE audit_entry ALTER COLUMN participant_id SET NOT NULL');
  }
}
