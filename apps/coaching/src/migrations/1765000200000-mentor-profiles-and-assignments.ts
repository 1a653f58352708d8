import { MigrationInterface, QueryRunner } from 'typeorm';

/** Mentors' own profiles, the submitted ideas coaching knows of, and the assignments of mentors to ideas. */
export class MentorProfilesAndAssignments1765000200000 implements MigrationInterface {
  name = 'MentorProfilesAndAssignments1765000200000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE mentor
        ADD COLUMN work_domains text[] NOT NULL DEFAULT '{}',
        ADD COLUMN capacity int NOT NULL DEFAULT 0,
        ADD COLUMN bio text NOT NULL DEFAULT '',
        ADD COLUMN unavailable_until timestamptz,
        ADD CONSTRAINT mentor_capacity_check CHECK (capacity >= 0),
        ADD CONSTRAINT mentor_work_domains_check CHECK (work_domains <@ ARRAY['green', 'mobility', 'hospitality', 'industry', 'care', 'mentoring', 'other']::text[])`);
    await q.query(`
      CREATE TABLE coached_idea (
        id uuid NOT NULL,
        hub_id uuid NOT NULL,
        title text NOT NULL,
        work_domain text NOT NULL,
        lead_organisation_id uuid NOT NULL,
        submitted_at timestamptz NOT NULL,
        CONSTRAINT coached_idea_pkey PRIMARY KEY (id)
      )`);
    await q.query(`
      CREATE TABLE assignment (
        id uuid NOT NULL,
        hub_id uuid NOT NULL,
        idea_id uuid NOT NULL CONSTRAINT assignment_idea_id_fkey REFERENCES coached_idea (id),
        mentor_id uuid NOT NULL CONSTRAINT assignment_mentor_id_fkey REFERENCES mentor (person_id),
        status text NOT NULL,
        proposed_at timestamptz NOT NULL,
        decided_at timestamptz,
        CONSTRAINT assignment_pkey PRIMARY KEY (id),
        CONSTRAINT assignment_status_check CHECK (status IN ('proposed', 'accepted', 'declined', 'ended'))
      )`);
    await q.query('CREATE INDEX assignment_idea_idx ON assignment (idea_id)');
    await q.query(`CREATE INDEX assignment_mentor_idx ON assignment (mentor_id, status)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE assignment');
    await q.query('DROP TABLE coached_idea');
    await q.query('ALTER TABLE mentor DROP CONSTRAINT mentor_work_domains_check, DROP CONSTRAINT mentor_capacity_check, DROP COLUMN unavailable_until, DROP COLUMN bio, DROP COLUMN capacity, DROP COLUMN work_domains');
  }
}
