import { MigrationInterface, QueryRunner } from 'typeorm';

/** Organisations asking to work on an idea, and the lead organisation's answers. */
export class IdeaCollaboration1765000100000 implements MigrationInterface {
  name = 'IdeaCollaboration1765000100000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE idea_collaboration (
        id uuid NOT NULL,
        idea_id uuid NOT NULL CONSTRAINT idea_collaboration_idea_id_fkey REFERENCES idea (id) ON DELETE CASCADE,
        organisation_id uuid NOT NULL,
        status text NOT NULL,
        requested_by uuid NOT NULL,
        requested_at timestamptz NOT NULL,
        decided_by uuid,
        decided_at timestamptz,
        CONSTRAINT idea_collaboration_pkey PRIMARY KEY (id),
        CONSTRAINT idea_collaboration_idea_organisation_key UNIQUE (idea_id, organisation_id),
        CONSTRAINT idea_collaboration_status_check CHECK (status IN ('requested', 'accepted', 'declined'))
      )`);
    await q.query('CREATE INDEX idea_collaboration_organisation_idx ON idea_collaboration (organisation_id)');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE idea_collaboration');
  }
}
