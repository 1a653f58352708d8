/**
 * Measures the event backbone against bare JetStream on the same server, in the same run.
 *
 *   npm run bench:events -- [--events 20000] [--per-tx 100] [--writers 4]
 *
 * Backbone: N events written through the outbox of one service (transactions of --per-tx events,
 * --writers at once), published by its relay, consumed by another service with an inbox write each.
 * Bare: N messages published with `nats` (batches of 500, awaiting the acks) and consumed with a
 * pull consumer, acked one by one. Both run as pipelines (the consumer runs while the publisher
 * publishes); the rate is events / (first write → last consumed). Then the backbone's latency at an
 * everyday pace: 2,000 events, one per transaction, 500 a second.
 */
import { randomUUID } from 'node:crypto';
import { parseArgs } from 'node:util';
import { Controller, DynamicModule, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import { AckPolicy, connect, NatsConnection, StorageType } from 'nats';
import { DataSource } from 'typeorm';
import { z } from 'zod';
import { CirkelConfig, ConfigModule } from '@cirkel/config';
import { defineEvent, EventEnvelope } from '@cirkel/contracts';
import { JetStreamContext, MessagingModule, MESSAGING_MIGRATIONS, systemCause, UnitOfWork } from '@cirkel/messaging';
import { createServiceApp } from '@cirkel/runtime';
import { PersistenceModule } from '@cirkel/persistence';
import { cleanupNamespace, ensureTestDatabase, testConfig, testNamespace } from '@cirkel/testing';

const { values: args } = parseArgs({
  options: { events: { type: 'string', default: '20000' }, 'per-tx': { type: 'string', default: '100' }, writers: { type: 'string', default: '4' } },
});
const N = Number(args.events);
const PER_TX = Number(args['per-tx']);
const WRITERS = Number(args.writers);
const BARE_BATCH = 500;

const BenchEvent = defineEvent('partners.bench-ticked', 1, z.object({ n: z.number().int() }));

/** What the consuming side saw: how many, when the last came, and each event's latency. */
class Tally {
  constructor(private readonly expected: number = N) {}

  count = 0;
  lastAt = 0;
  latencies: number[] = [];
  private done?: () => void;
  private readonly finished = new Promise<void>((resolve) => (this.done = resolve));

  see(latencyMs?: number): void {
    this.count++;
    this.lastAt = performance.now();
    if (latencyMs !== undefined) this.latencies.push(latencyMs);
    if (this.count >= this.expected) this.done?.();
  }

  wait(): Promise<void> {
    return this.finished;
  }
}

let backboneTally = new Tally();

@Controller()
class BenchHandler {
  @EventPattern(BenchEvent.type)
  ticked(@Payload() event: EventEnvelope, @Ctx() _ctx: JetStreamContext): void {
    backboneTally.see(Date.now() - Date.parse(event.occurredAt));
  }
}

@Module({})
class BenchPublisherModule {
  static forRoot(config: CirkelConfig): DynamicModule {
    return {
      module: BenchPublisherModule,
      imports: [
        ConfigModule.forRoot(config),
        PersistenceModule.forRoot({ entities: [], migrations: [...MESSAGING_MIGRATIONS] }),
        MessagingModule.forRoot({ publishes: ['partners'], events: [BenchEvent] }),
      ],
    };
  }
}

@Module({})
class BenchConsumerModule {
  static forRoot(config: CirkelConfig): DynamicModule {
    return {
      module: BenchConsumerModule,
      imports: [
        ConfigModule.forRoot(config),
        PersistenceModule.forRoot({ entities: [], migrations: [...MESSAGING_MIGRATIONS] }),
        MessagingModule.forRoot({ publishes: ['notifications'], events: [BenchEvent] }),
      ],
      controllers: [BenchHandler],
    };
  }
}

function progress(label: string, tally: () => number): () => void {
  const timer = setInterval(() => process.stdout.write(`  ${label}: ${tally()}/${N} consumed\n`), 1000);
  return () => clearInterval(timer);
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

async function bare(nc: NatsConnection, namespace: string): Promise<{ pipeline: number; publish: number; consume: number }> {
  const jsm = await nc.jetstreamManager();
  const js = nc.jetstream();
  const stream = `${namespace.toUpperCase()}_BARE`;
  const subject = `${namespace}.bare.ticked`;
  await jsm.streams.add({ name: stream, subjects: [`${namespace}.bare.>`], storage: StorageType.File });
  const payload = new TextEncoder().encode(JSON.stringify({ n: 0, padding: 'x'.repeat(300) })); // about an envelope's size

  const publishAll = async (): Promise<number> => {
    const start = performance.now();
    for (let i = 0; i < N; i += BARE_BATCH) {
      const acks = [];
      for (let j = i; j < Math.min(N, i + BARE_BATCH); j++) acks.push(js.publish(subject, payload, { msgID: randomUUID() }));
      await Promise.all(acks);
    }
    return performance.now() - start;
  };
  const consumeAll = async (durable: string): Promise<number> => {
    await jsm.consumers.add(stream, { durable_name: durable, ack_policy: AckPolicy.Explicit });
    const messages = await (await js.consumers.get(stream, durable)).consume({ max_messages: 1000 });
    const start = performance.now();
    let seen = 0;
    for await (const m of messages) {
      m.ack();
      if (++seen >= N) break;
    }
    return performance.now() - start;
  };

  // As a pipeline: the consumer is there while the publisher publishes.
  const start = performance.now();
  const consumed = consumeAll('pipeline');
  await publishAll();
  await consumed;
  const pipelineMs = performance.now() - start;
  // And each half alone, for the figures of record (publishing, then consuming what is stored).
  await jsm.streams.purge(stream);
  const publishMs = await publishAll();
  const consumeMs = await consumeAll('alone');
  await jsm.streams.delete(stream);
  return { pipeline: (N / pipelineMs) * 1000, publish: (N / publishMs) * 1000, consume: (N / consumeMs) * 1000 };
}

interface BackboneFigures {
  rate: number;
  p50: number;
  p99: number;
  /** Latency when events come one per transaction at PACED_RATE, well under saturation. */
  paced: { p50: number; p99: number };
}

const PACED_RATE = 500;
const PACED_EVENTS = 2000;

async function backbone(namespace: string): Promise<BackboneFigures> {
  const consumerConfig = testConfig('notifications', namespace, { LOG_LEVEL: 'error', DATABASE_POOL_SIZE: '10' });
  const publisherConfig = testConfig('partners', namespace, { LOG_LEVEL: 'error', DATABASE_POOL_SIZE: '10' });
  const consumer = await createServiceApp(BenchConsumerModule.forRoot(consumerConfig), consumerConfig);
  await consumer.init();
  const publisher = await NestFactory.createApplicationContext(BenchPublisherModule.forRoot(publisherConfig), { logger: ['error'] });
  const uow = publisher.get(UnitOfWork);
  backboneTally = new Tally();

  const stop = progress('backbone', () => backboneTally.count);
  const start = performance.now();
  let next = 0;
  const writer = async (): Promise<void> => {
    while (next < N) {
      const from = next;
      const to = Math.min(N, from + PER_TX);
      next = to;
      await uow.run(async (tx) => {
        for (let n = from; n < to; n++) tx.publish(BenchEvent, HUB, { n }, systemCause());
      });
    }
  };
  await Promise.all(Array.from({ length: WRITERS }, writer));
  await backboneTally.wait();
  const [{ written }] = await publisher.get(DataSource).query('SELECT count(*)::int AS written FROM outbox');
  if (written !== N) throw new Error(`wrote ${written} events instead of ${N}`);
  const elapsed = backboneTally.lastAt - start;
  stop();
  const sorted = [...backboneTally.latencies].sort((a, b) => a - b);

  // Then at an everyday pace: one event per transaction, PACED_RATE a second.
  process.stdout.write(`backbone at ${PACED_RATE} events/s, one per transaction…\n`);
  backboneTally = new Tally(PACED_EVENTS);
  const pacedStart = performance.now();
  const writes: Promise<unknown>[] = [];
  for (let n = 0; n < PACED_EVENTS; n++) {
    const due = pacedStart + (n * 1000) / PACED_RATE;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    writes.push(uow.run(async (tx) => tx.publish(BenchEvent, HUB, { n }, systemCause())));
  }
  await Promise.all(writes);
  await backboneTally.wait();
  const pacedSorted = [...backboneTally.latencies].sort((a, b) => a - b);

  await publisher.close();
  await consumer.close();
  return {
    rate: (N / elapsed) * 1000,
    p50: percentile(sorted, 50),
    p99: percentile(sorted, 99),
    paced: { p50: percentile(pacedSorted, 50), p99: percentile(pacedSorted, 99) },
  };
}

const HUB = randomUUID();

async function main(): Promise<void> {
  const namespace = testNamespace();
  await ensureTestDatabase();
  // The same client settings as the backbone's connections (libs/messaging/src/nats-connection.ts).
  const nc = await connect({ servers: process.env.NATS_URL ?? 'nats://127.0.0.1:4222', noAsyncTraces: true });
  process.stdout.write(`events: ${N}, outbox transactions of ${PER_TX} events, ${WRITERS} writers, namespace ${namespace}\n`);
  try {
    process.stdout.write('bare JetStream…\n');
    const b = await bare(nc, namespace);
    process.stdout.write('backbone (outbox → relay → JetStream → consumer with inbox)…\n');
    const k = await backbone(namespace);
    const f = (x: number) => Math.round(x).toLocaleString('en');
    const sequential = 1 / (1 / b.publish + 1 / b.consume);
    process.stdout.write(
      [
        '',
        `bare publish (batches of ${BARE_BATCH}, acked): ${f(b.publish)} msg/s`,
        `bare consume (pull, acked):           ${f(b.consume)} msg/s`,
        `bare pipeline:                        ${f(b.pipeline)} msg/s`,
        `backbone pipeline:                    ${f(k.rate)} events/s`,
        `backbone latency, write → handled:    p50 ${k.p50.toFixed(0)} ms, p99 ${k.p99.toFixed(0)} ms (saturated: the writers run ahead)`,
        `backbone latency at ${PACED_RATE} events/s:     p50 ${k.paced.p50.toFixed(0)} ms, p99 ${k.paced.p99.toFixed(0)} ms`,
        `ratio against bare publish-then-consume (${f(sequential)} msg/s): ${(k.rate / sequential).toFixed(2)}`,
        `ratio: ${(k.rate / b.pipeline).toFixed(2)}`,
        '',
      ].join('\n'),
    );
  } finally {
    await nc.close();
    await cleanupNamespace(namespace);
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`benchmark failed: ${(error as Error).stack ?? String(error)}\nIs PostgreSQL, NATS and Redis running? (see README)\n`);
    process.exit(1);
  },
);
