import { MessageHandler } from '@nestjs/microservices';
import { JsMsg } from 'nats';
import { isObservable, lastValueFrom } from 'rxjs';
import { EntityManager } from 'typeorm';
import { EventEnvelope } from '@cirkel/contracts';
import { withCorrelation } from '../correlation';
import { InboxRepository } from '../inbox/inbox.repository';
import { JetStreamContext } from '../jetstream.context';

/** An event ready for its handler. */
export interface Applicable {
  envelope: EventEnvelope;
  handler: MessageHandler;
  /** The JetStream message it came in; none when a dead letter is replayed. */
  msg?: JsMsg;
}

/** Applies events once: records them in the inbox and runs the handler of each one not seen before, in the caller's transaction. */
export class EventApplier {
  constructor(
    private readonly consumer: string,
    private readonly inbox: InboxRepository,
  ) {}

  /** Answers how many handlers ran; with `statementTimeoutMs`, each of their statements may take at most that long. */
  async apply(deliveries: readonly Applicable[], manager: EntityManager, statementTimeoutMs?: number): Promise<number> {
    const fresh = await this.inbox.recordNew(manager, this.consumer, deliveries.map((d) => d.envelope), statementTimeoutMs);
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
