import { DataSource } from 'typeorm';

/** An outbox row JetStream refused, with why. */
export interface Refused {
  seq: string;
  reason: string;
}

/** The publishing side's dead letters: outbox rows JetStream kept refusing, moved to `outbox_dead_letter` with the reason. */
export class OutboxDeadLetterRepository {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Counts a refusal against each row and makes it wait before the next try (`baseMs`, doubled each
   * time, at most a minute); rows refused `maxAttempts` times are moved to `outbox_dead_letter`.
   * Answers the rows moved.
   */
  async refused(rows: readonly Refused[], baseMs: number, maxAttempts: number): Promise<{ id: string; subject: string; reason: string }[]> {
    const seqs = rows.map((r) => r.seq);
    await this.dataSource.query(
      `UPDATE outbox o SET publish_attempts = o.publish_attempts + 1, last_error = r.reason,
              next_attempt_at = now() + make_interval(secs => least(60, $3::float * 2 ^ o.publish_attempts))
         FROM unnest($1::bigint[], $2::text[]) AS r(seq, reason) WHERE o.seq = r.seq`,
      [seqs, rows.map((r) => r.reason.slice(0, 2000)), baseMs / 1000],
    );
    return this.dataSource.query(
      `WITH given_up AS (
         DELETE FROM outbox WHERE seq = ANY($1::bigint[]) AND publish_attempts >= $2 AND published_at IS NULL
         RETURNING seq, id, hub_id, subject, correlation_id, envelope, created_at, publish_attempts, last_error)
       INSERT INTO outbox_dead_letter (seq, id, hub_id, subject, correlation_id, envelope, created_at, publish_attempts, reason)
       SELECT seq, id, hub_id, subject, correlation_id, envelope, created_at, publish_attempts, last_error FROM given_up
       RETURNING id, subject, reason`,
      [seqs, maxAttempts],
    );
  }
}
