import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A hub admin can reject a pending organisation (it keeps the row, with who, when and why, and frees
 * its enterprise number), and an org admin can revoke an invitation.
 */
export class RejectionsAndRevocations1764900000000 implements MigrationInterface {
  name = 'RejectionsAndRevocations1764900000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE organisation DROP CONSTRAINT organisation_status_check');
    await q.query(`ALTER TABLE organisation ADD CONSTRAINT organisation_status_check CHECK (status IN ('pending', 'active', 'rejected'))`);
    await q.query(`
      ALTER TABLE organisation
        ADD COLUMN rejected_at timestamptz,
        ADD COLUMN rejected_by uuid CONSTRAINT organisation_rejected_by_fkey REFERENCES person (id),
        ADD COLUMN rejection_reason text,
        ADD CONSTRAINT organisation_rejection_check CHECK ((status = 'rejected') = (rejected_at IS NOT NULL))`);
    // A rejected registration no longer holds its enterprise number: the real organisation can register.
    // A new name: TypeORM matches indexes to constraints by name across schemas, and older schemas keep the constraint.
    await q.query('ALTER TABLE organisation DROP CONSTRAINT organisation_hub_enterprise_number_key');
    await q.query(`CREATE UNIQUE INDEX organisation_held_enterprise_number_idx ON organisation (hub_id, enterprise_number) WHERE status <> 'rejected'`);
    await q.query(`
      ALTER TABLE invitation
        ADD COLUMN revoked_at timestamptz,
        ADD COLUMN revoked_by uuid CONSTRAINT invitation_revoked_by_fkey REFERENCES person (id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE invitation DROP COLUMN revoked_by, DROP COLUMN revoked_at');
    await q.query('DROP INDEX organisation_held_enterprise_number_idx');
    await q.query(`DELETE FROM organisation WHERE status = 'rejected'`);
    await q.query('ALTER TABLE organisation ADD CONSTRAINT organisation_hub_enterprise_number_key UNIQUE (hub_id, enterprise_number)');
    await q.query('ALTER TABLE organisation DROP CONSTRAINT organisation_rejection_check, DROP COLUMN rejection_reason, DROP COLUMN rejected_by, DROP COLUMN rejected_at');
    await q.query('ALTER TABLE organisation DROP CONSTRAINT organisation_status_check');
    await q.query(`ALTER TABLE organisation ADD CONSTRAINT organisation_status_check CHECK (status IN ('pending', 'active'))`);
  }
}
