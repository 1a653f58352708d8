import { randomUUID } from 'node:crypto';
import { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { DataSource } from 'typeorm';
import { cleanupNamespace, ensureTestDatabase, testConfig, testNamespace } from '@cirkel/testing';
import { OutboxRelay, systemCause, UnitOfWork } from '../src';
import { MARK_PUBLISHED, NEXT_BATCH } from '../src/outbox-relay';
import { Probed, ProbePublisherModule } from './fixtures/probe';

/**
 * The relay's marks of published rows commit without waiting for the WAL flush (a lost mark is a
 * re-send, absorbed), so no round waits on the disk; the statements that mark nothing leave the
 * transaction as it was. Seen in the transaction that runs the statement: `synchronous_commit`.
 */
const ns = testNamespace();
const hubId = randomUUID();
let publisher: INestApplicationContext;
let dataSource: DataSource;

beforeAll(async () => {
  await ensureTestDatabase();
  const config = testConfig('partners', ns);
  publisher = await NestFactory.createApplicationContext(ProbePublisherModule.forRoot(config, { outboxSweepMs: 600_000 }), { logger: ['error'] });
  dataSource = publisher.get(DataSource);
  // No relay: the rows stay pending for the statements below.
  await publisher.get(OutboxRelay).stop();
  for (const n of [1, 2, 3]) await publisher.get(UnitOfWork).run(async (tx) => tx.publish(Probed, hubId, { n }, systemCause()));
});

afterAll(async () => {
  await publisher?.close();
  await cleanupNamespace(ns);
});

/** Runs `statement` in a transaction of its own, and answers its rows with the transaction's `synchronous_commit` after it. */
async function inTransaction(statement: string, parameters: unknown[]): Promise<{ rows: { seq: string }[]; synchronousCommit: string }> {
  const runner = dataSource.createQueryRunner();
  await runner.connect();
  try {
    await runner.startTransaction();
    const rows = await runner.query(statement, parameters);
    const [{ synchronous_commit }] = await runner.query('SHOW synchronous_commit');
    await runner.commitTransaction();
    return { rows, synchronousCommit: synchronous_commit };
  } finally {
    await runner.release();
  }
}

const pendingSeqs = async (): Promise<string[]> =>
  (await dataSource.query('SELECT seq FROM outbox WHERE published_at IS NULL ORDER BY seq')).map((r: { seq: string }) => r.seq);

it('reads without marking as any transaction commits, and marks without waiting for the flush', async () => {
  const [first, second, third] = await pendingSeqs();
  const read = await inTransaction(NEXT_BATCH, ['0', [], [], 10]);
  expect(read.rows.map((r) => r.seq)).toEqual([first, second, third]);
  expect(read.synchronousCommit).toBe('on');

  const marked = await inTransaction(NEXT_BATCH, ['0', [first], [new Date()], 10]);
  expect(marked.rows.map((r) => r.seq)).toEqual([second, third]);
  expect(marked.synchronousCommit).toBe('off');
  expect(await pendingSeqs()).toEqual([second, third]);
});

it('marks alone (on flush and stop) without waiting for the flush, and only when it marks', async () => {
  const [second, third] = await pendingSeqs();
  expect((await inTransaction(MARK_PUBLISHED, [[], []])).synchronousCommit).toBe('on');
  expect((await inTransaction(MARK_PUBLISHED, [[second, third], [new Date(), new Date()]])).synchronousCommit).toBe('off');
  expect(await pendingSeqs()).toEqual([]);
});
