import { randomUUID } from 'node:crypto';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { connect, NatsConnection } from 'nats';
import { DataSource } from 'typeorm';
import { CirkelConfig } from '@cirkel/config';
import { cleanupNamespace, ensureTestDatabase, testConfig, testNamespace } from '@cirkel/testing';
import { EventTransport } from '../src';
import { ProbeConsumerModule } from './fixtures/probe';
import { createProbeService } from './fixtures/probe-service';

/** Growth: streams keep events for a bounded time, and the inbox forgets ids only after no stream can deliver them again. */
const ns = testNamespace();
let config: CirkelConfig;
let consumer: NestFastifyApplication;
let nc: NatsConnection;

beforeAll(async () => {
  await ensureTestDatabase();
  config = testConfig('notifications', ns, { STREAM_MAX_AGE_DAYS: '10' });
  consumer = await createProbeService(ProbeConsumerModule.forRoot(config), config);
  await consumer.init();
  nc = await connect({ servers: config.nats.servers });
});

afterAll(async () => {
  await consumer?.close();
  await nc?.close();
  await cleanupNamespace(ns);
});

it('gives the streams a service makes the configured maximum age', async () => {
  const info = await (await nc.jetstreamManager()).streams.info(`${config.nats.streamPrefix}PARTNERS`);
  expect(info.config.max_age).toBe(10 * 24 * 60 * 60 * 1_000_000_000);
});

it('keeps inbox ids while a republished event can still come back: the outbox keep plus the streams\' age, and a day', async () => {
  // Streams keep 10 days here, the outbox 7: an event applied today can be republished up to 7 days
  // later and delivered from the stream 10 days after that, so its id must last 17 days (18 kept).
  const dataSource = consumer.get(DataSource);
  const insert = (daysAgo: number) =>
    dataSource.query(`INSERT INTO inbox (consumer, event_id, hub_id, subject, processed_at) VALUES ('notifications', $1, $2, 'partners.probed', now() - $3 * interval '1 day')`, [
      randomUUID(),
      randomUUID(),
      daysAgo,
    ]);
  for (const daysAgo of [0, 10, 16.5, 17.5, 18.5, 40]) await insert(daysAgo);
  const server = consumer.get(EventTransport).server!;
  expect(await server.pruneInbox()).toBe(2);
  const left: { days: number }[] = await dataSource.query(`SELECT round(extract(epoch FROM now() - processed_at) / 86400, 1)::float AS days FROM inbox ORDER BY processed_at DESC`);
  expect(left.map((r) => r.days)).toEqual([0, 10, 16.5, 17.5]);
});
