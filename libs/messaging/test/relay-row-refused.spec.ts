import { randomUUID } from 'node:crypto';
import { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { connect, NatsConnection, Subscription } from 'nats';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { CirkelConfig } from '@cirkel/config';
import { cleanupNamespace, ensureTestDatabase, eventually, sleep, TEST_DATABASE_URL, testConfig, testNamespace } from '@cirkel/testing';
import { OutboxRelay } from '../src';
import { insertOutboxRows } from './fixtures/outbox-rows';
import { Probed, ProbePublisherModule } from './fixtures/probe';

/**
 * Issue 6, finding 4 (second half): a row JetStream always refuses is retried on its own, with
 * back-off, and after a limit moved to `outbox_dead_letter` with its reason; it never holds back the
 * rows around it, which are published once.
 */
const ns = testNamespace();
let config: CirkelConfig;
let publisher: INestApplicationContext;
let nc: NatsConnection;
let db: Client;
let watch: Subscription;
/** How often each event id went out on the wire (every publish, duplicates too). */
const sent = new Map<string, number>();

beforeAll(async () => {
  await ensureTestDatabase();
  config = testConfig('partners', ns);
  nc = await connect({ servers: config.nats.servers });
  watch = nc.subscribe(`${config.nats.subjectPrefix}partners.>`, {
    callback: (_error, msg) => {
      const id = msg.headers?.get('Nats-Msg-Id') ?? '';
      sent.set(id, (sent.get(id) ?? 0) + 1);
    },
  });
  db = new Client({ connectionString: TEST_DATABASE_URL });
  await db.connect();
  publisher = await NestFactory.createApplicationContext(ProbePublisherModule.forRoot(config, { relayMaxAttempts: 3, relayRetryBaseMs: 100, outboxSweepMs: 100 }), {
    logger: ['fatal'],
  });
});

afterAll(async () => {
  await publisher?.close();
  await nc?.close();
  await db?.end();
  await cleanupNamespace(ns);
});

it('publishes the 499 rows around one that JetStream always refuses, once each, and gives the refused one up with its reason', async () => {
  await publisher.get(OutboxRelay).stop(); // the rows go in first, the relay sees them all at once
  // One batch of 500 (the relay's default), the 101st to a subject no stream takes.
  const subjects = Array<string>(500).fill(Probed.type);
  subjects[100] = 'ideas.probed';
  const ids = await insertOutboxRows(publisher.get(DataSource), randomUUID(), subjects);
  publisher.get(OutboxRelay).start();

  const schema = config.database.schema;
  await eventually(
    async () => {
      const letters = await db.query(`SELECT id, subject, publish_attempts, reason FROM "${schema}".outbox_dead_letter`);
      expect(letters.rows).toEqual([{ id: ids[100], subject: 'ideas.probed', publish_attempts: 3, reason: expect.stringMatching(/503/) }]);
    },
    { timeoutMs: 30_000, intervalMs: 100 },
  );
  const left = await db.query(`SELECT count(*)::int AS n FROM "${schema}".outbox WHERE published_at IS NULL`);
  expect(left.rows[0].n).toBe(0);
  await nc.flush();
  await sleep(300); // the last of what was on the wire arrives
  const others = ids.filter((_, i) => i !== 100);
  expect(others.filter((id) => sent.get(id) !== 1)).toEqual([]); // each published exactly once
}, 60_000);

it('makes its own stream again when it was deleted, instead of giving up the rows meant for it', async () => {
  watch.unsubscribe(); // with a subscriber on the subject, a publish nobody stores times out instead of finding no responders
  const jsm = await nc.jetstreamManager();
  const stream = `${config.nats.streamPrefix}PARTNERS`;
  await jsm.streams.delete(stream);
  const ids = await insertOutboxRows(publisher.get(DataSource), randomUUID(), Array<string>(5).fill(Probed.type));
  publisher.get(OutboxRelay).kick();

  const schema = config.database.schema;
  await eventually(async () => expect((await jsm.streams.info(stream)).state.messages).toBe(5), { timeoutMs: 15_000, intervalMs: 100 });
  // Marked published by the relay's next read, at most a moment after the acknowledgements.
  const left = async (): Promise<number> =>
    (await db.query(`SELECT count(*)::int AS n FROM "${schema}".outbox WHERE id = ANY($1::uuid[]) AND published_at IS NULL`, [ids])).rows[0].n;
  await eventually(async () => expect(await left()).toBe(0), { timeoutMs: 5_000 });
  const letters = await db.query(`SELECT count(*)::int AS n FROM "${schema}".outbox_dead_letter WHERE id = ANY($1::uuid[])`, [ids]);
  expect(letters.rows[0].n).toBe(0);
});
