import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The partners context: hubs, organisations, people, memberships, hub roles, charters, signatures
 * and invitations. Every row carries its hub. E-mail addresses are unique across hubs, not only
 * within one: login is by e-mail alone, so one address must name one person.
 */
export class PartnersSchema1764230900000 implements MigrationInterface {
  name = 'PartnersSchema1764230900000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE hub (
        id uuid PRIMARY KEY,
        slug text NOT NULL,
        name text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT hub_slug_key UNIQUE (slug)
      )`);
    await q.query(`
      CREATE TABLE person (
        id uuid PRIMARY KEY,
        hub_id uuid NOT NULL REFERENCES hub (id),
        name text NOT NULL,
        email text NOT NULL CHECK (email = lower(email)),
        password_hash text NOT NULL,
        language text NOT NULL CHECK (language IN ('nl', 'en')),
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT person_email_key UNIQUE (email)
      )`);
    await q.query('CREATE INDEX person_hub_name_idx ON person (hub_id, name, id)');
    await q.query(`
      CREATE TABLE organisation (
        id uuid PRIMARY KEY,
        hub_id uuid NOT NULL REFERENCES hub (id),
        name text NOT NULL,
        type text NOT NULL CHECK (type IN ('public', 'regular', 'social', 'knowledge', 'startup', 'citizen')),
        enterprise_number text CHECK (enterprise_number ~ '^[01][0-9]{9}$'),
        work_domains text[] NOT NULL DEFAULT '{}'
          CHECK (work_domains <@ ARRAY['green', 'mobility', 'hospitality', 'industry', 'care', 'mentoring', 'other']::text[]),
        status text NOT NULL CHECK (status IN ('pending', 'active')),
        created_at timestamptz NOT NULL DEFAULT now(),
        approved_at timestamptz,
        approved_by uuid REFERENCES person (id),
        CONSTRAINT organisation_hub_enterprise_number_key UNIQUE (hub_id, enterprise_number),
        CONSTRAINT organisation_approval_check CHECK ((status = 'active') = (approved_at IS NOT NULL))
      )`);
    await q.query('CREATE INDEX organisation_hub_name_idx ON organisation (hub_id, name, id)');
    await q.query('CREATE INDEX organisation_work_domains_idx ON organisation USING gin (work_domains)');
    await q.query(`
      CREATE TABLE membership (
        hub_id uuid NOT NULL REFERENCES hub (id),
        person_id uuid NOT NULL REFERENCES person (id) ON DELETE CASCADE,
        organisation_id uuid NOT NULL REFERENCES organisation (id) ON DELETE CASCADE,
        role text NOT NULL CHECK (role IN ('org_admin', 'member')),
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (person_id, organisation_id)
      )`);
    await q.query('CREATE INDEX membership_organisation_idx ON membership (organisation_id)');
    await q.query(`
      CREATE TABLE hub_role (
        hub_id uuid NOT NULL REFERENCES hub (id),
        person_id uuid NOT NULL REFERENCES person (id) ON DELETE CASCADE,
        role text NOT NULL CHECK (role IN ('hub_admin', 'city_staff', 'mentor', 'job_coach')),
        granted_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (person_id, hub_id, role)
      )`);
    await q.query('CREATE INDEX hub_role_hub_role_idx ON hub_role (hub_id, role)');
    await q.query(`
      CREATE TABLE charter (
        id uuid PRIMARY KEY,
        hub_id uuid NOT NULL REFERENCES hub (id),
        version integer NOT NULL CHECK (version >= 1),
        text_nl text NOT NULL,
        text_en text NOT NULL,
        published_at timestamptz NOT NULL DEFAULT now(),
        published_by uuid NOT NULL REFERENCES person (id),
        CONSTRAINT charter_hub_version_key UNIQUE (hub_id, version)
      )`);
    await q.query(`
      CREATE TABLE charter_signature (
        hub_id uuid NOT NULL,
        organisation_id uuid NOT NULL REFERENCES organisation (id) ON DELETE CASCADE,
        charter_version integer NOT NULL,
        signed_by uuid NOT NULL REFERENCES person (id),
        signed_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT charter_signature_pkey PRIMARY KEY (organisation_id, charter_version),
        CONSTRAINT charter_signature_charter_fkey FOREIGN KEY (hub_id, charter_version) REFERENCES charter (hub_id, version)
      )`);
    await q.query(`
      CREATE TABLE invitation (
        id uuid PRIMARY KEY,
        hub_id uuid NOT NULL REFERENCES hub (id),
        organisation_id uuid NOT NULL REFERENCES organisation (id) ON DELETE CASCADE,
        email text NOT NULL CHECK (email = lower(email)),
        role text NOT NULL CHECK (role IN ('org_admin', 'member')),
        token_hash text NOT NULL CHECK (token_hash ~ '^[0-9a-f]{64}$'),
        expires_at timestamptz NOT NULL,
        accepted_at timestamptz,
        accepted_by uuid REFERENCES person (id),
        created_by uuid NOT NULL REFERENCES person (id),
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT invitation_token_hash_key UNIQUE (token_hash)
      )`);
    await q.query('CREATE INDEX invitation_organisation_idx ON invitation (organisation_id)');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE invitation');
    await q.query('DROP TABLE charter_signature');
    await q.query('DROP TABLE charter');
    await q.query('DROP TABLE hub_role');
    await q.query('DROP TABLE membership');
    await q.query('DROP TABLE organisation');
    await q.query('DROP TABLE person');
    await q.query('DROP TABLE hub');
  }
}
