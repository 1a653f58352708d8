import { randomUUID } from 'node:crypto';
import { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { connect, NatsConnection } from 'nats';
import { DataSource } from 'typeorm';
import { CirkelConfig } from '@cirkel/config';
import { cleanupNamespace, ensureTestDatabase, eventually, testConfig, testNamespace } from '@cirkel/testing';
import { OutboxRelay, streamName, systemCause, UnitOfWork } from '../src';
import { NEXT_BATCH } from '../src/outbox-relay';
import { Probed, ProbePublisherModule } from './fixtures/probe';

/**
 * The relay of the replica that leads sends what its own replica commits as the commit wrote it
 * (the envelope as the outbox holds it), without reading the outbox back: a read only
 * for what others committed, the sweep, and the marks, which come together a moment later.
 */
const ns = testNamespace();
const hubId = randomUUID();
let config: CirkelConfig;
let nc: NatsConnection;
let publisher: INestApplicationContext;

beforeAll(async () => {
  await ensureTestDatabase();
  config = testConfig('partners', ns);
  nc = await connect({ servers: config.nats.servers });
  publisher = await NestFactory.createApplicationContext(ProbePublisherModule.forRoot(config, { outboxSweepMs: 600_000 }), { logger: ['error'] });
  await publisher.get(OutboxRelay).flush(); // leads, and the stream exists
});

afterAll(async () => {
  await publisher?.close();
  await nc?.close();
  await cleanupNamespace(ns);
});

it('sends each commit of its own replica without a read, as written, and marks them together later', async () => {
  const dataSource = publisher.get(DataSource);
  const reads = jest.spyOn(dataSource, 'query');
  const readCount = () => reads.mock.calls.filter(([statement]) => statement === NEXT_BATCH).length;
  const stream = streamName(config.nats, 'partners');
  const jsm = await nc.jetstreamManager();

  for (let n = 1; n <= 20; n++) await publisher.get(UnitOfWork).run(async (tx) => tx.publish(Probed, hubId, { n }, systemCause()));
  await eventually(async () => expect((await jsm.streams.info(stream)).state.messages).toBe(20), { timeoutMs: 5_000, intervalMs: 20 });
  await eventually(async () => expect(await dataSource.query('SELECT count(*)::int AS n FROM outbox WHERE published_at IS NULL')).toEqual([{ n: 0 }]), {
    timeoutMs: 5_000,
    intervalMs: 50,
  });
  // Twenty commits sent and marked with a read for the marks every 250 ms (MARK_AFTER_MS), not one a commit.
  expect(readCount()).toBeGreaterThanOrEqual(1);
  expect(readCount()).toBeLessThanOrEqual(4);

  // The message is the row as committed.
  const [row] = await dataSource.query(`SELECT seq, envelope::text AS envelope FROM outbox ORDER BY seq DESC LIMIT 1`);
  const last = await jsm.streams.getMessage(stream, { last_by_subj: `${config.nats.subjectPrefix}${Probed.type}` });
  expect(new TextDecoder().decode(last.data)).toBe(row.envelope);
  reads.mockRestore();
});

it('still reads what it was not handed: a row committed outside UnitOfWork (as by another replica) goes out on the next read', async () => {
  const dataSource = publisher.get(DataSource);
  const stream = streamName(config.nats, 'partners');
  const jsm = await nc.jetstreamManager();
  const before = (await jsm.streams.info(stream)).state.messages;
  const [row] = await dataSource.query(`SELECT envelope::text AS envelope FROM outbox ORDER BY seq DESC LIMIT 1`);
  const envelope = { ...JSON.parse(row.envelope), id: randomUUID() };
  await dataSource.query(`INSERT INTO outbox (id, hub_id, subject, correlation_id, envelope) VALUES ($1, $2, $3, $4, $5)`, [
    envelope.id,
    hubId,
    Probed.type,
    envelope.correlationId,
    JSON.stringify(envelope),
  ]);
  publisher.get(OutboxRelay).kick(); // as the leader's listener does on another replica's notification
  await eventually(async () => expect((await jsm.streams.info(stream)).state.messages).toBe(before + 1), { timeoutMs: 5_000, intervalMs: 20 });
});
