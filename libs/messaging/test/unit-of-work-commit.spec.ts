import { randomUUID } from 'node:crypto';
import { Socket } from 'node:net';
import { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { DataSource } from 'typeorm';
import { cleanupNamespace, ensureTestDatabase, testConfig, testNamespace } from '@cirkel/testing';
import { systemCause, UnitOfWork } from '../src';
import { Probed, ProbePublisherModule } from './fixtures/probe';

/**
 * A unit of work's outbox write, its transaction's last statement, is sent and not awaited: the
 * COMMIT follows it on the pipelined connection (libs/persistence BeginWithFirstStatementClient), so a
 * one-event transaction — START TRANSACTION, the outbox write, COMMIT — is one round trip. A write
 * that fails still fails the unit of work, with its own error, and commits nothing.
 */
const ns = testNamespace();
const hubId = randomUUID();
let publisher: INestApplicationContext;

beforeAll(async () => {
  await ensureTestDatabase();
  // Two connections (migrating takes both), each watched.
  const config = testConfig('partners', ns, { DATABASE_POOL_SIZE: '2' });
  publisher = await NestFactory.createApplicationContext(ProbePublisherModule.forRoot(config, { outboxSweepMs: 600_000 }), { logger: ['error'] });
  await publisher.get(DataSource).query('CREATE TABLE uow_effect (n int NOT NULL)');
});

afterAll(async () => {
  await publisher?.close();
  await cleanupNamespace(ns);
});

/** What each of the pool's connections wrote (the text of each write), with `'answer'` where answers came in between. */
async function traffic(work: () => Promise<unknown>): Promise<string[][]> {
  const dataSource = publisher.get(DataSource);
  const runners = [dataSource.createQueryRunner(), dataSource.createQueryRunner()];
  const streams = await Promise.all(runners.map(async (r) => ((await r.connect()) as { connection: { stream: Socket } }).connection.stream));
  await Promise.all(runners.map((r) => r.release()));
  const undo = streams.map((stream) => {
    const seen: string[] = [];
    const { write } = stream;
    const answered = (): void => void seen.push('answer');
    stream.write = function (this: Socket, chunk: unknown, ...rest: unknown[]) {
      seen.push(Buffer.isBuffer(chunk) ? chunk.toString('latin1') : String(chunk));
      return (write as (...a: unknown[]) => boolean).call(this, chunk, ...rest);
    } as Socket['write'];
    stream.prependListener('data', answered);
    return { seen, restore: () => ((stream.write = write), stream.off('data', answered)) };
  });
  try {
    await work();
  } finally {
    for (const u of undo) u.restore();
  }
  return undo.map((u) => u.seen);
}

it('sends START TRANSACTION, the outbox write and COMMIT before any answer: one round trip', async () => {
  const uow = publisher.get(UnitOfWork);
  const connections = await traffic(() => uow.run(async (tx) => tx.publish(Probed, hubId, { n: 1 }, systemCause())));
  const seen = connections.find((writes) => writes.some((w) => w.includes('START TRANSACTION'))) ?? [];
  const start = seen.findIndex((w) => w.includes('START TRANSACTION'));
  const commit = seen.findIndex((w) => w.includes('COMMIT'));
  expect(start).toBeGreaterThanOrEqual(0);
  expect(seen.slice(start, commit).some((w) => w.includes('INSERT INTO outbox'))).toBe(true);
  // No answer came in between: the three left together.
  expect(seen.slice(start, commit)).not.toContain('answer');
  expect(await publisher.get(DataSource).query(`SELECT count(*)::int AS n FROM outbox WHERE envelope->'data'->>'n' = '1'`)).toEqual([{ n: 1 }]);
});

it('fails with the outbox write’s own error when it fails, and commits nothing of the transaction', async () => {
  const uow = publisher.get(UnitOfWork);
  await expect(
    uow.run(async (tx) => {
      await tx.manager.query('INSERT INTO uow_effect (n) VALUES (2)');
      tx.publish(Probed, 'not-a-hub-id', { n: 2 }, systemCause()); // the write's uuid[] cast refuses it
    }),
  ).rejects.toThrow(/invalid input syntax for type uuid/);
  const dataSource = publisher.get(DataSource);
  expect(await dataSource.query('SELECT count(*)::int AS n FROM uow_effect')).toEqual([{ n: 0 }]);
  // The connection goes on, outside any transaction.
  await uow.run(async (tx) => {
    await tx.manager.query('INSERT INTO uow_effect (n) VALUES (3)');
    tx.publish(Probed, hubId, { n: 3 }, systemCause());
  });
  expect(await dataSource.query('SELECT n FROM uow_effect')).toEqual([{ n: 3 }]);
});
