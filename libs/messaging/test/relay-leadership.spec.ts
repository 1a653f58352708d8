import { randomUUID } from 'node:crypto';
import { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Client } from 'pg';
import { CirkelConfig } from '@cirkel/config';
import { cleanupNamespace, ensureTestDatabase, eventually, TEST_DATABASE_URL, testConfig, testNamespace } from '@cirkel/testing';
import { MessagingOptions, OutboxRelay, systemCause, UnitOfWork } from '../src';
import { DatabaseLink } from './fixtures/database-link';
import { Probed, ProbePublisherModule } from './fixtures/probe';

/**
 * Issue 6, finding 5: relay leadership. A leader whose host vanishes (its connections left open,
 * nothing arriving) is replaced within seconds, not after TCP keepalive's two hours; and the leader
 * is woken by another replica's commit (LISTEN/NOTIFY), not by its sweep.
 */
const ns = testNamespace();
const hubId = randomUUID();
let db: Client;
let link: DatabaseLink;
const replicas: INestApplicationContext[] = [];

async function replica(config: CirkelConfig, overrides: Partial<MessagingOptions> = {}): Promise<INestApplicationContext> {
  const app = await NestFactory.createApplicationContext(ProbePublisherModule.forRoot(config, overrides), { logger: ['error'] });
  replicas.push(app);
  return app;
}

async function write(app: INestApplicationContext, from: number, to: number): Promise<void> {
  for (let n = from; n < to; n++) await app.get(UnitOfWork).run(async (tx) => tx.publish(Probed, hubId, { n }, systemCause()));
}

async function unpublished(config: CirkelConfig): Promise<number> {
  const rows = await db.query(`SELECT count(*)::int AS n FROM "${config.database.schema}".outbox WHERE published_at IS NULL`);
  return rows.rows[0].n;
}

beforeAll(async () => {
  await ensureTestDatabase();
  db = new Client({ connectionString: TEST_DATABASE_URL });
  await db.connect();
  link = await DatabaseLink.open(TEST_DATABASE_URL);
});

afterEach(async () => {
  link.resume(); // a stalled replica's queries finish, so it can close
  for (const app of replicas.splice(0)) await app.close();
});

afterAll(async () => {
  await link?.close();
  await db?.end();
  await cleanupNamespace(ns);
});

it("is woken by another replica's commit, not by its sweep", async () => {
  const config = testConfig('partners', ns);
  const slowSweep = { outboxSweepMs: 600_000 }; // only a notification can wake the leader in this test
  const leader = await replica(config, slowSweep);
  await leader.get(OutboxRelay).flush(); // leads from now on
  const follower = await replica(config, slowSweep);
  await write(follower, 0, 5);
  await eventually(async () => expect(await unpublished(config)).toBe(0), { timeoutMs: 10_000 });
}, 30_000);

it('is replaced within seconds when its host vanishes without closing its connections', async () => {
  const stranded = testConfig('partners', ns, { DATABASE_URL: link.url });
  const config = testConfig('partners', ns);
  const leader = await replica(stranded);
  await leader.get(OutboxRelay).flush(); // leads, through the link
  const follower = await replica(config);
  link.stall(); // the leader's connections stay open, and nothing arrives on them any more
  await write(follower, 100, 110);
  await eventually(async () => expect(await unpublished(config)).toBe(0), { timeoutMs: 30_000 });
}, 60_000);
