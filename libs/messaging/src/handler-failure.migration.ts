import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * How often each event failed in a consumer's handlers (issue 6, finding 3): counted by the
 * transport, so that an outage's failed deliveries never count towards a dead letter. Keyed like
 * the inbox, by consumer and event id (a stream made anew numbers its messages from 1 again; an
 * event id stays the same).
 */
export class HandlerFailures1764800000000 implements MigrationInterface {
  name = 'HandlerFailures1764800000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE handler_failure (
        consumer text NOT NULL,
        event_id uuid NOT NULL,
        failures int NOT NULL,
        last_error text NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (consumer, event_id)
      )`);
    await q.query('CREATE INDEX handler_failure_updated_idx ON handler_failure (updated_at)');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE handler_failure');
  }
}
