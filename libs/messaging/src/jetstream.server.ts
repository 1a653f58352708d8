import { Logger } from '@nestjs/common';
import { CustomTransportStrategy, MessageHandler, Server } from '@nestjs/microservices';
import { NatsConnection } from 'nats';
import { isObservable, lastValueFrom } from 'rxjs';
import { DataSource, EntityManager } from 'typeorm';
import { EventRegistry } from '@cirkel/contracts';
import { DeadLetterRepository } from './dead-letters/dead-letter.repository';
import { HandlerFailureRepository } from './inbox/handler-failure.repository';
import { InboxRepository } from './inbox/inbox.repository';
import { DeliveryBatchProcessor } from './jetstream/delivery-batch.processor';
import { EventApplier } from './jetstream/event.applier';
import { eventConsumers } from './jetstream/event-consumers';
import { EventEnvelopeReader } from './jetstream/event-envelope.reader';
import { JetStreamConsumers } from './jetstream/jetstream-consumer.lifecycle';
import { settlesWithin } from './drain';
import { inboxRetentionDays, MessagingOptions } from './messaging-options';
import { UnprocessableEventError } from './unprocessable-event.error';

/** How often the inbox forgets what no stream can deliver again. */
const INBOX_PRUNE_EVERY_MS = 60 * 60 * 1000;

export interface JetStreamServerDeps {
  nc: NatsConnection;
  dataSource: DataSource;
  registry: EventRegistry;
  /** Wakes the outbox relay after a batch whose handlers published committed (`OutboxRelay.committed`). */
  outboxCommitted?: () => void;
}

/**
 * A Nest transport for events over JetStream. For each pattern of the service's event handlers
 * (`@EventPattern(ORGANISATION_REGISTERED)`, `@EventPattern('partners.>')`), one durable pull
 * consumer that takes only those subjects, shared by its replicas (`eventConsumers`,
 * `JetStreamConsumers`): nothing is acked by a replica that has no handler for it. Each event is validated against its contract
 * (`EventEnvelopeReader`); its handler's effect and its id in the `inbox` table commit in one
 * transaction (`EventApplier`); it is acked only after commit. Deliveries are processed in batches,
 * with back-off, retries one at a time and dead letters (`DeliveryBatchProcessor`).
 */
export class JetStreamServer extends Server implements CustomTransportStrategy {
  protected override readonly logger = new Logger(JetStreamServer.name);
  private readonly handlers = new Map<string, MessageHandler | undefined>();
  /** Every event handler of each pattern, in the order the app declared them (Nest would chain them to run at once). */
  private readonly eventHandlers = new Map<string, MessageHandler[]>();
  private readonly consumers: JetStreamConsumers;
  private readonly reader: EventEnvelopeReader;
  private readonly applier: EventApplier;
  private readonly batches: DeliveryBatchProcessor;
  private readonly inbox = new InboxRepository();
  private readonly failures = new HandlerFailureRepository();
  private pruning?: NodeJS.Timeout;

  constructor(
    private readonly deps: JetStreamServerDeps,
    private readonly options: MessagingOptions,
  ) {
    super();
    this.consumers = new JetStreamConsumers(deps.nc, options);
    this.reader = new EventEnvelopeReader(options.naming, deps.registry, (type) => this.handlerFor(type));
    this.applier = new EventApplier(options.service, this.inbox);
    this.batches = new DeliveryBatchProcessor(
      {
        dataSource: deps.dataSource,
        reader: this.reader,
        applier: this.applier,
        deadLetters: new DeadLetterRepository(deps.dataSource),
        failures: this.failures,
        outboxCommitted: deps.outboxCommitted,
      },
      options,
      () => this.consumers.isClosed,
    );
  }

  listen(callback: (error?: unknown) => void): void {
    this.start().then(
      () => callback(),
      (error: unknown) => callback(error),
    );
  }

  private async start(): Promise<void> {
    const consumers = eventConsumers(this.options.service, this.options.naming, this.eventHandlers.keys());
    await this.consumers.start(consumers, (consumer, pull) => this.batches.run(consumer.stream, pull));
    // The inbox forgets what no stream can deliver again; every replica prunes, which is harmless.
    this.pruning = setInterval(() => void this.pruneInbox(), INBOX_PRUNE_EVERY_MS);
    this.pruning.unref();
  }

  /** Hands back what is buffered and waits for the batches in hand, at most `shutdownDrainMs` (then closes anyway: what was not committed is delivered again). */
  async close(): Promise<void> {
    clearInterval(this.pruning);
    if (!(await settlesWithin(this.consumers.close(() => this.batches.handBack()), this.options.shutdownDrainMs))) {
      this.logger.warn(`a batch was still being applied ${this.options.shutdownDrainMs / 1000} s after shutdown began: closing anyway; what it did not commit is delivered again to another replica`);
    }
  }

  /** Removes inbox rows (and failure counts) older than the streams keep events (plus a day); answers how many inbox rows. */
  async pruneInbox(): Promise<number> {
    try {
      const removed = await this.inbox.prune(this.deps.dataSource.manager, inboxRetentionDays(this.options));
      await this.failures.prune(this.deps.dataSource.manager, inboxRetentionDays(this.options));
      if (removed > 0) this.logger.log(`inbox: ${removed} ids older than ${inboxRetentionDays(this.options)} days forgotten`);
      return removed;
    } catch (error) {
      this.logger.warn(`inbox prune failed, the next one will retry: ${(error as Error).message}`);
      return 0;
    }
  }

  on(): never {
    throw new Error('JetStreamServer does not emit status events');
  }

  unwrap<T>(): T {
    return this.deps.nc as T;
  }

  /**
   * Runs a dead letter's event through its handler again, in the caller's transaction, as if it had
   * just been delivered: validated, recorded in the inbox, applied once. Returns false when the
   * event had been applied already; throws UnprocessableEventError when it still does not validate.
   */
  async replay(subject: string, payload: string, manager: EntityManager): Promise<boolean> {
    const read = this.reader.read(subject, payload);
    if (!read.ok) throw new UnprocessableEventError(read.reason);
    return (await this.applier.apply([{ envelope: read.envelope, handler: read.handler }], manager)) === 1;
  }

  /** The handler of an event type: `@EventPattern('partners.charter-signed')`, else one for its whole context, `@EventPattern('partners.>')`. */
  private handlerFor(type: string): MessageHandler | undefined {
    if (!this.handlers.has(type)) this.handlers.set(type, this.findHandler(type));
    return this.handlers.get(type);
  }

  /**
   * Every handler of the type runs: those of `partners.charter-signed`, then those of `partners.>`
   * (reporting counts every event while its role copy handles some), one after another in the
   * delivery's transaction, so that one failing rolls back all and none runs outside it.
   */
  private findHandler(type: string): MessageHandler | undefined {
    const handlers = [...(this.eventHandlers.get(type) ?? []), ...(this.eventHandlers.get(`${type.slice(0, type.indexOf('.'))}.>`) ?? [])];
    if (handlers.length <= 1) return handlers[0];
    const all = (async (data: unknown, context: unknown) => {
      for (const handler of handlers) {
        const result = await handler(data, context);
        if (isObservable(result)) await lastValueFrom(result, { defaultValue: undefined });
      }
    }) as MessageHandler;
    all.isEventHandler = true;
    return all;
  }

  /** Event handlers are kept in a list per pattern instead of Nest's chain, whose handlers run concurrently. */
  override addHandler(pattern: unknown, callback: MessageHandler, isEventHandler = false, extras: Record<string, unknown> = {}): void {
    if (!isEventHandler) return super.addHandler(pattern, callback, isEventHandler, extras);
    const key = this.normalizePattern(pattern as string);
    callback.isEventHandler = true;
    callback.extras = extras;
    this.eventHandlers.set(key, [...(this.eventHandlers.get(key) ?? []), callback]);
    if (!this.messageHandlers.has(key)) this.messageHandlers.set(key, callback);
  }
}
