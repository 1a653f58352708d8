import { MessageHandler } from '@nestjs/microservices';
import { JsMsg } from 'nats';
import { isObservable, lastValueFrom } from 'rxjs';
import { EntityManager } from 'typeorm';
import { EventEnvelope } from '@cirkel/contracts';
import { withCorrelation } from '../correlation';
import { Inheritance } from '../inbox/handler-registry';
import { InboxRepository } from '../inbox/inbox.repository';
import { JetStreamContext } from '../jetstream.context';

/** An event ready for its handler. */
export interface Applicable {
  envelope: EventEnvelope;
  handler: MessageHandler;
  /** The JetStream message it came in; none when a dead letter is replayed. */
  msg?: JsMsg;
}

/**
 * Applies events once for one handler's consumer: records them in the inbox under the consumer's
 * name and runs the handler of each one not seen before, in the caller's transaction.
 */
export class EventApplier {
  constructor(
    readonly consumer: string,
    private readonly inbox: InboxRepository,
    /** For a handler that inherits what its service applied under its own name (`HandlerRegistry`). */
    private readonly inheritance?: Inheritance,
  ) {}

  /** Answers how many handlers ran; with `statementTimeoutMs`, each of their statements may take at most that long. */
  async apply(deliveries: readonly Applicable[], manager: EntityManager, statementTimeoutMs?: number): Promise<number> {
    const fresh = await this.inbox.recordNew(manager, this.consumer, deliveries.map((d) => d.envelope), statementTimeoutMs, this.inheritance);
    let applied = 0;
    for (const d of deliveries) {
      if (!fresh.delete(d.envelope.id)) continue; // seen before, or twice in this batch
      applied++;
      // The handler's log lines carry the event's correlation id.
      await withCorrelation(d.envelope.correlationId, async () => {
        const result = await d.handler(d.envelope, new JetStreamContext([d.envelope, d.msg, manager]));
        if (isObservable(result)) await lastValueFrom(result, { defaultValue: undefined });
      });
    }
    return applied;
  }
}
