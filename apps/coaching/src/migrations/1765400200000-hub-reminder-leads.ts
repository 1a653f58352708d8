import { MigrationInterface, QueryRunner } from 'typeorm';

/** A hub's own session reminder lead times (minutes before the start); a hub without a row has the configured default. */
export class HubReminderLeads1765400200000 implements MigrationInterface {
  name = 'HubReminderLeads1765400200000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE hub_reminder_setting (
        hub_id uuid NOT NULL,
        session_lead_minutes int[] NOT NULL,
        updated_at timestamptz NOT NULL,
        updated_by uuid NOT NULL,
        CONSTRAINT hub_reminder_setting_pkey PRIMARY KEY (hub_id),
        CONSTRAINT hub_reminder_setting_leads_check CHECK (cardinality(session_lead_minutes) BETWEEN 1 AND 5)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE hub_reminder_setting');
  }
}
