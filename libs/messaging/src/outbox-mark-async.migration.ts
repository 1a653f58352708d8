import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The relay's mark of published rows commits without waiting for its WAL to reach the disk
 * (`synchronous_commit = off` for that transaction alone, set by the mark itself, only when it marks
 * rows). Losing a mark in a crash of PostgreSQL costs nothing but a re-send, which `Nats-Msg-Id` and
 * the consumers' inbox absorb; waiting for the flush cost each round a WAL sync (about 5 ms here, see
 * docs/measurements.md), on the path of every event between its writer's commit and its consumer.
 * The writer's commit of the outbox row and the consumer's commit of its effects still wait for
 * theirs. Same signature, body replaced: replicas of the version before call it unchanged.
 */
export class OutboxMarkAsync1765400000000 implements MigrationInterface {
  name = 'OutboxMarkAsync1765400000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(nextBatch(`AND set_config('synchronous_commit', 'off', true) IS NOT NULL`));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(nextBatch(''));
  }
}

/** `outbox_next_batch` as OutboxMarkTimes1765300000000 made it, with `markCondition` added to its mark. */
function nextBatch(markCondition: string): string {
  return `
    CREATE OR REPLACE FUNCTION outbox_next_batch(after bigint, marking bigint[], marked_at timestamptz[], size int)
      RETURNS TABLE (seq bigint, id uuid, subject text, correlation_id text, envelope text)
      LANGUAGE sql VOLATILE SET enable_bitmapscan = off AS $$
        WITH marked AS (
          UPDATE outbox SET published_at = m.at FROM unnest(marking, marked_at) AS m(seq, at)
           WHERE outbox.seq = m.seq ${markCondition}
        )
        SELECT o.seq, o.id, o.subject, o.correlation_id, o.envelope::text FROM outbox o
         WHERE o.published_at IS NULL AND o.seq > after AND NOT (o.seq = ANY(marking))
           AND (o.next_attempt_at IS NULL OR o.next_attempt_at <= now())
         ORDER BY o.seq LIMIT size
      $$`;
}
