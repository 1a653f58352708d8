import { randomUUID } from 'node:crypto';
import { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Client } from 'pg';
import { CirkelConfig } from '@cirkel/config';
import { cleanupNamespace, ensureTestDatabase, eventually, PrivateNats, TEST_DATABASE_URL, testConfig, testNamespace } from '@cirkel/testing';
import { OutboxRelay, systemCause, UnitOfWork } from '../src';
import { ProbeConsumerModule, Probed, ProbePublisherModule } from './fixtures/probe';
import { createProbeService } from './fixtures/probe-service';

/**
 * A fault test on a NATS server of its own (never the machine's shared one): the server is killed
 * while events flow and started again on the same store; nothing is lost and nothing is applied twice.
 * (That readiness says "down" meanwhile is libs/runtime's test/readiness.spec.ts.)
 */
const ns = testNamespace();
const hubId = randomUUID();
let nats: PrivateNats;
let db: Client;
let publisherConfig: CirkelConfig;
let consumerConfig: CirkelConfig;
let publisher: INestApplicationContext;
let consumer: NestFastifyApplication;

async function effects(): Promise<number[]> {
  return (await db.query(`SELECT n FROM "${consumerConfig.database.schema}".probe_effect ORDER BY n`)).rows.map((r) => r.n);
}

async function unpublished(): Promise<number> {
  const rows = await db.query(`SELECT count(*)::int AS n FROM "${publisherConfig.database.schema}".outbox WHERE published_at IS NULL`);
  return rows.rows[0].n;
}

beforeAll(async () => {
  await ensureTestDatabase();
  nats = await PrivateNats.start();
  const env = { NATS_URL: nats.url, NATS_REQUEST_TIMEOUT_MS: '1000' };
  publisherConfig = testConfig('partners', ns, env);
  consumerConfig = testConfig('notifications', ns, env);
  db = new Client({ connectionString: TEST_DATABASE_URL });
  await db.connect();
  consumer = await createProbeService(ProbeConsumerModule.forRoot(consumerConfig), consumerConfig);
  await consumer.init();
  publisher = await NestFactory.createApplicationContext(ProbePublisherModule.forRoot(publisherConfig), { logger: false });
}, 60_000);

afterAll(async () => {
  await publisher?.close();
  await consumer?.close();
  await db?.end();
  await nats?.stop();
  await cleanupNamespace(ns);
});

it('loses nothing and applies nothing twice when NATS dies while events flow', async () => {
  const uow = publisher.get(UnitOfWork);
  const write = async (from: number, to: number) => {
    for (let n = from; n < to; n++) await uow.run(async (tx) => tx.publish(Probed, hubId, { n }, systemCause()));
  };
  await write(0, 10);
  await eventually(async () => expect(await effects()).toHaveLength(10));
  await eventually(async () => expect(await unpublished()).toBe(0), { timeoutMs: 5_000 });

  await nats.kill();
  await write(10, 20); // committed to the outbox; the relay cannot publish them yet
  // Once the relay has tried and given up (its publishes time out unacknowledged), every one of
  // them is still pending: a row is marked published only when JetStream has acknowledged it.
  await publisher.get(OutboxRelay).flush();
  expect(await unpublished()).toBe(10);

  await nats.restart(); // the same store: streams and consumers are still there
  await write(20, 25);
  await eventually(async () => expect(await effects()).toEqual([...Array(25).keys()]), { timeoutMs: 30_000 });
  // Marked by the relay's next read, at most a moment after the last acknowledgement (MARK_AFTER_MS).
  await eventually(async () => expect(await unpublished()).toBe(0), { timeoutMs: 5_000 });
}, 60_000);
