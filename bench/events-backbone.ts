/**
 * The backbone side of the events benchmark, through its public API only: a publishing service
 * (`partners`) writes events with `UnitOfWork` into its outbox, its relay publishes them, a
 * consuming service (`notifications`) applies them with an `@EventPattern` handler that INSERTs
 * each event's id into a table of its own, in the delivery's transaction (`ctx.manager`). Each
 * service runs in a process of its own (bench/events-side.ts), as in production.
 */
import { Controller, DynamicModule, INestApplicationContext, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import { Pool } from 'pg';
import { DataSource, EntitySubscriberInterface, MigrationInterface, QueryRunner, TransactionCommitEvent, TransactionRollbackEvent } from 'typeorm';
import { z } from 'zod';
import { CirkelConfig, ConfigModule } from '@cirkel/config';
import { defineEvent, EventOf } from '@cirkel/contracts';
import { JetStreamContext, MessagingModule, MESSAGING_MIGRATIONS, streamName, systemCause, UnitOfWork } from '@cirkel/messaging';
import { PersistenceModule } from '@cirkel/persistence';
import { createServiceApp } from '@cirkel/runtime';
import { testConfig } from '@cirkel/testing';
import { aggregateKey, backendsOf } from './events-bare';
import { oneByOne, Tally } from './events-tally';

/** Events carry an aggregate, as production's do: the outbox numbers them (`aggregate_version`). */
const BenchEvent = defineEvent('partners.bench-ticked', 1, z.object({ run: z.number().int(), n: z.number().int(), key: z.string() }), {
  type: 'bench-counter',
  id: (d) => d.key,
});

/** The consuming service's table; no key, so that a second effect of one event would show. */
class BenchSeen1700000000000 implements MigrationInterface {
  name = 'BenchSeen1700000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query('CREATE TABLE bench_seen (event_id uuid NOT NULL, run smallint NOT NULL, n int NOT NULL)');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE bench_seen');
  }
}

/**
 * Counts an event when the consumer's transaction that applied it commits (TypeORM's commit
 * event), not when its handler returns: the handler notes the event against its transaction.
 */
class CommitClock implements EntitySubscriberInterface {
  readonly tallies = new Map<number, Tally>();
  private readonly handled = new Map<QueryRunner, { run: number; n: number }[]>();

  note(runner: QueryRunner | undefined, run: number, n: number): void {
    if (!runner) throw new Error('bench handler ran outside a transaction');
    const list = this.handled.get(runner) ?? [];
    list.push({ run, n });
    this.handled.set(runner, list);
  }

  afterTransactionCommit(event: TransactionCommitEvent): void {
    const list = this.handled.get(event.queryRunner);
    if (!list) return;
    this.handled.delete(event.queryRunner);
    const now = performance.now();
    for (const { run, n } of list) this.tallies.get(run)?.committedOne(n, now);
  }

  afterTransactionRollback(event: TransactionRollbackEvent): void {
    this.handled.delete(event.queryRunner);
  }
}

const clock = new CommitClock();

@Controller()
class BenchHandler {
  @EventPattern(BenchEvent.type)
  async ticked(@Payload() event: EventOf<typeof BenchEvent>, @Ctx() ctx: JetStreamContext): Promise<void> {
    await ctx.manager.query('INSERT INTO bench_seen (event_id, run, n) VALUES ($1, $2, $3)', [event.id, event.data.run, event.data.n]);
    clock.note(ctx.manager.queryRunner, event.data.run, event.data.n);
  }
}

function serviceModule(config: CirkelConfig, publishes: 'partners' | 'notifications', consumes: boolean): DynamicModule {
  @Module({})
  class BenchServiceModule {}
  return {
    module: BenchServiceModule,
    imports: [
      ConfigModule.forRoot(config),
      PersistenceModule.forRoot({ entities: [], migrations: consumes ? [...MESSAGING_MIGRATIONS, BenchSeen1700000000000] : [...MESSAGING_MIGRATIONS] }),
      MessagingModule.forRoot({ publishes: [publishes], events: [BenchEvent] }),
    ],
    controllers: consumes ? [BenchHandler] : [],
  };
}

/** The backbone's publishing service (`partners`: `UnitOfWork`, outbox, relay) and its writers, in a process of its own. */
export class BackboneWriter {
  private constructor(private readonly publisher: INestApplicationContext) {}

  static async start(namespace: string, poolSize: number): Promise<BackboneWriter> {
    const config = testConfig('partners', namespace, { LOG_LEVEL: 'error', DATABASE_POOL_SIZE: String(poolSize) });
    return new BackboneWriter(await NestFactory.createApplicationContext(serviceModule(config, 'partners', false), { logger: ['error'] }));
  }

  /** The stream the publisher's events go to. */
  static streamOf(namespace: string): string {
    const config = testConfig('partners', namespace);
    return streamName({ subjectPrefix: config.nats.subjectPrefix, streamPrefix: config.nats.streamPrefix }, 'partners');
  }

  /** The schema of the publisher's outbox. */
  static schemaOf(namespace: string): string {
    return testConfig('partners', namespace).database.schema;
  }

  /** The PostgreSQL backends of its pool (TypeORM's `pg` pool is its driver's `master`). */
  backends(): number[] {
    return backendsOf(poolOf(this.publisher));
  }

  /** `writers` at once, each writing the next `perTx` events in one transaction until all are written. */
  async writeBatched(tally: Tally, hubId: string, perTx: number, writers: number): Promise<void> {
    const uow = this.publisher.get(UnitOfWork);
    let next = 0;
    const writer = async (): Promise<void> => {
      while (next < tally.events) {
        const from = next;
        const to = Math.min(tally.events, from + perTx);
        next = to;
        const now = performance.now();
        await uow.run(async (tx) => {
          for (let n = from; n < to; n++) {
            tally.started(n, now);
            tx.publish(BenchEvent, hubId, { run: tally.run, n, key: aggregateKey(n) }, systemCause());
          }
        });
        const written = performance.now();
        for (let n = from; n < to; n++) tally.reached(n, 'written', written);
      }
    };
    await Promise.all(Array.from({ length: writers }, writer));
  }

  /** One event per transaction from `writers` at once, as fast as they can or paced (`oneByOne`). */
  writeOneByOne(tally: Tally, hubId: string, writers: number, perSecond?: number): Promise<void> {
    const uow = this.publisher.get(UnitOfWork);
    return oneByOne(tally, writers, perSecond, (n) =>
      uow.run(async (tx) => tx.publish(BenchEvent, hubId, { run: tally.run, n, key: aggregateKey(n) }, systemCause())),
    );
  }

  async close(): Promise<void> {
    await this.publisher.close();
  }
}

/** The backbone's consuming service (`notifications`, with the bench's handler), in a process of its own. */
export class BackboneConsumer {
  private constructor(private readonly consumer: INestApplicationContext) {}

  static async start(namespace: string, poolSize: number): Promise<BackboneConsumer> {
    const config = testConfig('notifications', namespace, { LOG_LEVEL: 'error', DATABASE_POOL_SIZE: String(poolSize) });
    const consumer = await createServiceApp(serviceModule(config, 'notifications', true), config);
    await consumer.init();
    consumer.get(DataSource).subscribers.push(clock);
    return new BackboneConsumer(consumer);
  }

  /** The consuming table (schema-qualified). */
  static tableOf(namespace: string): string {
    return `"${testConfig('notifications', namespace).database.schema}".bench_seen`;
  }

  /** The consumer's commits of a run go to `tally`. */
  track(tally: Tally): void {
    clock.tallies.set(tally.run, tally);
  }

  backends(): number[] {
    return backendsOf(poolOf(this.consumer));
  }

  async close(): Promise<void> {
    await this.consumer.close();
  }
}

function poolOf(app: INestApplicationContext): Pool {
  return (app.get(DataSource).driver as unknown as { master: Pool }).master;
}

/**
 * Reads when JetStream acknowledged each event of a run to the relay (`published_at`, the
 * acknowledgement's time the relay marks the row with).
 */
export async function relayMarks(db: Pool, schema: string, tally: Tally): Promise<void> {
  const { rows } = await db.query<{ n: number; published: string }>(
    `SELECT (envelope->'data'->>'n')::int AS n, extract(epoch FROM published_at) * 1000 AS published FROM "${schema}".outbox WHERE (envelope->'data'->>'run')::int = $1`,
    [tally.run],
  );
  // Postgres and performance.now() read the same clock: epoch ms less the process's time origin.
  for (const row of rows) tally.reached(row.n, 'published', Number(row.published) - performance.timeOrigin);
}
