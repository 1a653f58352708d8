import { DataSource } from 'typeorm';
import { loadConfig } from '@cirkel/config';
import { dataSourceOptions, migrate } from '@cirkel/persistence';
import { cleanupNamespace, ensureTestDatabase, TEST_DATABASE_URL, testNamespace } from '@cirkel/testing';
import { MESSAGING_MIGRATIONS } from '../src';
import { DeadLetterRepository, NewDeadLetter } from '../src/dead-letters/dead-letter.repository';

/** A message given up on twice (its termination lost in a crash) is one dead letter, not two. */
const namespace = testNamespace();
let dataSource: DataSource;
let letters: DeadLetterRepository;

beforeAll(async () => {
  await ensureTestDatabase();
  const config = loadConfig('notifications', { CIRKEL_NAMESPACE: namespace, DATABASE_URL: TEST_DATABASE_URL, DATABASE_POOL_SIZE: '2' });
  dataSource = await new DataSource(dataSourceOptions(config, { entities: [], migrations: MESSAGING_MIGRATIONS })).initialize();
  await migrate(dataSource);
  letters = new DeadLetterRepository(dataSource);
});

afterAll(async () => {
  await dataSource?.destroy();
  await cleanupNamespace(namespace);
});

const letter = (overrides: Partial<NewDeadLetter> = {}): NewDeadLetter => ({
  consumer: 'notifications',
  stream: 'PARTNERS',
  streamSeq: 7,
  subject: 'partners.probed',
  eventId: null,
  eventType: 'partners.probed',
  hubId: '01a21c6e-0000-7000-8000-0000000000ff',
  payload: '{"n":7}',
  reason: 'failed 5 times',
  deliveries: 5,
  ...overrides,
});

const rows = () => dataSource.query('SELECT stream_seq, reason, deliveries, replayed_at FROM dead_letter ORDER BY id');

it('keeps one row per message when the same message is given up on again, with its latest reason', async () => {
  await letters.record(letter());
  await letters.record(letter({ reason: 'failed 6 times', deliveries: 6 }));
  expect(await rows()).toEqual([{ stream_seq: '7', reason: 'failed 6 times', deliveries: 6, replayed_at: null }]);
});

it('opens a replayed letter again when its message fails anew, and keeps apart another message that reuses the sequence', async () => {
  await dataSource.query('UPDATE dead_letter SET replayed_at = now()');
  await letters.record(letter({ reason: 'still failing' }));
  await letters.record(letter({ payload: '{"n":700}', reason: 'a stream made anew numbers from 1 again' }));
  expect(await rows()).toEqual([
    { stream_seq: '7', reason: 'still failing', deliveries: 6, replayed_at: null },
    { stream_seq: '7', reason: 'a stream made anew numbers from 1 again', deliveries: 5, replayed_at: null },
  ]);
});
