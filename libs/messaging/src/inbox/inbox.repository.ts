import { EntityManager } from 'typeorm';
import { EventEnvelope } from '@cirkel/contracts';
import { namedStatement } from '@cirkel/persistence';

/** The inbox write of every delivery batch, a named statement (parsed and planned once per connection). */
const RECORD_NEW = namedStatement(
  'cirkel_inbox_record_new',
  `INSERT INTO inbox (consumer, event_id, hub_id, subject)
   SELECT $1, e.id, e.hub_id, e.subject FROM unnest($2::uuid[], $3::uuid[], $4::text[]) AS e(id, hub_id, subject)
   ON CONFLICT DO NOTHING RETURNING event_id`,
);

/**
 * The same, setting the rest of the transaction's statement timeout (`set_config(…, true)`, as `SET
 * LOCAL` does) on the way: one round trip a delivery batch instead of two. It takes effect from the
 * next statement, the handlers'; the insert itself is one index probe per event.
 */
const RECORD_NEW_WITH_TIMEOUT = namedStatement(
  'cirkel_inbox_record_new_timed',
  `INSERT INTO inbox (consumer, event_id, hub_id, subject)
   SELECT $1, e.id, e.hub_id, e.subject FROM unnest($2::uuid[], $3::uuid[], $4::text[]) AS e(id, hub_id, subject)
    WHERE set_config('statement_timeout', $5::text, true) IS NOT NULL
   ON CONFLICT DO NOTHING RETURNING event_id`,
);

/** The `inbox` table: which events a consumer has applied, so that none is applied twice. */
export class InboxRepository {
  /**
   * Records the events for `consumer` in the transaction of their effects, in one multi-row insert;
   * answers the ids that were new (not recorded before, by an earlier delivery or a replay). With
   * `statementTimeoutMs`, the transaction's later statements may each take at most that long.
   */
  async recordNew(manager: EntityManager, consumer: string, events: readonly EventEnvelope[], statementTimeoutMs?: number): Promise<Set<string>> {
    if (events.length === 0) return new Set();
    const values = [consumer, events.map((e) => e.id), events.map((e) => e.hubId), events.map((e) => e.type)];
    const rows: { event_id: string }[] =
      statementTimeoutMs === undefined
        ? await manager.query(RECORD_NEW, values)
        : await manager.query(RECORD_NEW_WITH_TIMEOUT, [...values, String(Math.floor(statementTimeoutMs))]);
    return new Set(rows.map((r) => r.event_id));
  }

  /** Forgets ids applied more than `days` ago, a batch at a time; answers how many. */
  async prune(manager: EntityManager, days: number, batch = 10_000): Promise<number> {
    let removed = 0;
    for (;;) {
      const [, count]: [unknown, number] = await manager.query(
        `DELETE FROM inbox WHERE ctid IN (SELECT ctid FROM inbox WHERE processed_at < now() - make_interval(days => $1) LIMIT $2)`,
        [days, batch],
      );
      removed += count;
      if (count < batch) return removed;
    }
  }
}
