import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The outbox's notification is no longer sent by a trigger on every insert: a transaction that
 * notifies takes a database-wide lock at commit, so every outbox commit of every service queued
 * behind the others (the production shape of `bench:events` wrote about half as many transactions
 * a second). A replica that does not lead now notifies the leader itself after its commits, one
 * notification at a time (`OutboxRelay.committed`); the leader's own commits wake it in process.
 */
export class OutboxNotifyByReplicas1765100000000 implements MigrationInterface {
  name = 'OutboxNotifyByReplicas1765100000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query('DROP TRIGGER outbox_notify ON outbox');
    await q.query('DROP FUNCTION outbox_notify()');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE FUNCTION outbox_notify() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM pg_notify(TG_TABLE_SCHEMA || '.outbox', '');
        RETURN NULL;
      END $$`);
    await q.query('CREATE TRIGGER outbox_notify AFTER INSERT ON outbox FOR EACH STATEMENT EXECUTE FUNCTION outbox_notify()');
  }
}
