import { EventEnvelope } from '@cirkel/contracts';

interface Counted {
  type: string;
  id: string;
  envelopes: EventEnvelope[];
}

/** An aggregate's new version, as the `aggregate_version` upsert answers it. */
export interface VersionRow {
  aggregate_type: string;
  aggregate_id: string;
  version: number;
}

/** Where an event stands in its aggregate within the transaction: how many events of the aggregate follow it. */
export interface AggregatePlace {
  type: string;
  id: string;
  later: number;
}

/**
 * Gives the events of one transaction their aggregates' next versions, taken in the statement that
 * writes the outbox rows when the transaction ends (`OutboxTransaction.flush`). The upsert locks
 * each aggregate's row until commit, so two transactions that change one aggregate take their
 * versions in commit order; rows are locked in a fixed order (type, id), so two such transactions
 * cannot deadlock on them.
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

  /** The upsert's parameters, each aggregate once with its count of events, in lock order (type, id). */
  upsert(): [types: string[], ids: string[], counts: number[]] {
    const entries = [...this.counted.values()].sort((a, b) => (a.type === b.type ? compare(a.id, b.id) : compare(a.type, b.type)));
    return [entries.map((e) => e.type), entries.map((e) => e.id), entries.map((e) => e.envelopes.length)];
  }

  /** The place of an event counted here in its aggregate; undefined for an event without an aggregate. */
  placeOf(envelope: EventEnvelope, type: string, id: string): AggregatePlace {
    const entry = this.counted.get(JSON.stringify([type, id]));
    const index = entry?.envelopes.indexOf(envelope) ?? -1;
    if (!entry || index < 0) throw new Error(`event ${envelope.id} was not counted for aggregate ${type} ${id}`);
    return { type, id, later: entry.envelopes.length - 1 - index };
  }

  /** Writes the versions the upsert answered into the envelopes (the outbox rows got them in the same statement). */
  assign(rows: readonly VersionRow[]): void {
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
