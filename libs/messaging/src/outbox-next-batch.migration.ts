import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The relay's read of the next pending batch (and its mark of the rows acknowledged before), as a
 * function whose plan may not be a bitmap scan. Every published row leaves a dead entry in
 * `outbox_pending_idx` until vacuum; a bitmap scan visits each of them in the heap on every read
 * (with 15,000 rows published since the last vacuum, 1,700 heap pages and 6 ms a read, growing
 * until autovacuum runs), and never marks them dead. A plain index scan marks the entries it finds
 * dead, so the next read passes over them in the index alone (15 pages, 0.07 ms). The planner takes
 * the bitmap scan for this query (it expects a few pending rows), hence `enable_bitmapscan = off`
 * for the function alone. Created in the service's schema (search_path), as the outbox it reads.
 */
export class OutboxNextBatch1765150000000 implements MigrationInterface {
  name = 'OutboxNextBatch1765150000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(CREATE_NEXT_BATCH_OF_THREE);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP FUNCTION outbox_next_batch(bigint, bigint[], int)');
  }
}

/** The function of three arguments (dropped by OutboxNextBatchContract1765500000000, made again by its `down`). */
export const CREATE_NEXT_BATCH_OF_THREE = `
      CREATE FUNCTION outbox_next_batch(after bigint, marking bigint[], size int)
        RETURNS TABLE (seq bigint, id uuid, subject text, correlation_id text, envelope text)
        LANGUAGE sql VOLATILE SET enable_bitmapscan = off AS $$
          WITH marked AS (UPDATE outbox SET published_at = now() WHERE outbox.seq = ANY(marking))
          SELECT o.seq, o.id, o.subject, o.correlation_id, o.envelope::text FROM outbox o
           WHERE o.published_at IS NULL AND o.seq > after AND NOT (o.seq = ANY(marking))
             AND (o.next_attempt_at IS NULL OR o.next_attempt_at <= now())
           ORDER BY o.seq LIMIT size
        $$`;
