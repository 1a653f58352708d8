import { randomUUID } from 'node:crypto';
import { NatsConnection } from 'nats';
import { v7 as uuidv7 } from 'uuid';
import { z } from 'zod';
import { DataSource } from 'typeorm';
import { EventContract, EventEnvelope, SYSTEM_ACTOR } from '@cirkel/contracts';
import { JetStreamContext } from '@cirkel/messaging';

const encoder = new TextEncoder();

/** What a test may set of an event's envelope; `aggregateVersion` gives it the contract's aggregate at that version. */
export type TestEventOverrides = Partial<Omit<EventEnvelope, 'data' | 'aggregate'>> & { aggregateVersion?: number };

/** An event as a service's outbox would write it (without an aggregate version unless asked for one). */
export function testEvent<S extends z.ZodType>(contract: EventContract<S>, hubId: string, data: z.input<S>, overrides: TestEventOverrides = {}): EventEnvelope<z.input<S>> {
  const { aggregateVersion, ...envelope } = overrides;
  if (aggregateVersion !== undefined && !contract.aggregate) throw new Error(`${contract.type} names no aggregate: it has no version to give`);
  const aggregate =
    aggregateVersion === undefined || !contract.aggregate
      ? undefined
      : { type: contract.aggregate.type, id: contract.aggregate.id(contract.schema.parse(data)), version: aggregateVersion };
  return {
    id: uuidv7(),
    type: contract.type,
    version: contract.version,
    hubId,
    occurredAt: new Date().toISOString(),
    actor: SYSTEM_ACTOR,
    correlationId: randomUUID(),
    causationId: null,
    data,
    ...(aggregate && { aggregate }),
    ...envelope,
  };
}

/** Publishes an event to JetStream as a relay does (Nats-Msg-Id = event id unless told otherwise). */
export async function publishTestEvent(nc: NatsConnection, subjectPrefix: string, event: EventEnvelope, msgID: string = event.id): Promise<void> {
  await nc.jetstream().publish(`${subjectPrefix}${event.type}`, encoder.encode(JSON.stringify(event)), { msgID });
}

/** Hands `event` to a handler in a transaction of its own, as the JetStream transport does (without the inbox): for read-model tests. */
export function handleInTransaction<E extends EventEnvelope>(dataSource: DataSource, event: E, handle: (event: E, ctx: JetStreamContext) => Promise<void>): Promise<void> {
  return dataSource.transaction((manager) => handle(event, new JetStreamContext([event, undefined, manager])));
}
