import { DataSource } from 'typeorm';

/** How a handler's consumer uses the inbox rows its service wrote under its own name before handlers had keys. */
export interface Inheritance {
  /** The service's own key in the inbox (its name), under which events were applied before. */
  from: string;
  /** Until when (ms since the epoch): the rows written before are pruned by then. */
  until: number;
}

/**
 * The `event_handler` table: the handlers (their consumers' names) a service has had. Registered at
 * each start; the first start with handler keys, where a version before had consumed (its
 * consumers are on NATS, or its rows in the inbox), marks every handler it has as inheriting the
 * rows written under the service's name. A handler first
 * seen by a later start inherits nothing, so its consumer applies every event the stream keeps.
 */
export class HandlerRegistry {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Registers the handlers' consumers; answers each one's inheritance (none for a handler that
   * inherits nothing). `ranBefore`: a consumer of a version before exists on NATS, so old replicas
   * may apply events under the service's name during this rollout even if the inbox kept no row.
   */
  async register(service: string, consumers: readonly string[], inboxRetentionDays: number, ranBefore: boolean): Promise<Map<string, Inheritance | undefined>> {
    const rows: { consumer: string; inherits_service_inbox: boolean; registered_at: Date }[] = await this.dataSource.transaction(async (manager) => {
      // Replicas starting at once register one after another, so only the first start inherits.
      await manager.query(`SELECT pg_advisory_xact_lock(hashtext('cirkel_event_handler'), hashtext($1))`, [service]);
      await manager.query(
        `WITH first AS (
           SELECT NOT EXISTS (SELECT 1 FROM event_handler WHERE service = $1)
                  AND ($3::boolean OR EXISTS (SELECT 1 FROM inbox WHERE consumer = $1)) AS inherits)
         INSERT INTO event_handler (consumer, service, inherits_service_inbox)
         SELECT c, $1, first.inherits FROM unnest($2::text[]) AS c, first
         ON CONFLICT (consumer) DO NOTHING`,
        [service, consumers, ranBefore],
      );
      return manager.query(`SELECT consumer, inherits_service_inbox, registered_at FROM event_handler WHERE consumer = ANY($1::text[])`, [consumers]);
    });
    // Rows written under the service's name by the version before are at most a rolling update younger than the registration.
    const keptMs = (inboxRetentionDays + 1) * 24 * 60 * 60 * 1000;
    return new Map(rows.map((row) => [row.consumer, row.inherits_service_inbox ? { from: service, until: row.registered_at.getTime() + keptMs } : undefined]));
  }
}
