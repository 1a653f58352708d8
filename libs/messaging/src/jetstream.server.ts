import { Logger } from '@nestjs/common';
import { CustomTransportStrategy, MessageHandler, Server } from '@nestjs/microservices';
import { NatsConnection } from 'nats';
import { DataSource, EntityManager } from 'typeorm';
import { EventRegistry } from '@cirkel/contracts';
import { DeadLetterRepository } from './dead-letters/dead-letter.repository';
import { HandlerFailureRepository } from './inbox/handler-failure.repository';
import { HandlerRegistry } from './inbox/handler-registry';
import { InboxRepository } from './inbox/inbox.repository';
import { ConsumerHandling, DeliveryBatchProcessor } from './jetstream/delivery-batch.processor';
import { EventApplier } from './jetstream/event.applier';
import { EventConsumer, eventConsumers, handlerKeyOf, handlerRef, parseHandlerRef, patternTakes } from './jetstream/event-consumers';
import { EventEnvelopeReader } from './jetstream/event-envelope.reader';
import { JetStreamConsumers } from './jetstream/jetstream-consumer.lifecycle';
import { settlesWithin } from './drain';
import { inboxRetentionDays, MessagingOptions } from './messaging-options';
import { typeOfSubject } from './streams';
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
 * A Nest transport for events over JetStream. For each of the service's event handlers
 * (`@EventPattern(ORGANISATION_REGISTERED)`, `@EventPattern('partners.>')`, `@EventPattern(ROLES_CHANGED,
 * { handler: 'role-copy' })`), one durable pull consumer that takes only its pattern's subjects,
 * shared by its replicas (`eventConsumers`, `JetStreamConsumers`): nothing is acked by a replica
 * that has no handler for it, and a handler added later gets every event the stream keeps. Each
 * event is validated against its contract (`EventEnvelopeReader`); its handler's effect and its id
 * in the `inbox` table, under the handler's consumer, commit in one transaction (`EventApplier`); it
 * is acked only after commit. Deliveries are processed in batches, with back-off, retries one at a
 * time and dead letters (`DeliveryBatchProcessor`).
 */
export class JetStreamServer extends Server implements CustomTransportStrategy {
  protected override readonly logger = new Logger(JetStreamServer.name);
  /** Each event handler by its ref (`partners.roles-changed`, `partners.roles-changed#role-copy`); Nest would chain those of a pattern to run at once. */
  private readonly eventHandlers = new Map<string, MessageHandler>();
  /** Each handler's consumer with how its deliveries are read and applied; made at start. */
  private readonly handlings = new Map<string, { consumer: EventConsumer } & ConsumerHandling>();
  private readonly consumers: JetStreamConsumers;
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
    this.batches = new DeliveryBatchProcessor(
      {
        dataSource: deps.dataSource,
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
    const { ranBefore } = await this.consumers.prepare(consumers);
    const inheritance =
      consumers.length === 0 ? new Map() : await new HandlerRegistry(this.deps.dataSource).register(this.options.service, consumers.map((c) => c.name), inboxRetentionDays(this.options), ranBefore);
    for (const consumer of consumers) {
      const handler = this.eventHandlers.get(handlerRef(consumer.pattern, consumer.key)) as MessageHandler;
      this.handlings.set(consumer.name, {
        consumer,
        stream: consumer.stream,
        reader: new EventEnvelopeReader(this.options.naming, this.deps.registry, (type) => (patternTakes(consumer.pattern, type) ? handler : undefined)),
        applier: new EventApplier(consumer.name, this.inbox, inheritance.get(consumer.name)),
      });
    }
    const inheriting = consumers.filter((c) => inheritance.get(c.name));
    if (inheriting.length > 0) this.logger.log(`${inheriting.length} handlers take what ${this.options.service} applied before its handlers had their own consumers as applied: ${inheriting.map((c) => c.name).join(', ')}`);
    this.consumers.consume(consumers, (consumer, pull) => this.batches.run(this.handlings.get(consumer.name) as ConsumerHandling, pull));
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
   * Runs a dead letter's event through the handler of the consumer that gave it up (`consumer`, the
   * letter's), in the caller's transaction, as if it had just been delivered: validated, recorded in
   * that handler's inbox, applied once. A letter of the version before handlers had consumers of
   * their own (`consumer` is the service's name) runs every handler of its type. Returns false when
   * the event had been applied already; throws UnprocessableEventError when it still does not
   * validate or no handler of this version takes it.
   */
  async replay(consumer: string, subject: string, payload: string, manager: EntityManager): Promise<boolean> {
    if (this.handlings.size === 0 && this.eventHandlers.size > 0) throw new Error('the event transport has not started yet');
    const own = this.handlings.get(consumer);
    const type = typeOfSubject(this.options.naming, subject);
    // A legacy letter runs the handlers whose pattern takes its type; any other reading failure is the letter's.
    const handlings = own ? [own] : consumer === this.options.service ? [...this.handlings.values()].filter((h) => patternTakes(h.consumer.pattern, type)) : [];
    if (handlings.length === 0) throw new UnprocessableEventError(`this service has no handler of consumer ${consumer} for ${type}`);
    let applied = 0;
    for (const handling of handlings) {
      const read = handling.reader.read(subject, payload);
      if (!read.ok) throw new UnprocessableEventError(read.reason);
      applied += await handling.applier.apply([{ envelope: read.envelope, handler: read.handler }], manager);
    }
    return applied > 0;
  }

  /**
   * Event handlers are kept one per ref instead of in Nest's chain (whose handlers of a pattern run
   * at once): each gets its own consumer. Two of one pattern need names to tell them apart.
   */
  override addHandler(pattern: unknown, callback: MessageHandler, isEventHandler = false, extras: Record<string, unknown> = {}): void {
    if (!isEventHandler) return super.addHandler(pattern, callback, isEventHandler, extras);
    const normalized = this.normalizePattern(pattern as string);
    const ref = handlerRef(normalized, handlerKeyOf(normalized, extras));
    if (this.eventHandlers.has(ref)) {
      const { key } = parseHandlerRef(ref);
      throw new Error(`${this.options.service} has two handlers of @EventPattern('${normalized}')${key ? ` named '${key}'` : ''}: give each its own name, @EventPattern('${normalized}', { handler: 'what-it-keeps' })`);
    }
    callback.isEventHandler = true;
    callback.extras = extras;
    this.eventHandlers.set(ref, callback);
    if (!this.messageHandlers.has(normalized)) this.messageHandlers.set(normalized, callback);
  }
}
