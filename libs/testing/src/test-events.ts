import { randomUUID } from 'node:crypto';
import { NatsConnection } from 'nats';
import { v7 as uuidv7 } from 'uuid';
import { z } from 'zod';
import { EventContract, EventEnvelope, SYSTEM_ACTOR } from '@cirkel/contracts';

const encoder = new TextEncoder();

/** An event as a service's outbox would write it. */
export function testEvent<S extends z.ZodType>(contract: EventContract<S>, hubId: string, data: z.input<S>, overrides: Partial<Omit<EventEnvelope, 'data'>> = {}): EventEnvelope<z.input<S>> {
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
    ...overrides,
  };
}

/** Publishes an event to JetStream as a relay does (Nats-Msg-Id = event id unless told otherwise). */
export async function publishTestEvent(nc: NatsConnection, subjectPrefix: string, event: EventEnvelope, msgID: string = event.id): Promise<void> {
  await nc.jetstream().publish(`${subjectPrefix}${event.type}`, encoder.encode(JSON.stringify(event)), { msgID });
}
