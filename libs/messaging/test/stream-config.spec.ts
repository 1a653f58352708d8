import { randomUUID } from 'node:crypto';
import { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { connect, NatsConnection, StorageType } from 'nats';
import { Client } from 'pg';
import { CirkelConfig } from '@cirkel/config';
import { cleanupNamespace, ensureTestDatabase, eventually, sleep, TEST_DATABASE_URL, testConfig, testNamespace } from '@cirkel/testing';
import { MessagingOptions, streamName, systemCause, UnitOfWork } from '../src';
import { Probed, ProbePublisherModule } from './fixtures/probe';

/**
 * Issue 6, production shape: streams are made with the configured replicas and limits and updated
 * in place at start; a change the server refuses is logged, never a reason to stop; a full stream
 * refuses new events, which wait in the outbox (nothing dead-lettered) until there is room.
 */
const ns = testNamespace();
const hubId = randomUUID();
const quick: Partial<MessagingOptions> = { outboxSweepMs: 100, relayRetryBaseMs: 50, relayMaxAttempts: 2 };
let db: Client;
let nc: NatsConnection;
let app: INestApplicationContext | undefined;

async function publisher(env: Record<string, string> = {}): Promise<{ app: INestApplicationContext; config: CirkelConfig }> {
  const config = testConfig('partners', ns, env);
  app = await NestFactory.createApplicationContext(ProbePublisherModule.forRoot(config, quick), { logger: false });
  return { app, config };
}

async function write(ctx: INestApplicationContext, from: number, to: number): Promise<void> {
  for (let n = from; n < to; n++) await ctx.get(UnitOfWork).run(async (tx) => tx.publish(Probed, hubId, { n }, systemCause()));
}

async function outbox(config: CirkelConfig): Promise<{ published: number; pending: number; attempts: number; dead: number }> {
  const schema = config.database.schema;
  const [row] = (
    await db.query(
      `SELECT count(published_at)::int AS published, (count(*) - count(published_at))::int AS pending, coalesce(sum(publish_attempts), 0)::int AS attempts,
              (SELECT count(*)::int FROM "${schema}".outbox_dead_letter) AS dead
         FROM "${schema}".outbox`,
    )
  ).rows;
  return row;
}

beforeAll(async () => {
  await ensureTestDatabase();
  db = new Client({ connectionString: TEST_DATABASE_URL });
  await db.connect();
  nc = await connect({ servers: testConfig('partners', ns).nats.servers });
});

afterEach(async () => {
  await app?.close();
  app = undefined;
});

afterAll(async () => {
  await nc?.close();
  await db?.end();
  await cleanupNamespace(ns);
});

it('starts and publishes when the server refuses to change its stream in place', async () => {
  const config = testConfig('partners', ns);
  const jsm = await nc.jetstreamManager();
  const name = streamName(config.nats, 'partners');
  // Made by hand in memory: file storage cannot be set in place.
  await jsm.streams.add({ name, subjects: [`${config.nats.subjectPrefix}partners.>`], storage: StorageType.Memory });
  const { app: started } = await publisher();
  await write(started, 0, 3);
  await eventually(async () => expect(await outbox(config)).toMatchObject({ published: 3, pending: 0 }));
  expect((await jsm.streams.info(name)).config.storage).toBe(StorageType.Memory);
  await jsm.streams.delete(name);
});

it('keeps events in the outbox while the stream is full, and sends them once its limit is raised', async () => {
  const { app: full, config } = await publisher({ STREAM_MAX_MSGS: '5' });
  await db.query(`TRUNCATE "${config.database.schema}".outbox`); // the rows of the test before
  await write(full, 10, 18);
  await eventually(async () => expect(await outbox(config)).toMatchObject({ published: 5, pending: 3 }));
  await sleep(1_000); // many rounds of the relay: a full stream is waited out, not held against the rows
  expect(await outbox(config)).toEqual({ published: 5, pending: 3, attempts: 0, dead: 0 });
  await full.close();

  await publisher({ STREAM_MAX_MSGS: '100' }); // updated in place at start
  await eventually(async () => expect(await outbox(config)).toMatchObject({ published: 8, pending: 0, dead: 0 }));
});
