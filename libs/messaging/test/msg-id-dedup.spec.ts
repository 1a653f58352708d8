import { randomUUID } from 'node:crypto';
import { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { connect, NatsConnection } from 'nats';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { CirkelConfig } from '@cirkel/config';
import { cleanupNamespace, ensureTestDatabase, TEST_DATABASE_URL, testConfig, testNamespace } from '@cirkel/testing';
import { OutboxRelay, republish, streamName, systemCause, UnitOfWork } from '../src';
import { Probed, ProbePublisherModule } from './fixtures/probe';

/**
 * Issue 6, more tests: `Nats-Msg-Id` (the event id) really deduplicates, seen on the stream itself
 * with no consumer and no inbox in the way: an outbox row sent again by the relay (published but
 * not marked, as after a crash) or by the republish tool within the window is stored once.
 */
const ns = testNamespace();
const hubId = randomUUID();
let config: CirkelConfig;
let db: Client;
let nc: NatsConnection;
let publisher: INestApplicationContext;

const stored = async () => (await (await nc.jetstreamManager()).streams.info(streamName(config.nats, 'partners'))).state.messages;

beforeAll(async () => {
  await ensureTestDatabase();
  config = testConfig('partners', ns);
  db = new Client({ connectionString: TEST_DATABASE_URL });
  await db.connect();
  nc = await connect({ servers: config.nats.servers });
  // The relay runs only when the test flushes it.
  publisher = await NestFactory.createApplicationContext(ProbePublisherModule.forRoot(config, { outboxSweepMs: 600_000 }), { logger: ['error'] });
});

afterAll(async () => {
  await publisher?.close();
  await nc?.close();
  await db?.end();
  await cleanupNamespace(ns);
});

it('stores an event sent again with the same Nats-Msg-Id once, and another event beside it', async () => {
  const relay = publisher.get(OutboxRelay);
  const since = new Date(Date.now() - 1000);
  for (const n of [1, 2, 3]) await publisher.get(UnitOfWork).run(async (tx) => tx.publish(Probed, hubId, { n }, systemCause()));
  await relay.flush();
  expect(await stored()).toBe(3);

  // Published but not marked (the relay died before its UPDATE): the next leader sends them again.
  await db.query(`UPDATE "${config.database.schema}".outbox SET published_at = NULL`);
  await relay.flush();
  expect(await stored()).toBe(3);
  const sentAgain = await republish(publisher.get(DataSource), nc, config.nats, { since });
  expect(sentAgain).toMatchObject({ sent: 3, duplicates: 3 });
  expect(await stored()).toBe(3);

  // The same payload under another id is another message: the stream deduplicates by id, not by content.
  const [row] = (await db.query(`SELECT envelope::text AS envelope FROM "${config.database.schema}".outbox LIMIT 1`)).rows;
  await nc.jetstream().publish(`${config.nats.subjectPrefix}${Probed.type}`, new TextEncoder().encode(row.envelope), { msgID: randomUUID() });
  expect(await stored()).toBe(4);
});
