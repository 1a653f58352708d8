import { spawn } from 'node:child_process';
import path from 'node:path';
import { Client } from 'pg';
import { cleanupNamespace, ensureTestDatabase, TEST_DATABASE_URL, testNamespace } from '@cirkel/testing';

/**
 * The relay with more than a batch of rows JetStream refuses: a batch's rejection that comes back
 * while the relay reads the next batch must not kill the process (Node ends on an unhandled
 * rejection), and nothing is lost: the rows stay pending for the next round.
 */
const ns = testNamespace();

beforeAll(() => ensureTestDatabase());
afterAll(() => cleanupNamespace(ns));

it('keeps relaying, and the rows pending, when JetStream refuses publishes while the next batch is read', async () => {
  const child = spawn(process.execPath, ['-r', '@swc-node/register', path.join(__dirname, 'fixtures/refused-publisher.ts')], {
    env: { ...process.env, CIRKEL_NAMESPACE: ns, DATABASE_URL: TEST_DATABASE_URL, PROBE_COUNT: '200', LOG_LEVEL: 'fatal' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk) => (output += chunk));
  child.stderr.on('data', (chunk) => (output += chunk));
  const code = await new Promise<number | null>((resolve) => child.on('exit', (exitCode) => resolve(exitCode)));
  expect({ code, output: output.slice(-600) }).toEqual({ code: 0, output: 'alive\n' });

  const db = new Client({ connectionString: TEST_DATABASE_URL });
  await db.connect();
  try {
    const pending = await db.query(`SELECT count(*)::int AS n FROM "${ns}_partners".outbox WHERE published_at IS NULL`);
    expect(pending.rows[0].n).toBe(200);
  } finally {
    await db.end();
  }
}, 60_000);
