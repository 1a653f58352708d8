import { CirkelConfig } from '@cirkel/config';
import { BoundedContext } from '@cirkel/contracts';
import { Naming, StreamLimits } from './streams';

export interface MessagingOptions {
  /** The service: the durable name of its consumers and the queue group of its request handlers. */
  service: string;
  naming: Naming;
  /** The contexts whose streams this service publishes to (its own). */
  publishes: BoundedContext[];
  outboxSweepMs: number;
  /**
   * How long the relay's leadership lease lasts without renewal (renewed every third of it): a
   * leader that cannot renew stops relaying within this time, and another replica leads after it.
   */
  relayLeaseMs: number;
  relayBatchSize: number;
  /** Publishes of one outbox row JetStream may refuse before the row is moved to `outbox_dead_letter`. */
  relayMaxAttempts: number;
  /** The first wait before a refused row is sent again; doubled each time, at most a minute. */
  relayRetryBaseMs: number;
  /** How many failures of its handler an event may have before it is dead-lettered (outages do not count). */
  maxDeliver: number;
  /**
   * Events applied in one transaction, and the unit of what a replica holds (back-pressure): at most
   * one batch in hand, one waiting, and one asked of the server, so about three batches.
   */
  consumerBatchSize: number;
  /** How long the server waits for a delivery's ack before it sends it again; `working()` extends it while a batch runs. */
  ackWaitMs: number;
  /**
   * The server removes a consumer nobody has pulled from for this long: the consumer of a handler a
   * later version dropped. A whole service stopped longer finds its consumers made anew from the
   * streams' first events, which its inbox (kept longer than the streams) makes safe.
   */
  consumerInactiveMs: number;
  /** What all replicas of a consumer may hold unacknowledged together: a ceiling above replicas × three batches. */
  maxAckPending: number;
  /** On shutdown, how long the batches in hand may take to settle before the server closes anyway (SHUTDOWN_DRAIN_MS). */
  shutdownDrainMs: number;
  /** The longest one statement of an event handler's transaction may take (`SET LOCAL statement_timeout`). */
  handlerStatementTimeoutMs: number;
  /** How long streams keep events; the inbox keeps ids longer (`inboxRetentionDays`). */
  streamMaxAgeDays: number;
  /** Replicas and size limits of the streams this service makes or updates. */
  streamLimits: StreamLimits;
  /**
   * A stream of another context that does not exist yet is waited for, not made: with a NATS account
   * (production), whose permissions refuse it another's stream. Without one (a development server,
   * most tests) the service makes it as its owner would.
   */
  waitsForOthersStreams?: boolean;
}

/** The relay keeps published outbox rows this many days (for inspection and `npm run republish`), then prunes them. */
export const OUTBOX_KEEP_PUBLISHED_DAYS = 7;

/**
 * The inbox outlives every event a stream can still deliver again. An event applied today may have been
 * published up to now; `npm run republish` may send it again as long as the outbox keeps its row
 * (OUTBOX_KEEP_PUBLISHED_DAYS after publishing), and the stream then keeps the copy, with a fresh
 * timestamp, for its maximum age: a consumer made anew from the stream's start can meet it that late.
 * A day's margin on top.
 */
export function inboxRetentionDays(options: Pick<MessagingOptions, 'streamMaxAgeDays'>): number {
  return OUTBOX_KEEP_PUBLISHED_DAYS + options.streamMaxAgeDays + 1;
}

export function messagingOptions(config: CirkelConfig, publishes: BoundedContext[], overrides: Partial<MessagingOptions> = {}): MessagingOptions {
  return {
    service: config.service,
    naming: { subjectPrefix: config.nats.subjectPrefix, streamPrefix: config.nats.streamPrefix },
    publishes,
    outboxSweepMs: config.messaging.outboxSweepMs,
    relayLeaseMs: 10_000,
    relayBatchSize: 500,
    relayMaxAttempts: 10,
    relayRetryBaseMs: 1000,
    maxDeliver: config.messaging.maxDeliver,
    consumerBatchSize: 100,
    consumerInactiveMs: 3 * 24 * 60 * 60 * 1000,
    ackWaitMs: 30_000,
    maxAckPending: 1_000,
    handlerStatementTimeoutMs: 15_000,
    shutdownDrainMs: config.messaging.shutdownDrainMs,
    streamMaxAgeDays: config.messaging.streamMaxAgeDays,
    streamLimits: { replicas: config.messaging.streamReplicas, maxBytes: config.messaging.streamMaxBytes, maxMsgs: config.messaging.streamMaxMsgs },
    waitsForOthersStreams: config.nats.auth !== undefined,
    ...overrides,
  };
}
