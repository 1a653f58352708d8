import { MigrationInterface, QueryRunner } from 'typeorm';

/** Coaching sessions held, from coaching.session-held: sessions and hours per period. */
export class HeldSessions1765200200000 implements MigrationInterface {
  name = 'HeldSessions1765200200000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE held_session (
        session_id uuid NOT NULL,
        hub_id uuid NOT NULL,
        idea_id uuid NOT NULL,
        day date NOT NULL,
        hours numeric(6,2) NOT NULL,
        participant_count int NOT NULL,
        CONSTRAINT held_session_pkey PRIMARY KEY (session_id)
      )`);
    await q.query('CREATE INDEX held_session_hub_day_idx ON held_session (hub_id, day)');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE held_session');
  }
}
