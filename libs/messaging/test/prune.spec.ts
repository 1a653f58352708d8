import { randomUUID } from 'node:crypto';
import { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Client } from 'pg';
import { CirkelConfig } from '@cirkel/config';
import { cleanupNamespace, ensureTestDatabase, eventually, TEST_DATABASE_URL, testConfig, testNamespace } from '@cirkel/testing';
import { EventTransport, inboxRetentionDays } from '../src';
import { ProbeConsumerModule, ProbePublisherModule } from './fixtures/probe';
import { createProbeService } from './fixtures/probe-service';

/**
 * Growth (issue 6, finding 8): the relay prunes outbox rows published more than seven days ago and
 * never a row not yet published, however old; the consumer forgets failure counts (`handler_failure`)
 * as it forgets inbox ids. Rows with old timestamps are written directly, then one prune runs.
 */
const ns = testNamespace();
let db: Client;
const apps: INestApplicationContext[] = [];

const startPublisher = async (config: CirkelConfig): Promise<INestApplicationContext> => {
  const app = await NestFactory.createApplicationContext(ProbePublisherModule.forRoot(config), { logger: ['fatal'] });
  apps.push(app);
  return app;
};

beforeAll(async () => {
  await ensureTestDatabase();
  db = new Client({ connectionString: TEST_DATABASE_URL });
  await db.connect();
});

afterAll(async () => {
  for (const app of apps) await app.close().catch(() => undefined);
  await db?.end();
  await cleanupNamespace(ns);
});

it('prunes outbox rows published more than seven days ago, and keeps younger ones and every unpublished row', async () => {
  const config = testConfig('partners', ns);
  const schema = config.database.schema;
  await (await startPublisher(config)).close(); // its migrations make the outbox; its first round pruned an empty one
  const row = async (label: string, createdDaysAgo: number, publishedDaysAgo: number | null, waiting = false): Promise<void> => {
    const id = randomUUID();
    const envelope = { id, type: 'partners.probed', version: 1, hubId: randomUUID(), data: { label } };
    await db.query(
      `INSERT INTO "${schema}".outbox (id, hub_id, subject, correlation_id, envelope, created_at, published_at, publish_attempts, next_attempt_at)
       VALUES ($1, $2, 'partners.probed', $3, $4::json, now() - $5 * interval '1 day', now() - $6 * interval '1 day', $7, $8)`,
      [id, envelope.hubId, label, JSON.stringify(envelope), createdDaysAgo, publishedDaysAgo, waiting ? 1 : 0, waiting ? new Date(Date.now() + 3_600_000) : null],
    );
  };
  await row('published 30 days ago', 30, 30);
  await row('published 7.5 days ago', 8, 7.5);
  await row('published 6.5 days ago', 8, 6.5);
  await row('published today', 0, 0);
  // Refused once and waiting an hour for its next try: pending, so the relay's round leaves it alone.
  await row('pending for 30 days', 30, null, true);

  await startPublisher(config); // a new leader prunes on its first round
  const labels = async (): Promise<string[]> => (await db.query(`SELECT correlation_id FROM "${schema}".outbox ORDER BY created_at, correlation_id`)).rows.map((r) => r.correlation_id);
  await eventually(async () => expect(await labels()).toEqual(['pending for 30 days', 'published 6.5 days ago', 'published today']), { timeoutMs: 10_000, intervalMs: 100 });
});

it('forgets handler failure counts last touched longer ago than the inbox keeps ids, and keeps younger ones', async () => {
  const config = testConfig('notifications', ns, { STREAM_MAX_AGE_DAYS: '10' });
  const keep = inboxRetentionDays({ streamMaxAgeDays: 10 }); // as long as the inbox keeps ids
  const consumer: NestFastifyApplication = await createProbeService(ProbeConsumerModule.forRoot(config), config);
  apps.push(consumer);
  await consumer.init();
  const schema = config.database.schema;
  for (const daysAgo of [0, keep - 0.5, keep + 0.5, keep + 30]) {
    await db.query(
      `INSERT INTO "${schema}".handler_failure (consumer, event_id, failures, last_error, updated_at) VALUES ('notifications', $1, 2, $2, now() - $3 * interval '1 day')`,
      [randomUUID(), `touched ${daysAgo} days ago`, daysAgo],
    );
  }
  await consumer.get(EventTransport).server!.pruneInbox();
  const left = await db.query(`SELECT last_error FROM "${schema}".handler_failure ORDER BY updated_at DESC`);
  expect(left.rows.map((r) => r.last_error)).toEqual(['touched 0 days ago', `touched ${keep - 0.5} days ago`]);
});
