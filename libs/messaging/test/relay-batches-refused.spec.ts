import { randomUUID } from 'node:crypto';
import { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { connect, NatsConnection } from 'nats';
import { Client } from 'pg';
import { CirkelConfig } from '@cirkel/config';
import { cleanupNamespace, ensureTestDatabase, eventually, sleep, TEST_DATABASE_URL, testConfig, testNamespace } from '@cirkel/testing';
import { OutboxRelay } from '../src';
import { DatabaseLink } from './fixtures/database-link';
import { Probed, ProbePublisherModule } from './fixtures/probe';

/**
 * Issue 6, finding 4, as the issue asks for it: more than a batch of pending rows (1,200, batches of
 * 500) with publishes failing part-way — a subject no stream takes in the second and third batches,
 * a payload over the server's max_payload in the second. The relay neither crashes nor blocks: every
 * good row is published once, without waiting for the refused ones, which are retried with back-off
 * and then moved to `outbox_dead_letter` with their reason. And NATS cut off while the second batch
 * is on its way: waited out, nothing counted, every row in the stream once.
 */
const ns = testNamespace();
const ROWS = 1_200;
/** Row index → why JetStream refuses it. */
const REFUSED: Record<number, { subject?: string; oversize?: boolean }> = {
  520: { subject: 'ideas.probed' },
  700: { oversize: true },
  1_100: { subject: 'ideas.probed' },
};
let config: CirkelConfig;
let publisher: INestApplicationContext;
let nc: NatsConnection;
let db: Client;
/** How often each event id went out on the wire (every publish, duplicates too). */
const sent = new Map<string, number>();
const unhandled: unknown[] = [];
const onUnhandled = (reason: unknown): void => void unhandled.push(reason);

/** `count` pending rows as tx.publish writes them (data { n }, correlation id `row-<n>`), in one statement. */
async function insertRows(schema: string, hubId: string, count: number): Promise<{ rows: { id: string; correlation_id: string }[] }> {
  return db.query(
    `INSERT INTO "${schema}".outbox (id, hub_id, subject, correlation_id, envelope)
     SELECT id, $1::uuid, $2, 'row-' || n, json_build_object('id', id, 'type', $2::text, 'version', 1, 'hubId', $1::uuid, 'occurredAt', now(),
              'actor', json_build_object('kind', 'system', 'personId', null), 'correlationId', 'row-' || n, 'causationId', null, 'data', json_build_object('n', n))
       FROM (SELECT n, gen_random_uuid() AS id FROM generate_series(0, $3 - 1) AS n) AS r
     RETURNING id, correlation_id`,
    [hubId, Probed.type, count],
  );
}

beforeAll(async () => {
  await ensureTestDatabase();
  process.on('unhandledRejection', onUnhandled);
  config = testConfig('partners', ns);
  nc = await connect({ servers: config.nats.servers });
  nc.subscribe(`${config.nats.subjectPrefix}partners.>`, {
    callback: (_error, msg) => {
      const id = msg.headers?.get('Nats-Msg-Id') ?? '';
      sent.set(id, (sent.get(id) ?? 0) + 1);
    },
  });
  db = new Client({ connectionString: TEST_DATABASE_URL });
  await db.connect();
  // Retries a second, then two: the good rows must be out long before the refused ones are given up.
  publisher = await NestFactory.createApplicationContext(ProbePublisherModule.forRoot(config, { relayMaxAttempts: 3, relayRetryBaseMs: 1_000, outboxSweepMs: 100 }), {
    logger: ['fatal'],
  });
});

afterAll(async () => {
  process.off('unhandledRejection', onUnhandled);
  await publisher?.close();
  await nc?.close();
  await db?.end();
  await cleanupNamespace(ns);
});

it('publishes every good row of 1,200 once while rows of the second and third batches are refused, then gives those up with their reason', async () => {
  const relay = publisher.get(OutboxRelay);
  await relay.stop(); // the rows go in first, the relay sees them all at once
  const schema = config.database.schema;
  const hubId = randomUUID();
  const inserted = await insertRows(schema, hubId, ROWS);
  const idOf = new Map<number, string>(inserted.rows.map((r) => [Number(r.correlation_id.slice(4)), r.id]));
  for (const [n, why] of Object.entries(REFUSED)) {
    if (why.subject) await db.query(`UPDATE "${schema}".outbox SET subject = $2 WHERE correlation_id = $1`, [`row-${n}`, why.subject]);
    // Over the server's max_payload (1 MiB by default): the client refuses it before it is sent.
    if (why.oversize) await db.query(`UPDATE "${schema}".outbox SET envelope = json_build_object('id', id, 'padding', repeat('x', 1100000)) WHERE correlation_id = $1`, [`row-${n}`]);
  }
  const refusedIds = Object.keys(REFUSED).map((n) => idOf.get(Number(n))!);
  const goodIds = [...idOf.values()].filter((id) => !refusedIds.includes(id));
  relay.start();

  // Not blocked: every good row is published while the refused ones still wait for their next try.
  await eventually(async () => expect(goodIds.filter((id) => !sent.has(id))).toEqual([]), { timeoutMs: 15_000, intervalMs: 50 });
  const given = await db.query(`SELECT count(*)::int AS n FROM "${schema}".outbox_dead_letter`);
  expect(given.rows[0].n).toBe(0);
  // Refused, counted, and waiting in the outbox for their next try.
  await eventually(async () => {
    const waiting = await db.query(`SELECT publish_attempts FROM "${schema}".outbox WHERE id = ANY($1::uuid[]) AND published_at IS NULL`, [refusedIds]);
    expect(waiting.rows).toHaveLength(3);
    for (const row of waiting.rows) expect(row.publish_attempts).toBeGreaterThanOrEqual(1);
  });

  // Then given up, each with its reason, after three refusals.
  await eventually(
    async () => {
      const letters = await db.query(`SELECT id, subject, publish_attempts, reason FROM "${schema}".outbox_dead_letter ORDER BY seq`);
      expect(letters.rows).toEqual([
        { id: refusedIds[0], subject: 'ideas.probed', publish_attempts: 3, reason: expect.stringMatching(/503/) },
        { id: refusedIds[1], subject: Probed.type, publish_attempts: 3, reason: expect.stringMatching(/MAX_PAYLOAD|payload/i) },
        { id: refusedIds[2], subject: 'ideas.probed', publish_attempts: 3, reason: expect.stringMatching(/503/) },
      ]);
    },
    { timeoutMs: 30_000, intervalMs: 100 },
  );
  const left = await db.query(`SELECT count(*)::int AS n FROM "${schema}".outbox WHERE published_at IS NULL`);
  expect(left.rows[0].n).toBe(0);
  await nc.flush();
  await sleep(300); // the last of what was on the wire arrives
  expect(goodIds.filter((id) => sent.get(id) !== 1)).toEqual([]); // each published exactly once
  const stream = await (await nc.jetstreamManager()).streams.info(`${config.nats.streamPrefix}PARTNERS`);
  expect(stream.state.messages).toBe(ROWS - 3);
  expect(unhandled).toEqual([]);
}, 60_000);

it('waits out NATS cut off while the second of three batches is on its way: every row in the stream once, nothing counted against a row', async () => {
  const ns2 = testNamespace();
  const link = await DatabaseLink.open(config.nats.servers[0]); // a TCP link to NATS the test can cut
  const config2 = testConfig('partners', ns2, { NATS_URL: link.url });
  const app = await NestFactory.createApplicationContext(ProbePublisherModule.forRoot(config2, { outboxSweepMs: 100 }), { logger: ['fatal'] });
  try {
    const relay = app.get(OutboxRelay);
    await relay.stop();
    const schema = config2.database.schema;
    const ids = (await insertRows(schema, randomUUID(), ROWS)).rows.map((r) => r.id);
    // The link stops forwarding part-way (about 300 KB: the first batch and some of the second), then is cut.
    link.stallAfter(300_000);
    const jsm = await nc.jetstreamManager();
    const stream = `${config2.nats.streamPrefix}PARTNERS`;
    relay.start();
    await eventually(async () => expect((await jsm.streams.info(stream)).state.messages).toBeGreaterThan(0), { timeoutMs: 15_000, intervalMs: 10 });
    await sleep(300); // what got through is stored
    const before = (await jsm.streams.info(stream)).state.messages;
    await link.cut();
    await sleep(1_500); // NATS unreachable: the relay's rounds end, nothing is counted
    await link.restore();

    await eventually(async () => expect((await jsm.streams.info(stream)).state.messages).toBe(ROWS), { timeoutMs: 30_000, intervalMs: 100 });
    await eventually(async () => expect((await db.query(`SELECT count(*)::int AS n FROM "${schema}".outbox WHERE published_at IS NULL`)).rows[0].n).toBe(0), { timeoutMs: 10_000 });
    const counted = await db.query(`SELECT count(*)::int AS n FROM "${schema}".outbox WHERE publish_attempts > 0 OR last_error IS NOT NULL`);
    const letters = await db.query(`SELECT count(*)::int AS n FROM "${schema}".outbox_dead_letter`);
    process.stdout.write(`relay-batches-refused: NATS cut with ${before} of ${ROWS} rows in the stream; all ${ROWS} there once afterwards\n`);
    expect(before).toBeLessThan(ROWS); // the cut came while rows were on their way
    expect({ counted: counted.rows[0].n, letters: letters.rows[0].n, ids: ids.length }).toEqual({ counted: 0, letters: 0, ids: ROWS });
    expect(unhandled).toEqual([]);
  } finally {
    await app.close();
    await link.close();
    await cleanupNamespace(ns2);
  }
}, 60_000);
