import { Inject, Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import { z } from 'zod';
import { EventContract, EventEnvelope } from '@cirkel/contracts';
import { AggregateVersions } from './aggregate-versions';
import { Cause } from './cause';
import { OutboxRelay } from './outbox-relay';

/** A transaction of a service: its changes through `manager`, its events through `publish`, committed together. */
export interface Transaction {
  readonly manager: EntityManager;
  publish<S extends z.ZodType>(contract: EventContract<S>, hubId: string, data: z.input<S>, context: Cause): EventEnvelope<z.output<S>>;
}

/**
 * The only way a service publishes: the change and its events in one Postgres transaction (the
 * transactional outbox). After commit the relay is woken to publish them at once (or, in a replica
 * that does not lead, the leader is notified); its sweep publishes anything a crash left behind.
 */
@Injectable()
export class UnitOfWork {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(OutboxRelay) private readonly relay: OutboxRelay,
  ) {}

  async run<T>(work: (tx: Transaction) => Promise<T>, manager?: EntityManager): Promise<T> {
    const execute = async (em: EntityManager): Promise<T> => {
      const tx = new OutboxTransaction(em);
      const result = await work(tx);
      await tx.flush();
      return result;
    };
    const result = manager ? await execute(manager) : await this.dataSource.transaction(execute);
    this.relay.committed();
    return result;
  }
}

class OutboxTransaction implements Transaction {
  private readonly pending: EventEnvelope[] = [];
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
    if (contract.aggregate) this.versions.count(envelope, contract.aggregate.type, contract.aggregate.id(envelope.data));
    this.pending.push(envelope);
    return envelope;
  }

  async flush(): Promise<void> {
    if (this.pending.length === 0) return;
    await this.versions.assign(this.manager);
    const values: unknown[] = [];
    const rows = this.pending.map((e, i) => {
      values.push(e.id, e.hubId, e.type, e.correlationId, JSON.stringify(e));
      const p = i * 5;
      return `($${p + 1}, $${p + 2}, $${p + 3}, $${p + 4}, $${p + 5}::json)`;
    });
    await this.manager.query(`INSERT INTO outbox (id, hub_id, subject, correlation_id, envelope) VALUES ${rows.join(', ')}`, values);
    this.pending.length = 0;
  }
}
