import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * An inbox key per event handler (issue 6, finding 1). `event_handler` is the registry of a
 * service's handlers: the handlers of its first start with per-handler keys, in a database where
 * the service had applied events under its own name, inherit those inbox rows for a while
 * (`inherits_service_inbox`); a handler registered later does not, so it applies every event its
 * consumer brings from the stream. `inbox.for_handlers` marks the rows a handler that inherits
 * writes under the service's name, so that a replica of the version before (which knows only that
 * key) does not apply the event again during the rolling update, while the service's other
 * inheriting handlers still do.
 */
export class HandlerInbox1765600000000 implements MigrationInterface {
  name = 'HandlerInbox1765600000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE event_handler (
        consumer text PRIMARY KEY,
        service text NOT NULL,
        inherits_service_inbox boolean NOT NULL,
        registered_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query('CREATE INDEX event_handler_service_idx ON event_handler (service)');
    await q.query('ALTER TABLE inbox ADD COLUMN for_handlers boolean NOT NULL DEFAULT false');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE inbox DROP COLUMN for_handlers');
    await q.query('DROP TABLE event_handler');
  }
}
