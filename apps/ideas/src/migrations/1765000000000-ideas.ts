import { MigrationInterface, QueryRunner } from 'typeorm';

/** Ideas and their history; Dutch full-text search over title and summary. */
export class Ideas1765000000000 implements MigrationInterface {
  name = 'Ideas1765000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE idea (
        id uuid NOT NULL,
        hub_id uuid NOT NULL,
        lead_organisation_id uuid NOT NULL,
        title text NOT NULL,
        summary text NOT NULL,
        work_domain text NOT NULL,
        strategies text[] NOT NULL,
        sdgs int[] NOT NULL,
        expected_jobs_regular int NOT NULL,
        expected_jobs_social int NOT NULL,
        canvas jsonb,
        stage text NOT NULL,
        has_accepted_mentor boolean NOT NULL DEFAULT false,
        created_by uuid NOT NULL,
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL,
        CONSTRAINT idea_pkey PRIMARY KEY (id),
        CONSTRAINT idea_stage_check CHECK (stage IN ('draft', 'submitted', 'screening', 'coaching', 'business_model', 'pilot', 'launched', 'parked', 'withdrawn')),
        CONSTRAINT idea_work_domain_check CHECK (work_domain IN ('green', 'mobility', 'hospitality', 'industry', 'care', 'mentoring', 'other')),
        CONSTRAINT idea_strategies_check CHECK (strategies <@ ARRAY['refuse', 'rethink', 'reduce', 'reuse', 'repair', 'refurbish', 'remanufacture', 'repurpose', 'recycle', 'recover']::text[]),
        CONSTRAINT idea_jobs_check CHECK (expected_jobs_regular >= 0 AND expected_jobs_social >= 0)
      )`);
    await q.query('CREATE INDEX idea_hub_idx ON idea (hub_id, id)');
    await q.query('CREATE INDEX idea_lead_idx ON idea (lead_organisation_id)');
    await q.query(`CREATE INDEX idea_search_idx ON idea USING gin (to_tsvector('dutch', title || ' ' || summary))`);
    await q.query(`
      CREATE TABLE idea_transition (
        id uuid NOT NULL,
        idea_id uuid NOT NULL CONSTRAINT idea_transition_idea_id_fkey REFERENCES idea (id) ON DELETE CASCADE,
        from_stage text,
        to_stage text NOT NULL,
        by_person uuid NOT NULL,
        at timestamptz NOT NULL,
        reason text,
        CONSTRAINT idea_transition_pkey PRIMARY KEY (id),
        CONSTRAINT idea_transition_to_check CHECK (to_stage IN ('draft', 'submitted', 'screening', 'coaching', 'business_model', 'pilot', 'launched', 'parked', 'withdrawn'))
      )`);
    await q.query('CREATE INDEX idea_transition_idea_idx ON idea_transition (idea_id, at)');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE idea_transition');
    await q.query('DROP TABLE idea');
  }
}
