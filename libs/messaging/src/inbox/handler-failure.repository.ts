import { EntityManager } from 'typeorm';

/**
 * The `handler_failure` table: how often a consumer's handlers have failed on an event, by the
 * handler's own error (never an outage). It, not the message's delivery count, decides when an
 * event becomes a dead letter, so that deliveries lost to an outage do not count.
 */
export class HandlerFailureRepository {
  /** Counts one more failure of the event for `consumer`; answers how many there have been. */
  async count(manager: EntityManager, consumer: string, eventId: string, error: string): Promise<number> {
    const [row]: { failures: number }[] = await manager.query(
      `INSERT INTO handler_failure (consumer, event_id, failures, last_error) VALUES ($1, $2, 1, $3)
       ON CONFLICT (consumer, event_id) DO UPDATE SET failures = handler_failure.failures + 1, last_error = EXCLUDED.last_error, updated_at = now()
       RETURNING failures`,
      [consumer, eventId, error.slice(0, 2000)],
    );
    return row.failures;
  }

  /** Forgets counts last touched more than `days` ago (as the inbox forgets ids); answers how many. */
  async prune(manager: EntityManager, days: number): Promise<number> {
    const [, count]: [unknown, number] = await manager.query(`DELETE FROM handler_failure WHERE updated_at < now() - make_interval(days => $1)`, [days]);
    return count;
  }
}
