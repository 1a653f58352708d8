import { MigrationInterface, QueryRunner } from 'typeorm';

/** Coaching sessions, their action items, and the reminders that went out. */
export class CoachingSessions1765100300000 implements MigrationInterface {
  name = 'CoachingSessions1765100300000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE coaching_session (
        id uuid NOT NULL,
        hub_id uuid NOT NULL,
        assignment_id uuid NOT NULL CONSTRAINT coaching_session_assignment_id_fkey REFERENCES assignment (id),
        idea_id uuid NOT NULL,
        mentor_id uuid NOT NULL,
        participant_ids uuid[] NOT NULL,
        starts_at timestamptz NOT NULL,
        duration_minutes int NOT NULL,
        place text NOT NULL,
        status text NOT NULL,
        cancel_reason text,
        notes text NOT NULL DEFAULT '',
        held_at timestamptz,
        CONSTRAINT coaching_session_pkey PRIMARY KEY (id),
        CONSTRAINT coaching_session_status_check CHECK (status IN ('planned', 'cancelled', 'held')),
        CONSTRAINT coaching_session_duration_check CHECK (duration_minutes > 0)
      )`);
    await q.query('CREATE INDEX coaching_session_assignment_idx ON coaching_session (assignment_id)');
    await q.query('CREATE INDEX coaching_session_mentor_idx ON coaching_session (mentor_id, starts_at)');
    await q.query('CREATE INDEX coaching_session_participants_idx ON coaching_session USING gin (participant_ids)');
    await q.query(`
      CREATE TABLE action_item (
        id uuid NOT NULL,
        session_id uuid NOT NULL CONSTRAINT action_item_session_id_fkey REFERENCES coaching_session (id),
        description text NOT NULL,
        owner_id uuid NOT NULL,
        due_on date NOT NULL,
        done_at timestamptz,
        CONSTRAINT action_item_pkey PRIMARY KEY (id)
      )`);
    await q.query('CREATE INDEX action_item_session_idx ON action_item (session_id)');
    await q.query(`CREATE TABLE reminder_sent (key text NOT NULL, sent_at timestamptz NOT NULL, CONSTRAINT reminder_sent_pkey PRIMARY KEY (key))`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE reminder_sent');
    await q.query('DROP TABLE action_item');
    await q.query('DROP TABLE coaching_session');
  }
}
