import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Session reminders still to go out, one row each (session, lead, the start it is for, when it is
 * due): the jobs queue only the instants (one delayed job per due bucket), and the job of a bucket
 * claims every row due by then in one transaction (`ReminderFiring`). A fired, moved or cancelled
 * reminder's row is deleted; `reminder_sent` stays the record of what went out. No rows are copied
 * here: coaching's start-up scan writes those of every planned session still ahead (as it queued
 * their jobs before), and jobs queued before this migration still run (`SessionReminderJob`).
 */
export class SessionReminderRows1765600100000 implements MigrationInterface {
  name = 'SessionReminderRows1765600100000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE session_reminder (
        session_id uuid NOT NULL,
        lead_minutes int NOT NULL,
        starts_at timestamptz NOT NULL,
        due_at timestamptz NOT NULL,
        CONSTRAINT session_reminder_pkey PRIMARY KEY (session_id, lead_minutes, starts_at),
        CONSTRAINT session_reminder_session_fkey FOREIGN KEY (session_id) REFERENCES coaching_session (id) ON DELETE CASCADE
      )`);
    await q.query('CREATE INDEX session_reminder_due_idx ON session_reminder (due_at)');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE session_reminder');
  }
}
