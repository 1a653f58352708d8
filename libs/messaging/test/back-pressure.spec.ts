import { randomUUID } from 'node:crypto';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { connect, ConsumerInfo, NatsConnection } from 'nats';
import { Client } from 'pg';
import { CirkelConfig } from '@cirkel/config';
import { cleanupNamespace, ensureTestDatabase, eventually, TEST_DATABASE_URL, testConfig, testNamespace } from '@cirkel/testing';
import { MessagingOptions } from '../src';
import { consumerName } from '../src/jetstream/event-consumers';
import { ProbeConsumerModule, Probed, ProbedData } from './fixtures/probe';
import { probeDeadLetters, probeEffects, publishProbe, range } from './fixtures/probe-events';
import { createProbeService } from './fixtures/probe-service';

/**
 * Issue 6, finding 6: a replica holds only what it can handle within the ack wait, keeps a slow
 * batch alive with `working()`, bounds each statement of a handler, and on shutdown hands back what
 * it had read but not begun.
 */
const ns = testNamespace();
const hubId = randomUUID();
let config: CirkelConfig;
let nc: NatsConnection;
let db: Client;
let consumers: NestFastifyApplication[] = [];

async function startConsumer(overrides: Partial<MessagingOptions>): Promise<NestFastifyApplication> {
  const app = await createProbeService(ProbeConsumerModule.forRoot(config, overrides), config);
  await app.init();
  consumers.push(app);
  return app;
}

const publish = (data: Partial<ProbedData> & { n: number }) => publishProbe(nc, config, hubId, data);
const effects = () => probeEffects(db, config);

async function consumerInfo(): Promise<ConsumerInfo> {
  return (await nc.jetstreamManager()).consumers.info(`${config.nats.streamPrefix}PARTNERS`, consumerName('notifications', Probed.type));
}

/** The most the consumer had delivered and not yet acknowledged, sampled until `done` settles. */
async function mostHeld(done: Promise<unknown>): Promise<number> {
  let finished = false;
  void done.finally(() => (finished = true)).catch(() => undefined);
  let most = 0;
  while (!finished) {
    most = Math.max(most, (await consumerInfo()).num_ack_pending);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  return most;
}

beforeAll(async () => {
  await ensureTestDatabase();
  config = testConfig('notifications', ns, { CONSUMER_MAX_DELIVER: '2' });
  nc = await connect({ servers: config.nats.servers });
  db = new Client({ connectionString: TEST_DATABASE_URL });
  await db.connect();
});

afterEach(async () => {
  for (const app of consumers) await app.close();
  consumers = [];
  await db.query(`TRUNCATE "${config.database.schema}".probe_effect, "${config.database.schema}".dead_letter`);
});

afterAll(async () => {
  await nc?.close();
  await db?.end();
  await cleanupNamespace(ns);
});

it('holds no more than about three batches, and a slow batch outlives the ack wait without a redelivery or a dead letter', async () => {
  // Each batch of 10 takes about 1.5 s in its handler: longer than the ack wait of 1 s.
  await startConsumer({ consumerBatchSize: 10, ackWaitMs: 1000 });
  const before = (await consumerInfo()).delivered.consumer_seq;
  for (const n of range(0, 60)) await publish({ n, slowMs: 150 });

  const applied = eventually(async () => expect(await effects()).toEqual(range(0, 60)), { timeoutMs: 60_000, intervalMs: 200 });
  const most = await mostHeld(applied);
  await applied;

  expect(most).toBeLessThanOrEqual(30);
  const info = await consumerInfo();
  expect(info.delivered.consumer_seq - before).toBe(60); // each message delivered once: none came back after its ack wait
  expect(info.num_redelivered).toBe(0);
  expect(await probeDeadLetters(db, config)).toEqual([]);
}, 90_000);

it('ends a handler statement that runs past the statement timeout, as a failure of the handler', async () => {
  await startConsumer({ handlerStatementTimeoutMs: 200 });
  await publish({ n: 1, slowMs: 2000 });
  await eventually(async () => expect(await probeDeadLetters(db, config)).toHaveLength(1), { timeoutMs: 20_000, intervalMs: 200 });
  expect((await probeDeadLetters(db, config))[0].reason).toBe('failed 2 times; last error: canceling statement due to statement timeout');
  expect(await effects()).toEqual([]);
}, 30_000);

it('hands back what it had read but not begun when it closes, so another replica applies it at once', async () => {
  // An ack wait far longer than the test may wait: only a hand-back gets the rest to the next replica in time.
  const overrides = { consumerBatchSize: 10, ackWaitMs: 120_000 };
  const first = await startConsumer(overrides);
  for (const n of range(0, 40)) await publish({ n, slowMs: 100 });
  await eventually(async () => expect((await effects()).length).toBeGreaterThan(0), { intervalMs: 20 });

  await first.close(); // the batch in hand is finished and acked; the rest is nak'ed
  consumers = consumers.filter((app) => app !== first);
  const appliedByFirst = (await effects()).length;
  expect(appliedByFirst).toBeLessThan(40);

  await startConsumer(overrides);
  await eventually(async () => expect(await effects()).toEqual(range(0, 40)), { timeoutMs: 30_000, intervalMs: 200 });
}, 60_000);

it('closes anyway once the drain bound has passed, a batch still in hand, and leaves it to be delivered again (SHUTDOWN_DRAIN_MS)', async () => {
  const stuck = await startConsumer({ consumerBatchSize: 10, ackWaitMs: 60_000, shutdownDrainMs: 300 });
  await publish({ n: 1, slowMs: 8_000 }); // a statement that outlasts the bound (a lock wait, say)
  await eventually(async () => expect((await db.query(`SELECT 1 FROM pg_stat_activity WHERE query LIKE 'SELECT pg_sleep%' AND state = 'active'`)).rowCount).toBeGreaterThan(0), { intervalMs: 20 });

  const began = performance.now();
  await stuck.close();
  consumers = consumers.filter((app) => app !== stuck);
  const took = performance.now() - began;
  expect(took).toBeLessThan(4_000); // without the bound, close() waits out the 8 s statement
  expect(await effects()).toEqual([]); // not committed: the event is still the stream's to deliver
  expect((await consumerInfo()).num_ack_pending + (await consumerInfo()).num_pending).toBe(1);
}, 30_000);
