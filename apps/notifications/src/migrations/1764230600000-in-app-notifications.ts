import { MigrationInterface, QueryRunner } from 'typeorm';

export class InAppNotifications1764230600000 implements MigrationInterface {
  name = 'InAppNotifications1764230600000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE recipient (
        person_id uuid PRIMARY KEY,
        hub_id uuid NOT NULL,
        name text NOT NULL,
        language text NOT NULL,
        hub_roles text[] NOT NULL DEFAULT '{}',
        updated_at timestamptz NOT NULL
      )`);
    await q.query('CREATE INDEX recipient_hub_roles_idx ON recipient USING gin (hub_roles)');
    await q.query(`
      CREATE TABLE notification (
        id uuid PRIMARY KEY,
        hub_id uuid NOT NULL,
        recipient_id uuid NOT NULL,
        kind text NOT NULL,
        params jsonb NOT NULL,
        link text,
        source_event_id uuid NOT NULL,
        created_at timestamptz NOT NULL,
        read_at timestamptz,
        CONSTRAINT notification_once_per_event UNIQUE (source_event_id, recipient_id)
      )`);
    await q.query('CREATE INDEX notification_inbox_idx ON notification (recipient_id, created_at DESC, id DESC)');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE notification');
    await q.query('DROP TABLE recipient');
  }
}
