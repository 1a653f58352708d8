import { EntityManager } from 'typeorm';
import { EventEnvelope } from '@cirkel/contracts';

interface Counted {
  type: string;
  id: string;
  envelopes: EventEnvelope[];
}

/**
 * Gives the events of one transaction their aggregates' next versions, in one statement when the
 * transaction ends. The upsert locks each aggregate's row until commit, so two transactions that
 * change one aggregate take their versions in commit order; rows are locked in a fixed order
 * (type, id), so two such transactions cannot deadlock on them.
 */
export class AggregateVersions {
  private readonly counted = new Map<string, Counted>();

  /** Notes that `envelope` is the next event of aggregate (type, id) in this transaction. */
  count(envelope: EventEnvelope, type: string, id: string): void {
    const key = JSON.stringify([type, id]);
    const entry = this.counted.get(key) ?? { type, id, envelopes: [] };
    entry.envelopes.push(envelope);
    this.counted.set(key, entry);
  }

  /** Takes the versions and writes them into the envelopes (before they enter the outbox). */
  async assign(manager: EntityManager): Promise<void> {
    if (this.counted.size === 0) return;
    const entries = [...this.counted.values()].sort((a, b) => (a.type === b.type ? compare(a.id, b.id) : compare(a.type, b.type)));
    const rows: { aggregate_type: string; aggregate_id: string; version: number }[] = await manager.query(
      `INSERT INTO aggregate_version AS v (aggregate_type, aggregate_id, version)
       SELECT t, i, n FROM unnest($1::text[], $2::text[], $3::int[]) WITH ORDINALITY AS u(t, i, n, o) ORDER BY o
       ON CONFLICT (aggregate_type, aggregate_id) DO UPDATE SET version = v.version + excluded.version
       RETURNING aggregate_type, aggregate_id, version`,
      [entries.map((e) => e.type), entries.map((e) => e.id), entries.map((e) => e.envelopes.length)],
    );
    for (const row of rows) {
      const entry = this.counted.get(JSON.stringify([row.aggregate_type, row.aggregate_id]));
      if (!entry) throw new Error(`aggregate_version answered an aggregate it was not asked for: ${row.aggregate_type} ${row.aggregate_id}`);
      const first = row.version - entry.envelopes.length + 1;
      entry.envelopes.forEach((envelope, i) => (envelope.aggregate = { type: entry.type, id: entry.id, version: first + i }));
    }
    this.counted.clear();
  }
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
