import { Socket } from 'node:net';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { cleanupNamespace, ensureTestDatabase, TEST_DATABASE_URL, testConfig, testNamespace } from '@cirkel/testing';
import { dataSourceOptions, TransactionRolledBackError } from '../src';

/**
 * A transaction's `START TRANSACTION` leaves with its first statement (BeginWithFirstStatementClient):
 * counted as the socket writes that reach the network (a write while the socket is corked is held
 * until it is uncorked), which is what a round trip costs the client and wakes the server for.
 */
const ns = testNamespace();
const sources: DataSource[] = [];

async function open(startWithFirstStatement: 'on' | 'off', poolSize = 2): Promise<DataSource> {
  const config = testConfig('partners', ns, { DATABASE_POOL_SIZE: String(poolSize), DATABASE_START_WITH_FIRST_STATEMENT: startWithFirstStatement });
  const db = await new DataSource(dataSourceOptions(config, { entities: [], migrations: [] })).initialize();
  sources.push(db);
  return db;
}

/** Counts the socket writes that leave the process while `work` runs on a query runner of `db`. */
async function socketWrites(db: DataSource, work: (db: DataSource) => Promise<unknown>): Promise<number> {
  // One connection in the pool, made before counting: the count is of this work alone.
  const runner = db.createQueryRunner();
  const client = (await runner.connect()) as Client & { connection: { stream: Socket } };
  await runner.release();
  const stream = client.connection.stream;
  let corked = 0;
  let flushes = 0;
  const { write, cork, uncork } = stream;
  stream.cork = function (this: Socket) {
    corked++;
    return cork.call(this);
  };
  stream.uncork = function (this: Socket) {
    if (--corked === 0) flushes++;
    return uncork.call(this);
  };
  stream.write = function (this: Socket, ...args: unknown[]) {
    if (corked === 0) flushes++;
    return (write as (...a: unknown[]) => boolean).apply(this, args);
  } as Socket['write'];
  try {
    await work(db);
  } finally {
    Object.assign(stream, { write, cork, uncork });
  }
  return flushes;
}

beforeAll(async () => {
  await ensureTestDatabase();
  const db = await open('on');
  await db.query(`CREATE SCHEMA IF NOT EXISTS "${ns}_partners"`);
  await db.query(`CREATE TABLE "${ns}_partners".pipelined (n int NOT NULL)`);
});

afterAll(async () => {
  await Promise.all(sources.map((db) => db.destroy()));
  await cleanupNamespace(ns);
});

const insert = (db: DataSource, n: number) => db.transaction((tx) => tx.query('INSERT INTO pipelined (n) VALUES ($1)', [n]));
const count = async (n: number): Promise<number> => {
  // From a connection of its own: only what was committed shows.
  const reader = new Client({ connectionString: TEST_DATABASE_URL });
  await reader.connect();
  try {
    const { rows } = await reader.query(`SELECT count(*)::int AS c FROM "${ns}_partners".pipelined WHERE n = $1`, [n]);
    return rows[0].c as number;
  } finally {
    await reader.end();
  }
};

it('sends a one-statement transaction in two socket writes (start and statement together, then COMMIT), against three', async () => {
  const pipelined = await open('on', 1);
  const apart = await open('off', 1);
  expect(await socketWrites(pipelined, (db) => insert(db, 1))).toBe(2);
  expect(await socketWrites(apart, (db) => insert(db, 2))).toBe(3);
  expect(await count(1)).toBe(1);
  expect(await count(2)).toBe(1);
});

it('rolls back a transaction whose first statement fails, and the connection goes on outside any transaction', async () => {
  const db = await open('on', 1);
  await expect(db.transaction((tx) => tx.query('INSERT INTO no_such_table VALUES (1)'))).rejects.toThrow(/no_such_table/);
  await expect(
    db.transaction(async (tx) => {
      await tx.query('INSERT INTO pipelined (n) VALUES (3)');
      throw new Error('changed its mind');
    }),
  ).rejects.toThrow('changed its mind');
  expect(await count(3)).toBe(0);
  await db.query('INSERT INTO pipelined (n) VALUES (4)'); // autocommit: visible at once if no transaction was left open
  expect(await count(4)).toBe(1);
});

it('sends nothing for a transaction without statements, and a client given back forgets a start it has not sent', async () => {
  const db = await open('on', 1);
  expect(await socketWrites(db, (d) => d.transaction(async () => undefined))).toBe(0);
  const runner = db.createQueryRunner();
  await runner.startTransaction();
  await runner.release(); // neither committed nor rolled back: nothing was sent
  await db.query('INSERT INTO pipelined (n) VALUES (5)'); // the same (only) connection of the pool
  expect(await count(5)).toBe(1);
});

it('fails a COMMIT that PostgreSQL answers with ROLLBACK (a statement pipelined ahead of it failed), instead of reporting a commit', async () => {
  const db = await open('on', 1);
  const runner = db.createQueryRunner();
  const client = (await runner.connect()) as Client;
  try {
    await client.query('START TRANSACTION');
    const failing = client.query('SELECT 1 / 0'); // sent, not awaited: the COMMIT follows it
    const committing = client.query('COMMIT');
    await expect(failing).rejects.toThrow(/division by zero/);
    await expect(committing).rejects.toThrow(TransactionRolledBackError);
  } finally {
    await runner.release();
  }
});
