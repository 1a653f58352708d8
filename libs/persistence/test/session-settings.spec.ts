import { DataSource } from 'typeorm';
import { cleanupNamespace, ensureTestDatabase, testConfig, testNamespace } from '@cirkel/testing';
import { dataSourceOptions, IDLE_IN_TRANSACTION_TIMEOUT_MS } from '../src';

/**
 * A service's sessions are ended by PostgreSQL when idle in a transaction for a minute: such a
 * session holds its locks and holds back the cleanup of dead rows in every schema (the outbox
 * relay's reads then grow with every row published). Its search_path is its own schema.
 */
const ns = testNamespace();
let db: DataSource | undefined;

beforeAll(async () => {
  await ensureTestDatabase();
  db = await new DataSource(dataSourceOptions(testConfig('ideas', ns), { entities: [], migrations: [] })).initialize();
});

afterAll(async () => {
  await db?.destroy();
  await cleanupNamespace(ns);
});

it('ends a session idle in a transaction after a minute, and reads its own schema first', async () => {
  const [{ idle_in_transaction_session_timeout: timeout }] = await db!.query('SHOW idle_in_transaction_session_timeout');
  expect(timeout).toBe(`${IDLE_IN_TRANSACTION_TIMEOUT_MS / 60_000}min`);
  const [{ search_path: path }] = await db!.query('SHOW search_path');
  expect(path).toBe(`${ns}_ideas,public`);
});
