import { Logger } from '@nestjs/common';
import { AckPolicy, ConsumerConfig, DeliverPolicy, NatsConnection } from 'nats';
import { BoundedContext } from '@cirkel/contracts';
import { MessagingOptions } from '../messaging-options';
import { ensureStreams, isNotFound, streamName } from '../streams';
import { Pull } from './delivery-buffer';

const RESTART_DELAY_MS = 1000;
/** How long a pull waits on the server for messages before the next one is sent. */
const PULL_EXPIRES_MS = 15_000;

/** What is done with a consumer's messages, pulled with `pull`; resolves when pulling ends. */
export type Consume = (stream: string, pull: Pull) => Promise<void>;

/**
 * The durable pull consumers of a service, one per context it consumes, named after the service
 * and shared by its replicas: made at start (so that a service that cannot make them fails), and
 * made again, with their stream, whenever one disappears, until the service closes.
 */
export class JetStreamConsumers {
  private readonly logger = new Logger(JetStreamConsumers.name);
  private readonly loops: Promise<void>[] = [];
  private closed = false;

  constructor(
    private readonly nc: NatsConnection,
    private readonly options: Pick<MessagingOptions, 'service' | 'naming' | 'publishes' | 'consumerBatchSize' | 'streamMaxAgeDays' | 'ackWaitMs' | 'maxAckPending'>,
  ) {}

  get isClosed(): boolean {
    return this.closed;
  }

  async start(consumed: readonly BoundedContext[], consume: Consume): Promise<void> {
    const jsm = await this.nc.jetstreamManager();
    await ensureStreams(jsm, this.options.naming, [...this.options.publishes, ...consumed], this.options.streamMaxAgeDays);
    for (const context of consumed) await this.ensureConsumer(context);
    for (const context of consumed) this.loops.push(this.consumeForever(context, consume));
    this.logger.log(`consuming ${consumed.map((c) => streamName(this.options.naming, c)).join(', ') || 'nothing'} as ${this.options.service}`);
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

  /** Consumes a stream until the server closes; if the consumer (or its stream) goes away, makes it again and goes on. */
  private async consumeForever(context: BoundedContext, consume: Consume): Promise<void> {
    const stream = streamName(this.options.naming, context);
    let first = true;
    while (!this.closed) {
      try {
        if (!first) {
          await ensureStreams(await this.nc.jetstreamManager(), this.options.naming, [context], this.options.streamMaxAgeDays);
          await this.ensureConsumer(context);
        }
        first = false;
        const consumer = await this.nc.jetstream().consumers.get(stream, this.options.service);
        // One batch per pull, and the next pull only when the buffer has room (back-pressure). A
        // pull of a consumer that was deleted fails, and the consumer is made again.
        await consume(stream, () => consumer.fetch({ max_messages: this.options.consumerBatchSize, expires: PULL_EXPIRES_MS }));
        if (!this.closed) this.logger.warn(`consumer ${this.options.service} on ${stream} stopped; making it again`);
      } catch (error) {
        if (!this.closed) this.logger.error(`consuming ${stream} failed, trying again in ${RESTART_DELAY_MS} ms: ${(error as Error).message}`);
      }
      if (!this.closed) await new Promise((resolve) => setTimeout(resolve, RESTART_DELAY_MS));
    }
  }

  private async ensureConsumer(context: BoundedContext): Promise<void> {
    const stream = streamName(this.options.naming, context);
    const jsm = await this.nc.jetstreamManager();
    const config: Partial<ConsumerConfig> = {
      durable_name: this.options.service,
      ack_policy: AckPolicy.Explicit,
      deliver_policy: DeliverPolicy.All,
      filter_subject: `${this.options.naming.subjectPrefix}${context}.>`,
      ack_wait: this.options.ackWaitMs * 1_000_000,
      // The server never gives up on its own: the transport counts failures and dead-letters.
      max_deliver: -1,
      max_ack_pending: this.options.maxAckPending,
    };
    try {
      await jsm.consumers.info(stream, this.options.service);
      await jsm.consumers.update(stream, this.options.service, { ack_wait: config.ack_wait, max_ack_pending: config.max_ack_pending });
    } catch (error) {
      if (!isNotFound(error)) throw error;
      await jsm.consumers.add(stream, config);
    }
  }
}
