import { randomUUID } from 'node:crypto';
import { Controller, Type } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { connect, NatsConnection } from 'nats';
import { Client } from 'pg';
import { CirkelConfig } from '@cirkel/config';
import { EventEnvelope } from '@cirkel/contracts';
import { cleanupNamespace, ensureTestDatabase, eventually, TEST_DATABASE_URL, testConfig, testNamespace } from '@cirkel/testing';
import { JetStreamContext } from '../src';
import { consumerName } from '../src/jetstream/event-consumers';
import { ProbeConsumerModule, Probed, ProbedData } from './fixtures/probe';
import { probeDeadLetters, publishProbe, range } from './fixtures/probe-events';
import { createProbeService } from './fixtures/probe-service';

/**
 * Issue 6, more tests: two replicas of a consumer share its durable consumer: each event is applied
 * once, by one of them, and both take a part.
 */
const ns = testNamespace();
const hubId = randomUUID();
const EVENTS = 200;
let config: CirkelConfig;
let db: Client;
let nc: NatsConnection;
const replicas: NestFastifyApplication[] = [];

/** The probe handler of one replica: its effects are numbered from `offset`, so the test sees which replica applied what. */
function handlerOfReplica(offset: number): Type {
  @Controller()
  class ReplicaProbeHandler {
    @EventPattern(Probed.type)
    async probed(@Payload() event: EventEnvelope<ProbedData>, @Ctx() ctx: JetStreamContext): Promise<void> {
      await ctx.manager.query('INSERT INTO probe_effect (event_id, n) VALUES ($1, $2)', [event.id, event.data.n + offset]);
      if (event.data.slowMs) await ctx.manager.query('SELECT pg_sleep($1)', [event.data.slowMs / 1000]);
    }
  }
  return ReplicaProbeHandler;
}

beforeAll(async () => {
  await ensureTestDatabase();
  config = testConfig('notifications', ns);
  db = new Client({ connectionString: TEST_DATABASE_URL });
  await db.connect();
  nc = await connect({ servers: config.nats.servers });
  for (const offset of [0, 10_000]) {
    const app = await createProbeService(ProbeConsumerModule.forRoot(config, { consumerBatchSize: 10 }, [handlerOfReplica(offset)]), config);
    await app.init();
    replicas.push(app);
  }
}, 60_000);

afterAll(async () => {
  for (const app of replicas) await app.close();
  await nc?.close();
  await db?.end();
  await cleanupNamespace(ns);
});

it('applies each event once across two replicas sharing the consumer, both taking a part', async () => {
  for (const n of range(0, EVENTS)) await publishProbe(nc, config, hubId, { n, slowMs: 10 });
  const effects = async () => (await db.query(`SELECT event_id, n FROM "${config.database.schema}".probe_effect`)).rows as { event_id: string; n: number }[];
  await eventually(async () => expect(await effects()).toHaveLength(EVENTS), { timeoutMs: 30_000 });
  const rows = await effects();
  expect(new Set(rows.map((r) => r.event_id)).size).toBe(EVENTS);
  expect(rows.map((r) => r.n % 10_000).sort((a, b) => a - b)).toEqual(range(0, EVENTS));
  const byReplica = [rows.filter((r) => r.n < 10_000).length, rows.filter((r) => r.n >= 10_000).length];
  expect(Math.min(...byReplica)).toBeGreaterThan(0);
  expect(await probeDeadLetters(db, config)).toEqual([]);
  const jsm = await nc.jetstreamManager();
  await eventually(async () => {
    const info = await jsm.consumers.info(`${config.nats.streamPrefix}PARTNERS`, consumerName('notifications', Probed.type));
    expect({ pending: info.num_pending, unacked: info.num_ack_pending }).toEqual({ pending: 0, unacked: 0 });
  });
  process.stdout.write(`two consumer replicas: ${byReplica.join(' + ')} of ${EVENTS} events, each applied once\n`);
});
