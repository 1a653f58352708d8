import { MigrationInterface, QueryRunner } from 'typeorm';

/** Mentors' profiles from coaching's events, and the values of an e-mail written to a person. */
export class MentorProfiles1765100500000 implements MigrationInterface {
  name = 'MentorProfiles1765100500000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE mentor_profile (
        person_id uuid PRIMARY KEY,
        hub_id uuid NOT NULL,
        work_domains text[] NOT NULL,
        capacity integer NOT NULL,
        unavailable_until timestamptz,
        version integer NOT NULL
      )`);
    await q.query('ALTER TABLE email_message ADD COLUMN params jsonb');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE email_message DROP COLUMN params');
    await q.query('DROP TABLE mentor_profile');
  }
}
