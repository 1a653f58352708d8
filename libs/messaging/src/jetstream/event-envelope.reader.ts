import { MessageHandler } from '@nestjs/microservices';
import { eventEnvelopeSchema, EventEnvelope, EventRegistry } from '@cirkel/contracts';
import { Naming, typeOfSubject } from '../streams';

const decoder = new TextDecoder();

/** What could be read of a message that is dead-lettered. */
export interface EventFacts {
  id?: string;
  type?: string;
  hubId?: string;
}

export type ReadEvent =
  | { ok: true; envelope: EventEnvelope; handler: MessageHandler }
  | { ok: false; reason: string; event: EventFacts };

/**
 * Turns a message from the wire into an event for its handler: JSON, a valid envelope, the type of
 * its subject, a known contract and data that contract accepts. Otherwise says why not, with what
 * could be read of it for the dead letter.
 */
export class EventEnvelopeReader {
  constructor(
    private readonly naming: Naming,
    private readonly registry: EventRegistry,
    private readonly handlerFor: (type: string) => MessageHandler | undefined,
  ) {}

  read(subject: string, data: Uint8Array | string): ReadEvent {
    const type = typeOfSubject(this.naming, subject);
    const handler = this.handlerFor(type);
    let raw: unknown;
    try {
      raw = JSON.parse(typeof data === 'string' ? data : decoder.decode(data));
    } catch {
      return { ok: false, reason: 'payload is not JSON', event: {} };
    }
    const envelope = eventEnvelopeSchema.safeParse(raw);
    const event = factsOf(raw);
    // Consumers take only the subjects of their handlers, so this happens only on a consumer made by
    // hand, or to a dead letter replayed after its handler was removed: recorded, never acked away.
    if (!handler) return { ok: false, reason: `this service has no handler for ${type}`, event };
    if (!envelope.success) return { ok: false, reason: `invalid envelope: ${formatIssues(envelope.error.issues)}`, event };
    if (envelope.data.type !== type) return { ok: false, reason: `type ${envelope.data.type} sent on subject ${subject}`, event };
    const contract = this.registry.find(envelope.data.type, envelope.data.version);
    if (!contract) return { ok: false, reason: `unknown event ${envelope.data.type} version ${envelope.data.version}`, event };
    const parsedData = contract.schema.safeParse(envelope.data.data);
    if (!parsedData.success) return { ok: false, reason: `invalid data: ${formatIssues(parsedData.error.issues)}`, event };
    return { ok: true, handler, envelope: { ...(envelope.data as EventEnvelope), data: parsedData.data } };
  }
}

function factsOf(raw: unknown): EventFacts {
  const partial = (typeof raw === 'object' && raw !== null ? raw : {}) as Record<string, unknown>;
  const text = (value: unknown) => (typeof value === 'string' ? value.slice(0, 200) : undefined);
  return { id: text(partial.id), type: text(partial.type), hubId: text(partial.hubId) };
}

function formatIssues(issues: readonly { path: PropertyKey[]; message: string }[]): string {
  return issues.map((i) => `${i.path.map(String).join('.') || '(root)'}: ${i.message}`).join('; ');
}
