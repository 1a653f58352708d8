import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The relay marks each row published at the time JetStream acknowledged it (not when the marking
 * statement ran), since a round no longer ends with a mark of its own: the rows acknowledged are
 * marked by the next read (`outbox_next_batch`, which now takes their times), or, when no round
 * follows, by a read a moment later (`OutboxRelay`, MARK_AFTER_MS). One committing statement a round
 * instead of two; the plan stays an index scan (see `OutboxNextBatch1765150000000`). The function of
 * three arguments stays beside it for replicas of the version before, which run during a rolling
 * update (expand, then contract: a later release drops it).
 */
export class OutboxMarkTimes1765300000000 implements MigrationInterface {
  name = 'OutboxMarkTimes1765300000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE FUNCTION outbox_next_batch(after bigint, marking bigint[], marked_at timestamptz[], size int)
        RETURNS TABLE (seq bigint, id uuid, subject text, correlation_id text, envelope text)
        LANGUAGE sql VOLATILE SET enable_bitmapscan = off AS $$
          WITH marked AS (
            UPDATE outbox SET published_at = m.at FROM unnest(marking, marked_at) AS m(seq, at) WHERE outbox.seq = m.seq
          )
          SELECT o.seq, o.id, o.subject, o.correlation_id, o.envelope::text FROM outbox o
           WHERE o.published_at IS NULL AND o.seq > after AND NOT (o.seq = ANY(marking))
             AND (o.next_attempt_at IS NULL OR o.next_attempt_at <= now())
           ORDER BY o.seq LIMIT size
        $$`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP FUNCTION outbox_next_batch(bigint, bigint[], timestamptz[], int)');
  }
}
