import { randomUUID } from 'node:crypto';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { AckPolicy, connect, NatsConnection } from 'nats';
import { Client } from 'pg';
import { CirkelConfig } from '@cirkel/config';
import { cleanupNamespace, ensureTestDatabase, eventually, sleep, TEST_DATABASE_URL, testConfig, testNamespace } from '@cirkel/testing';
import { consumerName } from '../src/jetstream/event-consumers';
import { Ignored, ProbeConsumerModule, Probed, ProbeHandler, ProbeIgnoredHandler } from './fixtures/probe';
import { probeDeadLetters, probeEffects, publishProbe, range } from './fixtures/probe-events';
import { createProbeService } from './fixtures/probe-service';

/**
 * Issue 6, finding 1: a replica acks only what it has a handler for. During a rolling update the
 * old version (no handler for `partners.probe-ignored`) runs beside the new one (which has one):
 * the new one gets every ignored event the stream keeps, those from before it started too.
 */
const ns = testNamespace();
const hubId = randomUUID();
let config: CirkelConfig;
let nc: NatsConnection;
let db: Client;
const apps: NestFastifyApplication[] = [];

async function start(controllers: Parameters<typeof ProbeConsumerModule.forRoot>[2]): Promise<NestFastifyApplication> {
  const app = await createProbeService(ProbeConsumerModule.forRoot(config, {}, controllers), config);
  await app.init();
  apps.push(app);
  return app;
}

const publishIgnored = (n: number) => publishProbe(nc, config, hubId, { n }, Ignored.type);

beforeAll(async () => {
  await ensureTestDatabase();
  config = testConfig('notifications', ns);
  nc = await connect({ servers: config.nats.servers });
  db = new Client({ connectionString: TEST_DATABASE_URL });
  await db.connect();
});

afterAll(async () => {
  for (const app of apps) await app.close();
  await nc?.close();
  await db?.end();
  await cleanupNamespace(ns);
});

it('leaves events no handler of this version takes in the stream, and the version that handles them gets every one', async () => {
  await start([ProbeHandler]); // v1: no handler for the ignored probe
  for (const n of range(0, 5)) {
    await publishProbe(nc, config, hubId, { n });
    await publishIgnored(n);
  }
  await eventually(async () => expect(await probeEffects(db, config)).toEqual(range(0, 5)));
  await sleep(500); // time for v1 to (wrongly) take the others away

  await start([ProbeHandler, ProbeIgnoredHandler]); // v2 beside v1, as in a rolling update
  for (const n of range(5, 10)) {
    await publishProbe(nc, config, hubId, { n });
    await publishIgnored(n);
  }
  const expected = [...range(0, 10), ...range(1000, 1010)];
  await eventually(async () => expect(await probeEffects(db, config)).toEqual(expected), { timeoutMs: 20_000 });
  await sleep(500);
  expect(await probeEffects(db, config)).toEqual(expected); // and the probes v1 applied were not applied again
  expect(await probeDeadLetters(db, config)).toEqual([]);
});

it('retires the consumer named after the service that versions before issue 6 read the whole stream with, without deleting it', async () => {
  const jsm = await nc.jetstreamManager();
  const stream = `${config.nats.streamPrefix}PARTNERS`;
  await jsm.consumers.add(stream, { durable_name: 'notifications', ack_policy: AckPolicy.Explicit, filter_subject: `${config.nats.subjectPrefix}partners.>` });
  await start([ProbeHandler, ProbeIgnoredHandler]); // a new replica, while an old one might still pull from it
  const old = await jsm.consumers.info(stream, 'notifications');
  expect(old.config.inactive_threshold).toBe(60 * 60 * 1_000_000_000); // the server removes it an hour after the last pull
});

it('gives every consumer an inactivity limit, so the server removes the consumer of a handler a later version dropped', async () => {
  // A consumer in use is never idle: each pull waits up to 15 s on the server. One whose handler a
  // later version dropped is pulled by no one, and the server removes it after the limit (three days
  // by default; a test cannot wait that long, nor for nats-server's own timer).
  const jsm = await nc.jetstreamManager();
  const stream = `${config.nats.streamPrefix}PARTNERS`;
  const ignoredConsumer = consumerName('notifications', Ignored.type);
  const threeDays = 3 * 24 * 60 * 60 * 1_000_000_000;
  for (const name of [ignoredConsumer, consumerName('notifications', Probed.type)]) expect((await jsm.consumers.info(stream, name)).config.inactive_threshold).toBe(threeDays);

  // A consumer made before the limit existed gets it when a version starts.
  await jsm.consumers.update(stream, ignoredConsumer, { inactive_threshold: 0 });
  expect((await jsm.consumers.info(stream, ignoredConsumer)).config.inactive_threshold ?? 0).toBe(0);
  await start([ProbeHandler, ProbeIgnoredHandler]);
  expect((await jsm.consumers.info(stream, ignoredConsumer)).config.inactive_threshold).toBe(threeDays);
});
