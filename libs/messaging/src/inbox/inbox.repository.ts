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

/** The `inbox` table: which events a consumer has applied, so that none is applied twice. */
export class InboxRepository {
  /**
   * Records the events for `consumer` in the transaction of their effects, in one multi-row insert;
   * answers the ids that were new (not recorded before, by an earlier delivery or a replay).
   */
  async recordNew(manager: EntityManager, consumer: string, events: readonly EventEnvelope[]): Promise<Set<string>> {
    const rows: { event_id: string }[] = await manager.query(RECORD_NEW, [consumer, events.map((e) => e.id), events.map((e) => e.hubId), events.map((e) => e.type)]);
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
