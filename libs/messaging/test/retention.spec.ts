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

it('prunes inbox ids a day older than the streams keep events, and no younger ones', async () => {
  const dataSource = consumer.get(DataSource);
  const insert = (daysAgo: number) =>
    dataSource.query(`INSERT INTO inbox (consumer, event_id, hub_id, subject, processed_at) VALUES ('notifications', $1, $2, 'partners.probed', now() - $3 * interval '1 day')`, [
      randomUUID(),
      randomUUID(),
      daysAgo,
    ]);
  for (const daysAgo of [0, 10, 10.5, 11.5, 40]) await insert(daysAgo);
  const server = consumer.get(EventTransport).server!;
  expect(await server.pruneInbox()).toBe(2);
  const left: { days: number }[] = await dataSource.query(`SELECT round(extract(epoch FROM now() - processed_at) / 86400, 1)::float AS days FROM inbox ORDER BY processed_at DESC`);
  expect(left.map((r) => r.days)).toEqual([0, 10, 10.5]);
});
