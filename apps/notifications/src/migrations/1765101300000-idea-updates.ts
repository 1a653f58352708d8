import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What the organisations of an idea were told of, by the idea's version (`idea_update`), so that an
 * organisation whose `ideas.collaborator-joined` arrives after a move is told of it, and one that
 * joined after a move arriving late is not. The collaborators known so far move into it as joins of
 * version 0 (place unknown: told of every update, told nothing again), and `idea_copy.collaborator_ids`
 * goes (a replica of the previous release still writing it during a rolling update fails that
 * delivery, which JetStream redelivers to a new one).
 */
export class IdeaUpdates1765101300000 implements MigrationInterface {
  name = 'IdeaUpdates1765101300000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE idea_update (
        source_event_id uuid PRIMARY KEY,
        source_type text NOT NULL,
        idea_id uuid NOT NULL,
        hub_id uuid NOT NULL,
        version integer NOT NULL,
        kind text NOT NULL,
        params jsonb NOT NULL,
        organisation_id uuid,
        actor_id uuid,
        occurred_at timestamptz NOT NULL
      )`);
    await q.query('CREATE INDEX idea_update_idea_idx ON idea_update (idea_id, version)');
    await q.query(`
      INSERT INTO idea_update (source_event_id, source_type, idea_id, hub_id, version, kind, params, organisation_id, actor_id, occurred_at)
      SELECT gen_random_uuid(), 'ideas.collaborator-joined', c.idea_id, c.hub_id, 0, 'collaborator-joined',
             jsonb_build_object('ideaId', c.idea_id, 'organisationId', o.id), o.id, NULL, now()
        FROM idea_copy c, unnest(c.collaborator_ids) AS o(id)`);
    await q.query('ALTER TABLE idea_copy DROP COLUMN collaborator_ids');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE idea_copy ADD COLUMN collaborator_ids uuid[] NOT NULL DEFAULT '{}'`);
    await q.query(`
      UPDATE idea_copy c SET collaborator_ids = ARRAY(
        SELECT DISTINCT u.organisation_id FROM idea_update u WHERE u.idea_id = c.idea_id AND u.kind = 'collaborator-joined')`);
    await q.query('ALTER TABLE idea_copy ALTER COLUMN collaborator_ids DROP DEFAULT');
    await q.query('DROP TABLE idea_update');
  }
}
