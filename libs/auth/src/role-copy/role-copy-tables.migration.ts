import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A service's copy of who holds which role (libs/auth, `AccessModule.forService()`). Every service but
 * partners lists this migration among its own; it runs in the service's schema.
 */
export class RoleCopyTables1764400000000 implements MigrationInterface {
  name = 'RoleCopyTables1764400000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE copied_hub_roles (
        person_id uuid NOT NULL,
        hub_id uuid NOT NULL,
        hub_roles text[] NOT NULL,
        as_of timestamptz NOT NULL,
        CONSTRAINT copied_hub_roles_pkey PRIMARY KEY (person_id),
        CONSTRAINT copied_hub_roles_hub_roles_check CHECK (hub_roles <@ ARRAY['hub_admin', 'city_staff', 'mentor', 'job_coach']::text[])
      )`);
    await q.query(`
      CREATE TABLE copied_membership (
        person_id uuid NOT NULL,
        organisation_id uuid NOT NULL,
        hub_id uuid NOT NULL,
        role text NOT NULL,
        as_of timestamptz NOT NULL,
        CONSTRAINT copied_membership_pkey PRIMARY KEY (person_id, organisation_id),
        CONSTRAINT copied_membership_role_check CHECK (role IN ('org_admin', 'member'))
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE copied_membership');
    await q.query('DROP TABLE copied_hub_roles');
  }
}
