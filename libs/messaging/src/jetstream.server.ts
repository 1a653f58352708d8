import { Logger } from '@nestjs/common';
import { CustomTransportStrategy, MessageHandler, Server } from '@nestjs/microservices';
import { AckPolicy, ConsumerConfig, ConsumerMessages, DeliverPolicy, JsMsg, NatsConnection } from 'nats';
import { isObservable, lastValueFrom } from 'rxjs';
import { DataSource, EntityManager } from 'typeorm';
import { BOUNDED_CONTEXTS, BoundedContext, eventEnvelopeSchema, EventEnvelope, EventRegistry } from '@cirkel/contracts';
import { JetStreamContext } from './jetstream.context';
import { MessagingOptions } from './messaging-options';
import { ensureStreams, isNotFound, streamName, typeOfSubject } from './streams';
import { UnprocessableEventError } from './unprocessable-event.error';
import { withCorrelation } from './correlation';

const decoder = new TextDecoder();
const ACK_WAIT_NS = 30 * 1_000_000_000;
const MAX_BACKOFF_MS = 60_000;
const RESTART_DELAY_MS = 1000;

/** An event ready for its handler. */
interface Applicable {
  envelope: EventEnvelope;
  handler: MessageHandler;
  /** The JetStream message it came in; none when a dead letter is replayed. */
  msg?: JsMsg;
}

interface Delivery extends Applicable {
  msg: JsMsg;
}

/** What could be read of a message that is dead-lettered. */
interface EventFacts {
  id?: string;
  type?: string;
  hubId?: string;
}

type Parsed =
  | { ok: true; envelope: EventEnvelope; handler: MessageHandler }
  | { ok: false; reason: string; event: EventFacts }
  /** An event of a type this service has no handler for: acked, nothing else. */
  | { ok: 'skip' };

export interface JetStreamServerDeps {
  nc: NatsConnection;
  dataSource: DataSource;
  registry: EventRegistry;
}

/**
 * A Nest transport for events over JetStream. For each context whose events the service handles
 * (`@EventPattern(ORGANISATION_REGISTERED)`), one durable pull consumer named after the service,
 * shared by its replicas. Each event is validated against its contract; its handler's effect and
 * its id in the `inbox` table commit in one transaction; it is acked only after commit. A handler
 * that fails is nak'ed with back-off; after `maxDeliver` deliveries, or at once for an event that
 * does not validate, the message is terminated and written to `dead_letter` with the reason.
 *
 * Deliveries are processed in batches (one transaction, one multi-row inbox insert); a batch that
 * fails is retried one event at a time so that one bad event does not hold back the others.
 */
export class JetStreamServer extends Server implements CustomTransportStrategy {
  protected override readonly logger = new Logger(JetStreamServer.name);
  private readonly loops: Promise<void>[] = [];
  /** The current subscription of each stream (replaced when a consumer is made again). */
  private readonly subscriptions = new Map<string, ConsumerMessages>();
  private readonly handlers = new Map<string, MessageHandler | undefined>();
  private closed = false;

  constructor(
    private readonly deps: JetStreamServerDeps,
    private readonly options: MessagingOptions,
  ) {
    super();
  }

  listen(callback: (error?: unknown) => void): void {
    this.start().then(
      () => callback(),
      (error: unknown) => callback(error),
    );
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const sub of this.subscriptions.values()) await sub.close().catch(() => undefined);
    await Promise.allSettled(this.loops);
  }

  on(): never {
    throw new Error('JetStreamServer does not emit status events');
  }

  unwrap<T>(): T {
    return this.deps.nc as T;
  }

  /** The contexts this service consumes, from its handlers' patterns. */
  private consumedContexts(): BoundedContext[] {
    const contexts = new Set<BoundedContext>();
    for (const [pattern, handler] of this.messageHandlers) {
      if (!handler.isEventHandler) continue;
      const context = pattern.slice(0, pattern.indexOf('.')) as BoundedContext;
      if (!BOUNDED_CONTEXTS.includes(context)) throw new Error(`@EventPattern('${pattern}') names no known context`);
      contexts.add(context);
    }
    return [...contexts];
  }

  private async start(): Promise<void> {
    const jsm = await this.deps.nc.jetstreamManager();
    const consumed = this.consumedContexts();
    await ensureStreams(jsm, this.options.naming, [...this.options.publishes, ...consumed]);
    // Made here, so that a service that cannot make its consumers fails at start …
    for (const context of consumed) await this.ensureConsumer(streamName(this.options.naming, context), context);
    // … and made again by the loop whenever one disappears.
    for (const context of consumed) this.loops.push(this.consumeForever(context));
    this.logger.log(`consuming ${consumed.map((c) => streamName(this.options.naming, c)).join(', ') || 'nothing'} as ${this.options.service}`);
  }

  /** Consumes a stream until the server closes; if the consumer (or its stream) goes away, makes it again and goes on. */
  private async consumeForever(context: BoundedContext): Promise<void> {
    const stream = streamName(this.options.naming, context);
    let first = true;
    while (!this.closed) {
      try {
        if (!first) {
          await ensureStreams(await this.deps.nc.jetstreamManager(), this.options.naming, [context]);
          await this.ensureConsumer(stream, context);
        }
        first = false;
        const consumer = await this.deps.nc.jetstream().consumers.get(stream, this.options.service);
        // abort_on_missing_resource: end instead of pulling for ever from a consumer that was deleted.
        const messages = await consumer.consume({ max_messages: this.options.consumerBatchSize * 2, abort_on_missing_resource: true });
        this.subscriptions.set(stream, messages);
        await this.run(stream, messages);
        if (!this.closed) this.logger.warn(`consumer ${this.options.service} on ${stream} stopped; making it again`);
      } catch (error) {
        if (!this.closed) this.logger.error(`consuming ${stream} failed, trying again in ${RESTART_DELAY_MS} ms: ${(error as Error).message}`);
      }
      if (!this.closed) await new Promise((resolve) => setTimeout(resolve, RESTART_DELAY_MS));
    }
  }

  private async ensureConsumer(stream: string, context: BoundedContext): Promise<void> {
    const jsm = await this.deps.nc.jetstreamManager();
    const config: Partial<ConsumerConfig> = {
      durable_name: this.options.service,
      ack_policy: AckPolicy.Explicit,
      deliver_policy: DeliverPolicy.All,
      filter_subject: `${this.options.naming.subjectPrefix}${context}.>`,
      ack_wait: ACK_WAIT_NS,
      // The server never gives up on its own: this transport counts deliveries and dead-letters.
      max_deliver: -1,
      max_ack_pending: 10_000,
    };
    try {
      await jsm.consumers.info(stream, this.options.service);
      await jsm.consumers.update(stream, this.options.service, { ack_wait: config.ack_wait, max_ack_pending: config.max_ack_pending });
    } catch (error) {
      if (!isNotFound(error)) throw error;
      await jsm.consumers.add(stream, config);
    }
  }

  /** Reads deliveries into a buffer and processes what has gathered as one batch; returns when the subscription ends. */
  private async run(stream: string, messages: ConsumerMessages): Promise<void> {
    const buffer: JsMsg[] = [];
    let wake: (() => void) | undefined;
    let ended = false;
    void (async () => {
      try {
        for await (const msg of messages) {
          buffer.push(msg);
          wake?.();
        }
      } catch (error) {
        if (!this.closed) this.logger.warn(`subscription to ${stream} ended: ${(error as Error).message}`);
      }
      ended = true;
      wake?.();
    })();
    while (!this.closed) {
      if (buffer.length === 0) {
        if (ended) return;
        await new Promise<void>((resolve) => (wake = resolve));
        wake = undefined;
        continue;
      }
      const batch = buffer.splice(0, this.options.consumerBatchSize);
      try {
        await this.processBatch(stream, batch);
      } catch (error) {
        // Nothing was acked: the server redelivers after ack_wait.
        this.logger.error(`batch on ${stream} failed: ${(error as Error).message}`);
        for (const msg of batch) msg.nak(this.backoff(msg));
      }
    }
  }

  private async processBatch(stream: string, batch: JsMsg[]): Promise<void> {
    const deliveries: Delivery[] = [];
    for (const msg of batch) {
      const parsed = this.read(msg.subject, msg.data);
      if (parsed.ok === 'skip') {
        msg.ack();
        continue;
      }
      if (!parsed.ok) {
        await this.deadLetter(stream, msg, parsed.reason, parsed.event);
        continue;
      }
      if (msg.info.redeliveryCount > this.options.maxDeliver) {
        await this.deadLetter(stream, msg, `delivered ${msg.info.redeliveryCount} times without success`, parsed.envelope);
        continue;
      }
      deliveries.push({ msg, envelope: parsed.envelope, handler: parsed.handler });
    }
    if (deliveries.length === 0) return;
    try {
      await this.deps.dataSource.transaction((manager) => this.apply(deliveries, manager));
      for (const d of deliveries) d.msg.ack();
    } catch (error) {
      if (deliveries.length === 1) return this.fail(stream, deliveries[0], error);
      // One at a time, so the event at fault is found and the others go through.
      for (const d of deliveries) {
        try {
          await this.deps.dataSource.transaction((manager) => this.apply([d], manager));
          d.msg.ack();
        } catch (single) {
          await this.fail(stream, d, single);
        }
      }
    }
  }

  /**
   * Runs a dead letter's event through its handler again, in the caller's transaction, as if it had
   * just been delivered: validated, recorded in the inbox, applied once. Returns false when the
   * event had been applied already; throws UnprocessableEventError when it still does not validate.
   */
  async replay(subject: string, payload: string, manager: EntityManager): Promise<boolean> {
    const parsed = this.read(subject, payload);
    if (parsed.ok === 'skip') throw new UnprocessableEventError(`this service has no handler for ${typeOfSubject(this.options.naming, subject)}`);
    if (!parsed.ok) throw new UnprocessableEventError(parsed.reason);
    return (await this.apply([{ envelope: parsed.envelope, handler: parsed.handler }], manager)) === 1;
  }

  /** Records the events in the inbox and runs the handler of each one not seen before, in one transaction; returns how many ran. */
  private async apply(deliveries: Applicable[], manager: EntityManager): Promise<number> {
    const rows: { event_id: string }[] = await manager.query(
      `INSERT INTO inbox (consumer, event_id, hub_id, subject)
       SELECT $1, e.id, e.hub_id, e.subject FROM unnest($2::uuid[], $3::uuid[], $4::text[]) AS e(id, hub_id, subject)
       ON CONFLICT DO NOTHING RETURNING event_id`,
      [this.options.service, deliveries.map((d) => d.envelope.id), deliveries.map((d) => d.envelope.hubId), deliveries.map((d) => d.envelope.type)],
    );
    const fresh = new Set(rows.map((r) => r.event_id));
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

  private async fail(stream: string, delivery: Delivery, error: unknown): Promise<void> {
    const { msg, envelope } = delivery;
    const reason = error instanceof Error ? error.message : String(error);
    if (error instanceof UnprocessableEventError || msg.info.redeliveryCount >= this.options.maxDeliver) {
      const why = error instanceof UnprocessableEventError ? reason : `failed ${msg.info.redeliveryCount} times; last error: ${reason}`;
      await this.deadLetter(stream, msg, why, envelope);
      return;
    }
    const delay = this.backoff(msg);
    this.logger.warn(`${envelope.type} ${envelope.id} failed (delivery ${msg.info.redeliveryCount}), retrying in ${delay} ms: ${reason}`);
    msg.nak(delay);
  }

  private backoff(msg: JsMsg): number {
    return Math.min(MAX_BACKOFF_MS, 500 * 2 ** Math.max(0, msg.info.redeliveryCount - 1));
  }

  private read(subject: string, data: Uint8Array | string): Parsed {
    // A service's consumer reads its whole stream; what it has no handler for is none of its business.
    const type = typeOfSubject(this.options.naming, subject);
    const handler = this.handlerFor(type);
    if (!handler) return { ok: 'skip' };
    let raw: unknown;
    try {
      raw = JSON.parse(typeof data === 'string' ? data : decoder.decode(data));
    } catch {
      return { ok: false, reason: 'payload is not JSON', event: {} };
    }
    const envelope = eventEnvelopeSchema.safeParse(raw);
    const event = factsOf(raw);
    if (!envelope.success) return { ok: false, reason: `invalid envelope: ${formatIssues(envelope.error.issues)}`, event };
    if (envelope.data.type !== type) return { ok: false, reason: `type ${envelope.data.type} sent on subject ${subject}`, event };
    const contract = this.deps.registry.find(envelope.data.type, envelope.data.version);
    if (!contract) return { ok: false, reason: `unknown event ${envelope.data.type} version ${envelope.data.version}`, event };
    const parsedData = contract.schema.safeParse(envelope.data.data);
    if (!parsedData.success) return { ok: false, reason: `invalid data: ${formatIssues(parsedData.error.issues)}`, event };
    return { ok: true, handler, envelope: { ...(envelope.data as EventEnvelope), data: parsedData.data } };
  }

  /** The handler of an event type: `@EventPattern('partners.charter-signed')`, else one for its whole context, `@EventPattern('partners.>')`. */
  private handlerFor(type: string): MessageHandler | undefined {
    if (!this.handlers.has(type)) this.handlers.set(type, this.findHandler(type));
    return this.handlers.get(type);
  }

  private findHandler(type: string): MessageHandler | undefined {
    const exact = this.getHandlerByPattern(type);
    if (exact?.isEventHandler) return exact;
    const whole = this.getHandlerByPattern(`${type.slice(0, type.indexOf('.'))}.>`);
    return whole?.isEventHandler ? whole : undefined;
  }

  /** Writes the dead-letter row, then terminates the message. If the row cannot be written, the message is nak'ed, never lost. */
  private async deadLetter(stream: string, msg: JsMsg, reason: string, event: EventFacts): Promise<void> {
    try {
      await this.deps.dataSource.query(
        `INSERT INTO dead_letter (consumer, stream, stream_seq, subject, event_id, event_type, hub_id, payload, reason, deliveries)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
        [this.options.service, stream, msg.seq, msg.subject, event.id ?? null, event.type ?? null, event.hubId ?? null, decoder.decode(msg.data), reason, msg.info.redeliveryCount],
      );
    } catch (error) {
      this.logger.error(`could not record dead letter, will retry: ${(error as Error).message}`);
      msg.nak(this.backoff(msg));
      return;
    }
    this.logger.warn(`dead letter on ${stream} #${msg.seq} (${event.type ?? 'unknown type'}): ${reason}`);
    // No reason on the wire: nats-server 2.9 ignores a '+TERM <reason>' and would redeliver. The reason is in the row.
    msg.term();
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
