import { randomUUID } from 'node:crypto';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { connect, NatsConnection } from 'nats';
import { Client } from 'pg';
import { CirkelConfig } from '@cirkel/config';
import { cleanupNamespace, ensureTestDatabase, eventually, sleep, TEST_DATABASE_URL, testConfig, testNamespace } from '@cirkel/testing';
import { DatabaseLink } from './fixtures/database-link';
import { ProbeConsumerModule, ProbedData } from './fixtures/probe';
import { probeDeadLetters, probeEffects, publishProbe, range } from './fixtures/probe-events';
import { createProbeService } from './fixtures/probe-service';

/**
 * Issue 6, finding 3: an outage of the consumer's database is waited out, and does not turn the
 * events in flight into dead letters; only the handler's own failures count towards the limit.
 */
const ns = testNamespace();
const hubId = randomUUID();
/** Longer than the old back-off to the fifth delivery (0.5 + 1 + 2 + 4 s), after which it dead-lettered. */
const OUTAGE_MS = 12_000;

let link: DatabaseLink;
let config: CirkelConfig;
let consumer: NestFastifyApplication;
let nc: NatsConnection;
let db: Client;

const publish = (data: Partial<ProbedData> & { n: number }) => publishProbe(nc, config, hubId, data);
const effects = () => probeEffects(db, config);
const deadLetters = () => probeDeadLetters(db, config);

beforeAll(async () => {
  await ensureTestDatabase();
  link = await DatabaseLink.open(TEST_DATABASE_URL);
  // The default limit of five failures, the database reached only through the link.
  config = testConfig('notifications', ns, { DATABASE_URL: link.url, DATABASE_POOL_SIZE: '3' });
  consumer = await createProbeService(ProbeConsumerModule.forRoot(config), config);
  await consumer.init();
  nc = await connect({ servers: config.nats.servers });
  db = new Client({ connectionString: TEST_DATABASE_URL });
  await db.connect();
}, 30_000);

afterAll(async () => {
  await link?.restore().catch(() => undefined);
  await consumer?.close();
  await nc?.close();
  await db?.end();
  await link?.close();
  await cleanupNamespace(ns);
});

it('waits out a database outage without dead letters, applies every event once, and still dead-letters what its handler fails on', async () => {
  for (const n of range(0, 10)) await publish({ n });
  await eventually(async () => expect(await effects()).toEqual(range(0, 10)));

  await link.cut(); // every connection of the consumer's pool is cut, and new ones are refused
  for (const n of range(10, 30)) await publish({ n });
  await publish({ n: 99, fail: 'always' }); // fails in its handler, once the database is back
  await sleep(OUTAGE_MS);
  await link.restore();
  for (const n of range(30, 40)) await publish({ n });

  await eventually(async () => expect(await effects()).toEqual(range(0, 40)), { timeoutMs: 90_000, intervalMs: 250 });
  // Only the handler's own failures counted: five of them, however often the outage made it come back.
  await eventually(async () => expect(await deadLetters()).toHaveLength(1), { timeoutMs: 30_000, intervalMs: 250 });
  const [letter] = await deadLetters();
  expect(letter.reason).toBe('failed 5 times; last error: probe 99 fails');
  expect(letter.deliveries).toBeGreaterThan(5);
  expect(await effects()).toEqual(range(0, 40)); // nothing twice
}, 180_000);
