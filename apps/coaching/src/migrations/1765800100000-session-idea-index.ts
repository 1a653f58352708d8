import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * One idea's sessions by start (GET /sessions?ideaId, the page of a coached idea) read an index
 * instead of every session of the hub.
 */
export class SessionIdeaIndex1765800100000 implements MigrationInterface {
  name = 'SessionIdeaIndex1765800100000';

  async up(q: QueryRunner): Promise<void> {
    await q.query('CREATE INDEX coaching_session_idea_idx ON coaching_session (idea_id, starts_at, id)');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP INDEX coaching_session_idea_idx');
  }
}
