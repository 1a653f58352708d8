import { Logger } from '@nestjs/common';
import { JsMsg } from 'nats';
import { DataSource } from 'typeorm';
import { DeadLetterRepository } from '../dead-letters/dead-letter.repository';
import { HandlerFailureRepository } from '../inbox/handler-failure.repository';
import { MessagingOptions } from '../messaging-options';
import { wroteOutbox } from '../outbox';
import { UnprocessableEventError } from '../unprocessable-event.error';
import { DeliveryBuffer, Pull } from './delivery-buffer';
import { Applicable, EventApplier } from './event.applier';
import { EventEnvelopeReader, EventFacts } from './event-envelope.reader';
import { isInfrastructureFailure } from './infrastructure-failure';

const decoder = new TextDecoder();
const MAX_BACKOFF_MS = 60_000;


interface Delivery extends Applicable {
  msg: JsMsg;
}

/** One handler's consumer, as its deliveries are settled: its stream, how its messages are read, and its applier (whose name keys the inbox, failures and dead letters). */
export interface ConsumerHandling {
  stream: string;
  reader: EventEnvelopeReader;
  applier: EventApplier;
}

export interface DeliveryBatchDeps {
  dataSource: DataSource;
  deadLetters: DeadLetterRepository;
  failures: HandlerFailureRepository;
  /** After a batch's transaction committed outbox rows (a handler published): wakes the relay. */
  outboxCommitted?: () => void;
}

/**
 * Settles a subscription's deliveries in batches: what has gathered is applied in one transaction
 * and acked after commit. A batch that fails is retried one event at a time, so that one bad event
 * does not hold back the others. A failure of the infrastructure (database or NATS unreachable) is
 * waited out: nak'ed with back-off up to a minute, never counted. A failure of the handler is
 * counted per event (`handler_failure`) and nak'ed with back-off; on its `maxDeliver`-th failure,
 * or at once for one that does not validate, the event is terminated and recorded as dead. What a
 * replica holds is bounded (`DeliveryBuffer`), kept alive while it waits, and handed back on shutdown.
 */
export class DeliveryBatchProcessor {
  private readonly logger = new Logger(DeliveryBatchProcessor.name);
  /** The buffer of each subscription being run. */
  private readonly buffers = new Set<DeliveryBuffer>();

  constructor(
    private readonly deps: DeliveryBatchDeps,
    private readonly options: Pick<MessagingOptions, 'service' | 'maxDeliver' | 'consumerBatchSize' | 'ackWaitMs' | 'handlerStatementTimeoutMs'>,
    private readonly isClosed: () => boolean,
  ) {}

  /**
   * Pulls deliveries into a bounded buffer (`DeliveryBuffer`) and processes what has gathered as one
   * batch; returns when pulling fails (the consumer is gone), or, once handing back, after the batch in hand.
   */
  async run(handling: ConsumerHandling, pull: Pull): Promise<void> {
    const { stream } = handling;
    const buffer = new DeliveryBuffer(this.options.consumerBatchSize);
    this.buffers.add(buffer);
    const reading = buffer.fill(pull).catch((error: unknown) => {
      if (!this.isClosed()) this.logger.warn(`pulling from ${stream} ended: ${(error as Error).message}`);
    });
    try {
      for (let batch = await buffer.take(this.options.consumerBatchSize); batch.length > 0; batch = await buffer.take(this.options.consumerBatchSize)) {
        await this.settle(handling, batch, buffer);
      }
    } finally {
      this.buffers.delete(buffer);
      const handedBack = buffer.handBack();
      if (handedBack > 0) this.logger.log(`${handedBack} unhandled events on ${stream} handed back for redelivery`);
      await reading;
    }
  }

  /** Hands back (nak) what every subscription has read and not yet begun, for another replica: on shutdown. */
  handBack(): void {
    for (const buffer of this.buffers) {
      const handedBack = buffer.handBack();
      if (handedBack > 0) this.logger.log(`${handedBack} unhandled events handed back for redelivery`);
    }
  }

  /** Processes a batch while telling the server, every third of the ack wait, that it and what waits behind it are still being worked on. */
  private async settle(handling: ConsumerHandling, batch: JsMsg[], buffer: DeliveryBuffer): Promise<void> {
    const heartbeat = setInterval(() => {
      for (const msg of batch) msg.working(); // a no-op for a message already settled
      for (const msg of buffer.messages) msg.working();
    }, this.options.ackWaitMs / 3);
    try {
      await this.process(handling, batch);
    } catch (error) {
      // Nothing was acked: handed back to be tried again, without counting against the events.
      this.logger.error(`batch on ${handling.stream} failed: ${(error as Error).message}`);
      for (const msg of batch) msg.nak(backoff(msg.info.redeliveryCount));
    } finally {
      clearInterval(heartbeat);
    }
  }

  private async process(handling: ConsumerHandling, batch: JsMsg[]): Promise<void> {
    const { stream } = handling;
    const deliveries: Delivery[] = [];
    for (const msg of batch) {
      const read = handling.reader.read(msg.subject, msg.data);
      if (!read.ok) {
        await this.deadLetter(handling, msg, read.reason, read.event);
        continue;
      }
      deliveries.push({ msg, envelope: read.envelope, handler: read.handler });
    }
    if (deliveries.length === 0) return;
    try {
      const applied = await this.apply(handling, deliveries);
      for (const d of deliveries) d.msg.ack();
      this.absorbed(stream, deliveries.length - applied);
    } catch (error) {
      if (isInfrastructureFailure(error)) return this.waitOut(stream, deliveries, error);
      if (deliveries.length === 1) return this.fail(handling, deliveries[0], error);
      // One at a time, so the event at fault is found and the others go through.
      for (const [i, d] of deliveries.entries()) {
        try {
          const applied = await this.apply(handling, [d]);
          d.msg.ack();
          this.absorbed(stream, 1 - applied);
        } catch (single) {
          if (isInfrastructureFailure(single)) return this.waitOut(stream, deliveries.slice(i), single);
          await this.fail(handling, d, single);
        }
      }
    }
  }

  /** Deliveries of events the inbox had already seen (redeliveries, re-sends): acked without a second effect. */
  private absorbed(stream: string, count: number): void {
    if (count > 0) this.logger.debug(`${count} duplicate deliveries on ${stream} absorbed by the inbox`);
  }

  /** Applies deliveries in one transaction whose statements may each take at most `handlerStatementTimeoutMs`. */
  private async apply(handling: ConsumerHandling, deliveries: readonly Delivery[]): Promise<number> {
    let wrote = false;
    const applied = await this.deps.dataSource.transaction(async (manager) => {
      // The timeout is set by the inbox's statement, the transaction's first (one round trip fewer than a SET LOCAL).
      const count = await handling.applier.apply(deliveries, manager, this.options.handlerStatementTimeoutMs);
      wrote = wroteOutbox(manager);
      return count;
    });
    if (wrote) this.deps.outboxCommitted?.();
    return applied;
  }

  /** The database or NATS failed, not the handlers: the deliveries are handed back with back-off, and nothing is counted. */
  private waitOut(stream: string, deliveries: readonly Delivery[], error: unknown): void {
    this.logger.warn(`${deliveries.length} events on ${stream} wait for the infrastructure, not counted as failures: ${(error as Error).message}`);
    for (const { msg } of deliveries) msg.nak(backoff(msg.info.redeliveryCount));
  }

  /** The handler failed: counted against the event; on the `maxDeliver`-th failure (or at once when it can never succeed) a dead letter. */
  private async fail(handling: ConsumerHandling, delivery: Delivery, error: unknown): Promise<void> {
    const { msg, envelope } = delivery;
    const reason = error instanceof Error ? error.message : String(error);
    if (error instanceof UnprocessableEventError) return this.deadLetter(handling, msg, reason, envelope);
    let failures: number;
    try {
      failures = await this.deps.failures.count(this.deps.dataSource.manager, handling.applier.consumer, envelope.id, reason);
    } catch (countError) {
      // Not counted, so not tried again until it can be: the database is the likely cause.
      this.logger.warn(`could not count the failure of ${envelope.type} ${envelope.id}: ${(countError as Error).message}`);
      msg.nak(backoff(msg.info.redeliveryCount));
      return;
    }
    if (failures >= this.options.maxDeliver) return this.deadLetter(handling, msg, `failed ${failures} times; last error: ${reason}`, envelope);
    const delay = backoff(failures);
    this.logger.warn(`${envelope.type} ${envelope.id} failed (${failures} of ${this.options.maxDeliver}), retrying in ${delay} ms: ${reason}`);
    msg.nak(delay);
  }

  /** Writes the dead-letter row, then terminates the message. If the row cannot be written, the message is nak'ed, never lost. */
  private async deadLetter(handling: ConsumerHandling, msg: JsMsg, reason: string, event: EventFacts): Promise<void> {
    const { stream } = handling;
    try {
      await this.deps.deadLetters.record({
        // The handler's consumer: a replay runs that handler alone.
        consumer: handling.applier.consumer,
        stream,
        streamSeq: msg.seq,
        subject: msg.subject,
        eventId: event.id ?? null,
        eventType: event.type ?? null,
        hubId: event.hubId ?? null,
        payload: decoder.decode(msg.data),
        reason,
        deliveries: msg.info.redeliveryCount,
      });
    } catch (error) {
      this.logger.error(`could not record dead letter, will retry: ${(error as Error).message}`);
      msg.nak(backoff(msg.info.redeliveryCount));
      return;
    }
    this.logger.warn(`dead letter on ${stream} #${msg.seq} (${event.type ?? 'unknown type'}): ${reason}`);
    // No reason on the wire: nats-server 2.9 ignores a '+TERM <reason>' and would redeliver. The reason is in the row.
    msg.term();
  }
}

/** 0.5 s, 1 s, 2 s, … after the `attempt`-th try, at most a minute. */
function backoff(attempt: number): number {
  return Math.min(MAX_BACKOFF_MS, 500 * 2 ** Math.min(16, Math.max(0, attempt - 1)));
}
