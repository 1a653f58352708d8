import { Logger } from '@nestjs/common';
import { AckPolicy, ConsumerConfig, DeliverPolicy, JetStreamManager, NatsConnection } from 'nats';
import { MessagingOptions } from '../messaging-options';
import { BoundedContext } from '@cirkel/contracts';
import { undeclaredEventPatterns } from '../nats-permissions';
import { awaitStreams, ensureStreams, isNotFound, whileJetStreamElects } from '../streams';
import { Pull } from './delivery-buffer';
import { EventConsumer, handlerRef, patternConsumerName } from './event-consumers';

const RESTART_DELAY_MS = 1000;
/** How long a pull waits on the server for messages before the next one is sent. */
const PULL_EXPIRES_MS = 15_000;
/** A consumer of the versions before (named after the service alone, or per handler pattern) goes once no old replica has pulled for this long. */
const RETIRED_CONSUMER_INACTIVE_NS = 60 * 60 * 1_000_000_000;

/** What is done with a consumer's messages, pulled with `pull`; resolves when pulling ends. */
export type Consume = (consumer: EventConsumer, pull: Pull) => Promise<void>;

/**
 * The durable pull consumers of a service (`eventConsumers`), shared by its replicas: made at start
 * (so that a service that cannot make them fails), and made again, with their stream, whenever one
 * disappears, until the service closes.
 */
export class JetStreamConsumers {
  private readonly logger = new Logger(JetStreamConsumers.name);
  private readonly loops: Promise<void>[] = [];
  private closed = false;

  constructor(
    private readonly nc: NatsConnection,
    private readonly options: Pick<MessagingOptions, 'service' | 'naming' | 'publishes' | 'consumerBatchSize' | 'consumerInactiveMs' | 'streamMaxAgeDays' | 'streamLimits' | 'ackWaitMs' | 'maxAckPending' | 'waitsForOthersStreams'>,
  ) {}

  get isClosed(): boolean {
    return this.closed;
  }

  /**
   * Makes (or updates) the streams and the consumers, and retires the consumers of the versions
   * before; answers whether a version before had consumed here (one of those existed). Then
   * `consume` starts pulling.
   */
  async prepare(consumers: readonly EventConsumer[]): Promise<{ ranBefore: boolean }> {
    const undeclared = undeclaredEventPatterns(this.options.service, consumers.map((c) => handlerRef(c.pattern, c.key)));
    if (undeclared.length > 0) {
      this.logger.error(`${this.options.service} handles ${undeclared.join(', ')}, which EVENTS_CONSUMED (libs/messaging/src/nats-permissions.ts) does not list: with the production NATS accounts the server refuses its consumers; add them and run npm run nats:render`);
    }
    let ranBefore = false;
    await whileJetStreamElects('making the consumers', async () => {
      const jsm = await this.nc.jetstreamManager();
      await this.ensureStreamsOf(jsm, [...this.options.publishes, ...consumers.map((c) => c.context)]);
      for (const consumer of consumers) await this.ensureConsumer(jsm, consumer);
      const retired = new Map<string, string>();
      for (const c of consumers) {
        retired.set(`${c.stream}/${this.options.service}`, c.stream);
        retired.set(`${c.stream}/${patternConsumerName(this.options.service, c.pattern)}`, c.stream);
      }
      for (const [key, stream] of retired) {
        if (await this.retire(jsm, stream, key.slice(stream.length + 1))) ranBefore = true;
      }
    });
    return { ranBefore };
  }

  /** Pulls from each consumer (made by `prepare`) until the service closes. */
  consume(consumers: readonly EventConsumer[], consume: Consume): void {
    for (const consumer of consumers) this.loops.push(this.consumeForever(consumer, consume));
    this.logger.log(`consuming ${consumers.map((c) => `${c.stream}/${c.name}`).join(', ') || 'nothing'}`);
  }

  /**
   * Stops consuming: `handBack` stops the pulls and naks what was received and not begun, so that
   * other replicas get it at once; resolves when the batches in hand are settled.
   */
  async close(handBack: () => void = () => undefined): Promise<void> {
    this.closed = true;
    handBack();
    await Promise.allSettled(this.loops);
  }

  /** Consumes until the server closes; if the consumer (or its stream) goes away, makes it again and goes on. */
  private async consumeForever(consumer: EventConsumer, consume: Consume): Promise<void> {
    let first = true;
    while (!this.closed) {
      try {
        if (!first) {
          const jsm = await this.nc.jetstreamManager();
          await this.ensureStreamsOf(jsm, [consumer.context]);
          await this.ensureConsumer(jsm, consumer);
        }
        first = false;
        const pulling = await this.nc.jetstream().consumers.get(consumer.stream, consumer.name);
        // One batch per pull, and the next pull only when the buffer has room (back-pressure). A
        // pull of a consumer that was deleted fails, and the consumer is made again.
        await consume(consumer, () => pulling.fetch({ max_messages: this.options.consumerBatchSize, expires: PULL_EXPIRES_MS }));
        if (!this.closed) this.logger.warn(`consumer ${consumer.name} on ${consumer.stream} stopped; making it again`);
      } catch (error) {
        if (!this.closed) this.logger.error(`consuming ${consumer.stream}/${consumer.name} failed, trying again in ${RESTART_DELAY_MS} ms: ${(error as Error).message}`);
      }
      if (!this.closed) await new Promise((resolve) => setTimeout(resolve, RESTART_DELAY_MS));
    }
  }

  /** Its own context's stream made or updated; another context's only waited for (its NATS user may not change another's stream). */
  private async ensureStreamsOf(jsm: JetStreamManager, contexts: readonly BoundedContext[]): Promise<void> {
    const own = contexts.filter((context) => this.options.publishes.includes(context));
    await ensureStreams(jsm, this.options.naming, own, this.options.streamMaxAgeDays, this.options.streamLimits);
    await awaitStreams(jsm, this.options.naming, contexts.filter((context) => !own.includes(context)), this.options.streamMaxAgeDays, this.options.streamLimits, this.options.waitsForOthersStreams);
  }

  /**
   * Makes the consumer, from the stream's first event (so a handler added to a service gets every
   * event of its type the stream keeps; the inbox keeps those applied already from a second
   * effect). One that exists gets the settings that can change in place; one whose filter or
   * policies differ (made by hand) is made anew, which the inbox makes safe. A refused update is
   * logged, never a reason to stop.
   */
  private async ensureConsumer(jsm: JetStreamManager, consumer: EventConsumer): Promise<void> {
    const config: Partial<ConsumerConfig> = {
      durable_name: consumer.name,
      description: `${this.options.service}: events ${consumer.pattern}${consumer.key ? ` for its ${consumer.key}` : ''}`,
      ack_policy: AckPolicy.Explicit,
      deliver_policy: DeliverPolicy.All,
      filter_subject: consumer.filterSubject,
      ack_wait: this.options.ackWaitMs * 1_000_000,
      // The server never gives up on its own: the transport counts failures and dead-letters.
      max_deliver: -1,
      max_ack_pending: this.options.maxAckPending,
      // A consumer no version pulls from any more (its handler dropped) goes after a while.
      inactive_threshold: this.options.consumerInactiveMs * 1_000_000,
    };
    let existing: ConsumerConfig;
    try {
      existing = (await jsm.consumers.info(consumer.stream, consumer.name)).config;
    } catch (error) {
      if (!isNotFound(error)) throw error;
      await jsm.consumers.add(consumer.stream, config);
      return;
    }
    if (existing.filter_subject !== config.filter_subject || existing.deliver_policy !== config.deliver_policy || existing.ack_policy !== config.ack_policy) {
      this.logger.warn(`consumer ${consumer.name} on ${consumer.stream} takes ${existing.filter_subject ?? 'everything'}; making it anew for ${consumer.filterSubject}`);
      await jsm.consumers.delete(consumer.stream, consumer.name).catch((error: unknown) => {
        if (!isNotFound(error)) throw error;
      });
      await jsm.consumers.add(consumer.stream, config);
      return;
    }
    if (
      existing.ack_wait === config.ack_wait &&
      existing.max_ack_pending === config.max_ack_pending &&
      existing.max_deliver === config.max_deliver &&
      existing.inactive_threshold === config.inactive_threshold
    ) {
      return;
    }
    try {
      await jsm.consumers.update(consumer.stream, consumer.name, {
        ack_wait: config.ack_wait,
        max_ack_pending: config.max_ack_pending,
        max_deliver: config.max_deliver,
        inactive_threshold: config.inactive_threshold,
      });
    } catch (error) {
      this.logger.warn(`consumer ${consumer.name} on ${consumer.stream} keeps its settings (update refused: ${(error as Error).message})`);
    }
  }

  /**
   * A consumer of the versions before: one per stream named after the service (before issue 6; it
   * acked the types it had no handler for), or one per handler pattern (`patternConsumerName`, before
   * a consumer per handler). Old replicas may still use it during a rolling update, so it is not
   * deleted: it gets an inactivity limit of an hour, and the server removes it once no replica pulls
   * from it. Answers whether it existed.
   */
  private async retire(jsm: JetStreamManager, stream: string, name: string): Promise<boolean> {
    try {
      const old = await jsm.consumers.info(stream, name);
      const threshold = old.config.inactive_threshold ?? 0;
      if (threshold > 0 && threshold <= RETIRED_CONSUMER_INACTIVE_NS) return true;
      await jsm.consumers.update(stream, name, { inactive_threshold: RETIRED_CONSUMER_INACTIVE_NS });
      this.logger.log(`consumer ${name} on ${stream} retired: removed after an hour without pulls`);
      return true;
    } catch (error) {
      if (!isNotFound(error)) this.logger.warn(`could not retire consumer ${name} on ${stream}: ${(error as Error).message}`);
      return false;
    }
  }
}
