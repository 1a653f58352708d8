import { MigrationInterface, QueryRunner } from 'typeorm';

/** Programme registrations and attendance, from coaching.registration-changed and coaching.attendance-recorded. */
export class ProgrammeActivity1765200500000 implements MigrationInterface {
  name = 'ProgrammeActivity1765200500000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE programme_registration (
        registration_id uuid NOT NULL,
        hub_id uuid NOT NULL,
        programme_id uuid NOT NULL,
        status text NOT NULL,
        registered_on date,
        version integer NOT NULL DEFAULT 0,
        CONSTRAINT programme_registration_pkey PRIMARY KEY (registration_id)
      )`);
    await q.query('CREATE INDEX programme_registration_hub_day_idx ON programme_registration (hub_id, registered_on)');
    await q.query(`
      CREATE TABLE programme_attendance (
        programme_session_id uuid NOT NULL,
        hub_id uuid NOT NULL,
        programme_id uuid NOT NULL,
        day date NOT NULL,
        present int NOT NULL,
        absent int NOT NULL,
        version integer NOT NULL DEFAULT 0,
        CONSTRAINT programme_attendance_pkey PRIMARY KEY (programme_session_id)
      )`);
    await q.query('CREATE INDEX programme_attendance_hub_day_idx ON programme_attendance (hub_id, day)');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE programme_attendance');
    await q.query('DROP TABLE programme_registration');
  }
}
