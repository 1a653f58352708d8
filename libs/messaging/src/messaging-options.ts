import { CirkelConfig } from '@cirkel/config';
import { BoundedContext } from '@cirkel/contracts';
import { Naming } from './streams';

export interface MessagingOptions {
  /** The service: the durable name of its consumers and the queue group of its request handlers. */
  service: string;
  naming: Naming;
  /** The contexts whose streams this service publishes to (its own). */
  publishes: BoundedContext[];
  outboxSweepMs: number;
  relayBatchSize: number;
  maxDeliver: number;
  consumerBatchSize: number;
  /** How long streams keep events; the inbox keeps ids a day longer (`inboxRetentionDays`). */
  streamMaxAgeDays: number;
}

/** The inbox outlives every event a stream can still deliver again. */
export function inboxRetentionDays(options: Pick<MessagingOptions, 'streamMaxAgeDays'>): number {
  return options.streamMaxAgeDays + 1;
}

export function messagingOptions(config: CirkelConfig, publishes: BoundedContext[], overrides: Partial<MessagingOptions> = {}): MessagingOptions {
  return {
    service: config.service,
    naming: { subjectPrefix: config.nats.subjectPrefix, streamPrefix: config.nats.streamPrefix },
    publishes,
    outboxSweepMs: config.messaging.outboxSweepMs,
    relayBatchSize: 500,
    maxDeliver: config.messaging.maxDeliver,
    consumerBatchSize: 250,
    streamMaxAgeDays: config.messaging.streamMaxAgeDays,
    ...overrides,
  };
}
