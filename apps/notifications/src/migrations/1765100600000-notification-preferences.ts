import { MigrationInterface, QueryRunner } from 'typeorm';

/** Each person's choices per category of notification. */
export class NotificationPreferences1765100600000 implements MigrationInterface {
  name = 'NotificationPreferences1765100600000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE notification_preference (
        person_id uuid NOT NULL,
        category text NOT NULL,
        in_app boolean NOT NULL,
        email text NOT NULL,
        updated_at timestamptz NOT NULL,
        PRIMARY KEY (person_id, category)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE notification_preference');
  }
}
