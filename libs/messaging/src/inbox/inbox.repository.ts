import { EntityManager } from 'typeorm';
import { EventEnvelope } from '@cirkel/contracts';
import { namedStatement } from '@cirkel/persistence';
import { Inheritance } from './handler-registry';

const EVENTS = `SELECT DISTINCT ON (id) id, hub_id, subject FROM unnest($2::uuid[], $3::uuid[], $4::text[]) AS e(id, hub_id, subject)`;
/** From the next statement on (the handlers'), each may take at most $5 ms (`set_config(…, true)`, as `SET LOCAL` does): one round trip less than a SET LOCAL. */
const WITH_TIMEOUT = `set_config('statement_timeout', $5::text, true) IS NOT NULL`;

/** The inbox write of every delivery batch, a named statement (parsed and planned once per connection). */
const RECORD_NEW = namedStatement(
  'cirkel_inbox_record_new',
  `INSERT INTO inbox (consumer, event_id, hub_id, subject)
   SELECT $1, e.id, e.hub_id, e.subject FROM unnest($2::uuid[], $3::uuid[], $4::text[]) AS e(id, hub_id, subject)
   ON CONFLICT DO NOTHING RETURNING event_id`,
);

/** The same, setting the transaction's statement timeout on the way; the insert itself is one index probe per event. */
const RECORD_NEW_WITH_TIMEOUT = namedStatement(
  'cirkel_inbox_record_new_timed',
  `INSERT INTO inbox (consumer, event_id, hub_id, subject)
   SELECT $1, e.id, e.hub_id, e.subject FROM unnest($2::uuid[], $3::uuid[], $4::text[]) AS e(id, hub_id, subject)
    WHERE ${WITH_TIMEOUT}
   ON CONFLICT DO NOTHING RETURNING event_id`,
);

/**
 * For a handler that inherits its service's rows: an event is new to it
 * only if the service (its name: $5, or $6 after a timeout) had not applied it under its own name (a row written by the version before
 * handlers had keys, `for_handlers` false). The row under the service's name is written too, marked
 * `for_handlers`, so that a replica of the version before, which reads only that key, does not
 * apply the event again; an existing row is taken with a no-op update, which waits for a concurrent
 * writer's commit and answers whose row it is.
 */
function recordNewInheriting(timed: boolean): string {
  const service = timed ? '$6' : '$5';
  return namedStatement(
    timed ? 'cirkel_inbox_record_new_inheriting_timed' : 'cirkel_inbox_record_new_inheriting',
    `WITH e AS (${EVENTS}),
     service AS (
       INSERT INTO inbox (consumer, event_id, hub_id, subject, for_handlers)
       SELECT ${service}::text, e.id, e.hub_id, e.subject, true FROM e
       ON CONFLICT (consumer, event_id) DO UPDATE SET for_handlers = inbox.for_handlers
       RETURNING event_id, for_handlers)
     INSERT INTO inbox (consumer, event_id, hub_id, subject)
     SELECT $1, e.id, e.hub_id, e.subject FROM e JOIN service s ON s.event_id = e.id AND s.for_handlers
     ${timed ? `WHERE ${WITH_TIMEOUT}` : ''}
     ON CONFLICT DO NOTHING RETURNING event_id`,
  );
}
const RECORD_NEW_INHERITING = recordNewInheriting(false);
const RECORD_NEW_INHERITING_WITH_TIMEOUT = recordNewInheriting(true);

/** The `inbox` table: which events each handler's consumer has applied, so that none is applied twice. */
export class InboxRepository {
  /**
   * Records the events for `consumer` in the transaction of their effects, in one multi-row insert;
   * answers the ids that were new (not recorded before, by an earlier delivery or a replay; with
   * `inheritance`, nor applied by the service under its own name). With `statementTimeoutMs`, the
   * transaction's later statements may each take at most that long.
   */
  async recordNew(manager: EntityManager, consumer: string, events: readonly EventEnvelope[], statementTimeoutMs?: number, inheritance?: Inheritance): Promise<Set<string>> {
    if (events.length === 0) return new Set();
    const values: unknown[] = [consumer, events.map((e) => e.id), events.map((e) => e.hubId), events.map((e) => e.type)];
    const timeout = statementTimeoutMs === undefined ? null : String(Math.floor(statementTimeoutMs));
    const inherits = inheritance !== undefined && Date.now() < inheritance.until;
    let rows: { event_id: string }[];
    if (inherits) rows = await manager.query(timeout === null ? RECORD_NEW_INHERITING : RECORD_NEW_INHERITING_WITH_TIMEOUT, timeout === null ? [...values, inheritance.from] : [...values, timeout, inheritance.from]);
    else rows = await manager.query(timeout === null ? RECORD_NEW : RECORD_NEW_WITH_TIMEOUT, timeout === null ? values : [...values, timeout]);
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
