import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { promisify } from 'node:util';
import { connect, NatsConnection } from 'nats';
import { DataSource } from 'typeorm';
import { CirkelConfig } from '@cirkel/config';
import { RolesChanged } from '@cirkel/contracts';
import { ensureStreams, MESSAGING_MIGRATIONS, streamName } from '@cirkel/messaging';
import { dataSourceOptions, migrate } from '@cirkel/persistence';
import { cleanupNamespace, ensureTestDatabase, testConfig, testEnvironment, testEvent, testNamespace } from '@cirkel/testing';

/** `npm run republish` after a lost NATS store: the outbox's published rows of the range go back into the stream, once. */
const ROOT = path.resolve(__dirname, '../..');
const run = promisify(execFile);
const namespace = testNamespace();
let config: CirkelConfig;
let dataSource: DataSource;
let nc: NatsConnection;

const naming = () => ({ subjectPrefix: config.nats.subjectPrefix, streamPrefix: config.nats.streamPrefix });

function republish(...args: string[]) {
  return run(process.execPath, ['-r', '@swc-node/register', 'tools/republish.ts', ...args], {
    cwd: ROOT,
    env: { ...process.env, ...testEnvironment(namespace) },
  });
}

/** Writes outbox rows as the relay leaves them: `published` ago or still pending. */
async function outboxRows(count: number, createdDaysAgo: number, published: boolean): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    const event = testEvent(RolesChanged, randomUUID(), { personId: randomUUID(), name: 'Mieke', language: 'nl', hubRoles: ['mentor'] }, { aggregateVersion: 1 });
    await dataSource.query(
      `INSERT INTO outbox (id, hub_id, subject, correlation_id, envelope, created_at, published_at)
       VALUES ($1, $2, $3, $4, $5::json, now() - make_interval(days => $6), CASE WHEN $7 THEN now() END)`,
      [event.id, event.hubId, event.type, event.correlationId, JSON.stringify(event), createdDaysAgo, published],
    );
    ids.push(event.id);
  }
  return ids;
}

async function idsInStream(): Promise<string[]> {
  const jsm = await nc.jetstreamManager();
  const stream = streamName(naming(), 'partners');
  const { state } = await jsm.streams.info(stream);
  const ids: string[] = [];
  for (let seq = state.first_seq; seq <= state.last_seq && state.messages > 0; seq++) {
    const message = await jsm.streams.getMessage(stream, { seq });
    ids.push(message.json<{ id: string }>().id);
  }
  return ids;
}

beforeAll(async () => {
  await ensureTestDatabase();
  config = testConfig('partners', namespace);
  dataSource = await new DataSource(dataSourceOptions(config, { entities: [], migrations: MESSAGING_MIGRATIONS })).initialize();
  await migrate(dataSource);
  nc = await connect({ servers: config.nats.servers });
  // The store was lost: the stream is there again, empty.
  await ensureStreams(await nc.jetstreamManager(), naming(), ['partners'], 30);
});

afterAll(async () => {
  await nc?.close();
  await dataSource?.destroy();
  await cleanupNamespace(namespace);
});

it('sends the published rows of the range again, in outbox order, and only those; a second run adds nothing', async () => {
  await outboxRows(3, 5, true); // before the range
  const inRange = await outboxRows(12, 1, true);
  await outboxRows(2, 0, false); // pending: the relay's, not republish's

  const since = new Date(Date.now() - 2 * 24 * 3600 * 1000).toISOString();
  const first = await republish('--service', 'partners', '--since', since);
  expect(first.stdout).toContain('done, 12 events of partners');
  expect(first.stdout).toContain('0 of them dropped by the stream as duplicates');
  expect(await idsInStream()).toEqual(inRange);

  const second = await republish('--service', 'partners', '--since', since);
  expect(second.stdout).toContain('12 of them dropped by the stream as duplicates');
  expect(await idsInStream()).toEqual(inRange);
});

it('refuses a run without a range or with an unknown service, and says how to call it', async () => {
  const noSince = republish('--service', 'partners');
  await expect(noSince).rejects.toMatchObject({ code: 2, stderr: expect.stringContaining('--since is required') });
  const gateway = republish('--service', 'gateway', '--since', '2026-11-01T00:00:00Z');
  await expect(gateway).rejects.toMatchObject({ code: 2, stderr: expect.stringContaining('usage: npm run republish') });
  const badTime = republish('--service', 'partners', '--since', 'yesterday');
  await expect(badTime).rejects.toMatchObject({ code: 2, stderr: expect.stringContaining('--since is not a time') });
});
