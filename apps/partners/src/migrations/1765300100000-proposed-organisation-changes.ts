import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A new name or enterprise number an org admin asked for an active organisation, kept until a hub
 * admin approves or discards it (issue 7): `{ name?, enterpriseNumber?, proposedAt, proposedBy }`.
 */
export class ProposedOrganisationChanges1765300100000 implements MigrationInterface {
  name = 'ProposedOrganisationChanges1765300100000';

  async up(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE organisation ADD COLUMN proposed_change jsonb');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE organisation DROP COLUMN proposed_change');
  }
}
