import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Relay leadership as a lease with an expiry (issue 6, finding 5), replacing the session advisory
 * lock: one row per service schema, renewed by the leader and taken over by another replica once
 * it has expired. And a notification on `<schema>.outbox` after every statement that inserts into
 * the outbox, delivered at commit, which wakes the leader whichever replica committed.
 */
export class OutboxRelayLease1765000000000 implements MigrationInterface {
  name = 'OutboxRelayLease1765000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE outbox_relay_lease (
        id boolean PRIMARY KEY DEFAULT true CHECK (id),
        holder uuid NOT NULL,
        expires_at timestamptz NOT NULL
      )`);
    await q.query(`
      CREATE FUNCTION outbox_notify() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM pg_notify(TG_TABLE_SCHEMA || '.outbox', '');
        RETURN NULL;
      END $$`);
    await q.query('CREATE TRIGGER outbox_notify AFTER INSERT ON outbox FOR EACH STATEMENT EXECUTE FUNCTION outbox_notify()');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TRIGGER outbox_notify ON outbox');
    await q.query('DROP FUNCTION outbox_notify()');
    await q.query('DROP TABLE outbox_relay_lease');
  }
}
