import { MigrationInterface, QueryRunner } from 'typeorm';

/** Programmes (training series), their sessions, and registrations with a waiting list and attendance. */
export class Programmes1765100600000 implements MigrationInterface {
  name = 'Programmes1765100600000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE programme (
        id uuid NOT NULL,
        hub_id uuid NOT NULL,
        title text NOT NULL,
        capacity int NOT NULL,
        created_at timestamptz NOT NULL,
        CONSTRAINT programme_pkey PRIMARY KEY (id),
        CONSTRAINT programme_capacity_check CHECK (capacity > 0)
      )`);
    await q.query('CREATE INDEX programme_hub_idx ON programme (hub_id)');
    await q.query(`
      CREATE TABLE programme_session (
        id uuid NOT NULL,
        programme_id uuid NOT NULL CONSTRAINT programme_session_programme_id_fkey REFERENCES programme (id),
        starts_at timestamptz NOT NULL,
        ends_at timestamptz NOT NULL,
        location text NOT NULL,
        CONSTRAINT programme_session_pkey PRIMARY KEY (id)
      )`);
    await q.query('CREATE INDEX programme_session_programme_idx ON programme_session (programme_id)');
    await q.query(`
      CREATE TABLE registration (
        id uuid NOT NULL,
        programme_id uuid NOT NULL CONSTRAINT registration_programme_id_fkey REFERENCES programme (id),
        person_id uuid NOT NULL,
        registered_by uuid NOT NULL,
        status text NOT NULL,
        registered_at timestamptz NOT NULL,
        attended_session_ids uuid[] NOT NULL DEFAULT '{}',
        CONSTRAINT registration_pkey PRIMARY KEY (id),
        CONSTRAINT registration_status_check CHECK (status IN ('confirmed', 'waitlisted', 'cancelled'))
      )`);
    await q.query('CREATE INDEX registration_programme_idx ON registration (programme_id, status, registered_at)');
    await q.query(`CREATE UNIQUE INDEX registration_one_open_idx ON registration (programme_id, person_id) WHERE status <> 'cancelled'::text`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE registration');
    await q.query('DROP TABLE programme_session');
    await q.query('DROP TABLE programme');
  }
}
