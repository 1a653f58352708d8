import { Inject, Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import { z } from 'zod';
import { EventContract, EventEnvelope } from '@cirkel/contracts';
import { AggregateVersions, VersionRow } from './aggregate-versions';
import { Cause } from './cause';
import { OutboxRow } from './outbox-message';
import { OutboxRelay } from './outbox-relay';
import { namedStatement } from '@cirkel/persistence';

/** A transaction of a service: its changes through `manager`, its events through `publish`, committed together. */
export interface Transaction {
  readonly manager: EntityManager;
  publish<S extends z.ZodType>(contract: EventContract<S>, hubId: string, data: z.input<S>, context: Cause): EventEnvelope<z.output<S>>;
}

/**
 * The only way a service publishes: the change and its events in one Postgres transaction (the
 * transactional outbox). After commit the relay is handed the rows to publish them at once (or, in
 * a replica that does not lead, the leader is notified); its sweep publishes anything a crash left behind.
 */
@Injectable()
export class UnitOfWork {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(OutboxRelay) private readonly relay: OutboxRelay,
  ) {}

  /**
   * Runs `work` in a transaction of its own, or in `manager`'s (an event handler's): then whoever
   * commits that transaction wakes the relay after its commit (`wroteOutbox`), since a wake-up before
   * it finds nothing and the rows would wait for the sweep.
   */
  async run<T>(work: (tx: Transaction) => Promise<T>, manager?: EntityManager): Promise<T> {
    if (manager) {
      const tx = new OutboxTransaction(manager);
      const result = await work(tx);
      if ((await tx.flush()).length > 0) markOutboxWritten(manager);
      return result;
    }
    let written: Promise<OutboxRow[]> | undefined;
    let nested = false;
    let result: T;
    try {
      result = await this.dataSource.transaction(async (em) => {
        const tx = new OutboxTransaction(em);
        const done = await work(tx);
        nested = wroteOutbox(em); // `work` ran a unit of work of its own in this transaction
        // The outbox write, the transaction's last statement, is sent and not awaited: TypeORM's
        // COMMIT follows it on the pipelined connection, one round trip for both (on a connection
        // that does not pipeline, pg sends COMMIT after the write's answer, as before).
        const runner = em.queryRunner;
        if (!runner) throw new Error('a TypeORM transaction without its query runner');
        written = tx.send(await runner.connect());
        written.catch(() => undefined); // awaited below
        return done;
      });
    } catch (error) {
      // A failed outbox write aborted the transaction (its COMMIT answered ROLLBACK): its error is the one to tell.
      await written;
      throw error;
    }
    const rows = (await written) ?? [];
    // The rows as committed: the relay of a replica that leads sends them without reading them back
    // (a read when nested units of work wrote rows too: it finds them all).
    if (nested) this.relay.committed();
    else if (rows.length > 0) this.relay.committed(rows);
    return result;
  }
}

const OUTBOX_WRITTEN = 'cirkelOutboxWritten';

function markOutboxWritten(manager: EntityManager): void {
  if (manager.queryRunner) manager.queryRunner.data = { ...manager.queryRunner.data, [OUTBOX_WRITTEN]: true };
}

/** Whether a transaction wrote outbox rows (through `UnitOfWork.run` in it): its owner then wakes the relay after commit. */
export function wroteOutbox(manager: EntityManager): boolean {
  return manager.queryRunner?.data?.[OUTBOX_WRITTEN] === true;
}

/** The outbox write of a transaction (`OutboxTransaction.flush`), a named statement: parsed and planned once per connection. */
const OUTBOX_WRITE = namedStatement(
  'cirkel_outbox_write_v2',
  `WITH v AS (
         INSERT INTO aggregate_version AS a (aggregate_type, aggregate_id, version)
         SELECT t, i, n FROM unnest($1::text[], $2::text[], $3::int[]) WITH ORDINALITY AS u(t, i, n, o) ORDER BY o
         ON CONFLICT (aggregate_type, aggregate_id) DO UPDATE SET version = a.version + excluded.version
         RETURNING aggregate_type, aggregate_id, version
       ), o AS (
         INSERT INTO outbox (id, hub_id, subject, correlation_id, envelope)
         SELECT e.id, e.hub_id, e.subject, e.correlation_id,
                CASE WHEN e.aggregate_type IS NULL THEN e.envelope
                     ELSE left(e.envelope, -1) || ',"aggregate":' ||
                          json_build_object('type', v.aggregate_type, 'id', v.aggregate_id, 'version', v.version - e.later)::text || '}'
                END::json
           FROM unnest($4::uuid[], $5::uuid[], $6::text[], $7::text[], $8::text[], $9::text[], $10::text[], $11::int[])
                WITH ORDINALITY AS e(id, hub_id, subject, correlation_id, envelope, aggregate_type, aggregate_id, later, o)
           LEFT JOIN v ON v.aggregate_type = e.aggregate_type AND v.aggregate_id = e.aggregate_id
          ORDER BY e.o
         RETURNING seq, id, subject, correlation_id, envelope
       )
       SELECT 'version' AS kind, aggregate_type, aggregate_id, version,
              NULL::bigint AS seq, NULL::uuid AS id, NULL::text AS subject, NULL::text AS correlation_id, NULL::text AS envelope FROM v
       UNION ALL
       SELECT 'row', NULL, NULL, NULL, seq, id, subject, correlation_id, envelope::text FROM o`,
);

/** What the outbox write answers: the aggregates' versions, and the rows as written (for the relay to send as they are). */
type WriteAnswer = (VersionRow & { kind: 'version' }) | (OutboxRow & { kind: 'row' });

class OutboxTransaction implements Transaction {
  /** The events published, each with its aggregate (type, id) when its contract has one. */
  private readonly pending: { envelope: EventEnvelope; aggregate?: [type: string, id: string] }[] = [];
  private readonly versions = new AggregateVersions();

  constructor(readonly manager: EntityManager) {}

  publish<S extends z.ZodType>(contract: EventContract<S>, hubId: string, data: z.input<S>, context: Cause): EventEnvelope<z.output<S>> {
    const envelope: EventEnvelope<z.output<S>> = {
      id: uuidv7(),
      type: contract.type,
      version: contract.version,
      hubId,
      occurredAt: new Date().toISOString(),
      actor: context.actor,
      correlationId: context.correlationId,
      causationId: context.causationId,
      // A publisher never sends what its own contract would reject.
      data: contract.schema.parse(data),
    };
    const aggregate: [string, string] | undefined = contract.aggregate ? [contract.aggregate.type, contract.aggregate.id(envelope.data)] : undefined;
    if (aggregate) this.versions.count(envelope, ...aggregate);
    this.pending.push({ envelope, aggregate });
    return envelope;
  }

  /**
   * Takes the aggregates' versions and writes the outbox rows in one statement (one round trip per
   * transaction, however many events): the upsert of `aggregate_version` in a CTE, and each row's
   * envelope completed in SQL with its aggregate's version (the envelope's JSON without `aggregate`,
   * then `"aggregate":{…}` before its closing brace). Rows enter the outbox in publish order.
   */
  async flush(): Promise<OutboxRow[]> {
    if (this.pending.length === 0) return [];
    return this.written(await this.manager.query(OUTBOX_WRITE, this.parameters()));
  }

  /**
   * The same write sent on the transaction's own connection (`client`) at once, not through
   * TypeORM's `query`, so that it leaves before the COMMIT that follows it; answers the rows.
   */
  send(client: { query(config: unknown, values: unknown[]): Promise<{ rows: WriteAnswer[] }> }): Promise<OutboxRow[]> {
    if (this.pending.length === 0) return Promise.resolve([]);
    return client.query(OUTBOX_WRITE, this.parameters()).then(({ rows }) => this.written(rows));
  }

  private parameters(): unknown[] {
    const places = this.pending.map((p) => (p.aggregate ? this.versions.placeOf(p.envelope, ...p.aggregate) : undefined));
    const [types, ids, counts] = this.versions.upsert();
    return [
      types,
      ids,
      counts,
      this.pending.map((p) => p.envelope.id),
      this.pending.map((p) => p.envelope.hubId),
      this.pending.map((p) => p.envelope.type),
      this.pending.map((p) => p.envelope.correlationId),
      this.pending.map((p) => JSON.stringify(p.envelope)),
      places.map((p) => p?.type ?? null),
      places.map((p) => p?.id ?? null),
      places.map((p) => p?.later ?? null),
    ];
  }

  private written(answer: WriteAnswer[]): OutboxRow[] {
    this.versions.assign(answer.filter((a): a is VersionRow & { kind: 'version' } => a.kind === 'version'));
    this.pending.length = 0;
    return answer
      .filter((a): a is OutboxRow & { kind: 'row' } => a.kind === 'row')
      .map(({ seq, id, subject, correlation_id, envelope }) => ({ seq, id, subject, correlation_id, envelope }))
      .sort((a, b) => (BigInt(a.seq) < BigInt(b.seq) ? -1 : 1));
  }
}
