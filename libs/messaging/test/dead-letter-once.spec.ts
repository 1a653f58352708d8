import { randomUUID } from 'node:crypto';
import { connect } from 'nats';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { loadConfig } from '@cirkel/config';
import { dataSourceOptions, migrate } from '@cirkel/persistence';
import { cleanupNamespace, ensureTestDatabase, eventually, sleep, TEST_DATABASE_URL, testConfig, testNamespace } from '@cirkel/testing';
import { consumerName, MESSAGING_MIGRATIONS } from '../src';
import { DeadLetterRepository, NewDeadLetter } from '../src/dead-letters/dead-letter.repository';
import { ProbeConsumerModule, Probed } from './fixtures/probe';
import { probeDeadLetters, publishProbe } from './fixtures/probe-events';
import { createProbeService } from './fixtures/probe-service';

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

it('keeps one row when the service dies between writing the letter and terminating the message (the message comes back and is given up on again)', async () => {
  const ns = testNamespace();
  const config = testConfig('notifications', ns);
  // The first letter is written, then the "crash": the message is not terminated and comes back.
  const record = DeadLetterRepository.prototype.record;
  let crashes = 1;
  const spy = jest.spyOn(DeadLetterRepository.prototype, 'record').mockImplementation(async function (this: DeadLetterRepository, letter: NewDeadLetter) {
    await record.call(this, letter);
    if (crashes-- > 0) throw new Error('the process died after writing the dead letter');
  });
  const app = await createProbeService(ProbeConsumerModule.forRoot(config), config);
  const nc = await connect({ servers: config.nats.servers });
  const db = new Client({ connectionString: TEST_DATABASE_URL });
  await db.connect();
  try {
    await app.init();
    await publishProbe(nc, config, randomUUID(), { n: 1, fail: 'permanently' });
    await eventually(() => expect(spy).toHaveBeenCalledTimes(2), { timeoutMs: 15_000 });
    const consumer = () => nc.jetstreamManager().then((jsm) => jsm.consumers.info(`${config.nats.streamPrefix}PARTNERS`, consumerName('notifications', Probed.type)));
    await eventually(async () => expect(await consumer()).toMatchObject({ num_ack_pending: 0, num_pending: 0 }), { timeoutMs: 15_000 });
    await sleep(300);
    expect(await probeDeadLetters(db, config)).toEqual([{ event_type: Probed.type, reason: 'probe 1 can never be processed', deliveries: 2 }]); // one row, the second delivery's
  } finally {
    spy.mockRestore();
    await app.close();
    await nc.close();
    await db.end();
    await cleanupNamespace(ns);
  }
});
