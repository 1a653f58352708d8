import { randomUUID } from 'node:crypto';
import { connect, NatsConnection } from 'nats';
import { Client } from 'pg';
import { CirkelConfig } from '@cirkel/config';
import { cleanupNamespace, ensureTestDatabase, eventually, TEST_DATABASE_URL, testConfig, testNamespace } from '@cirkel/testing';
import { sendRequestPacket } from '../src';
import { SlowProbe } from './fixtures/slow-probe';
import { publishProbe, range } from './fixtures/probe-events';
import { ReplicaProcess, startReplica, stopReplica } from './fixtures/replica-process';

/**
 * Issue 6, finding 6: SIGTERM with a batch in flight, as a real signal to a real process. Two
 * consumer replicas (processes, batches of 10, a slow handler: 150 ms an event, an ack wait of a
 * minute) hold every one of 60 events between them; one gets SIGTERM. It finishes the batch in
 * hand, hands back (nak) what it had received and not begun, and exits within a batch's time;
 * the other replica applies what it handed back at once — long before the ack wait would have
 * brought it back — and every event is applied exactly once, none dead-lettered.
 */
const ns = testNamespace();
const hubId = randomUUID();
const EVENTS = 60;
const SLOW_MS = 150;
const BATCH = 10;
const ACK_WAIT_MS = 60_000;
const appName = `cirkel-sigterm-${ns}`;
let config: CirkelConfig;
let nc: NatsConnection;
let db: Client;
const replicas: ReplicaProcess[] = [];

beforeAll(async () => {
  await ensureTestDatabase();
  config = testConfig('notifications', ns);
  nc = await connect({ servers: config.nats.servers });
  db = new Client({ connectionString: TEST_DATABASE_URL });
  await db.connect();
});

afterAll(async () => {
  await Promise.all(replicas.map((r) => stopReplica(r)));
  await nc?.close();
  await db?.end();
  await cleanupNamespace(ns);
});

it('finishes the batch in hand on SIGTERM, exits within a batch, and hands back the rest for the other replica to apply once', async () => {
  const env = (name: string) => ({
    CIRKEL_NAMESPACE: ns,
    DATABASE_URL: `${TEST_DATABASE_URL}?application_name=${appName}-${name}`,
    PROBE_BATCH: String(BATCH),
    PROBE_ACK_WAIT_MS: String(ACK_WAIT_MS),
  });
  const first = startReplica('consumer', env('a'));
  replicas.push(first);
  await first.ready; // makes the stream and the consumer
  const second = startReplica('consumer', env('b'));
  replicas.push(second);
  await second.ready;

  for (const n of range(0, EVENTS)) await publishProbe(nc, config, hubId, { n, slowMs: SLOW_MS });
  // Both replicas hold events: a batch in hand, one waiting, one pulled (about three batches each).
  const jsm = await nc.jetstreamManager();
  const held = async (): Promise<number> => {
    let pending = 0;
    for await (const c of jsm.consumers.list(`${config.nats.streamPrefix}PARTNERS`)) pending += c.num_ack_pending;
    return pending;
  };
  await eventually(async () => expect(await held()).toBeGreaterThanOrEqual(EVENTS - BATCH), { timeoutMs: 10_000, intervalMs: 20 });

  const from = performance.now();
  first.child.kill('SIGTERM');
  await first.exited;
  const exitMs = performance.now() - from;

  const applied = async () => (await db.query(`SELECT n, applied_by FROM "${config.database.schema}".probe_effect ORDER BY n`)).rows as { n: number; applied_by: string }[];
  await eventually(async () => expect((await applied()).map((r) => r.n)).toEqual(range(0, EVENTS)), { timeoutMs: 20_000, intervalMs: 100 });
  const doneMs = performance.now() - from;
  const rows = await applied();
  const byFirst = rows.filter((r) => r.applied_by === `${appName}-a`).length;
  const deadLetters = (await db.query(`SELECT count(*)::int AS n FROM "${config.database.schema}".dead_letter`)).rows[0].n;
  process.stdout.write(
    `sigterm: replica a exited ${Math.round(exitMs)} ms after SIGTERM, having applied ${byFirst} events; all ${EVENTS} applied ${Math.round(doneMs)} ms after SIGTERM (ack wait ${ACK_WAIT_MS} ms)\n`,
  );

  expect({ code: first.child.exitCode, signal: first.child.signalCode }).toEqual({ code: null, signal: 'SIGTERM' }); // closed, then ended by the signal as Nest does
  expect(exitMs).toBeLessThan(BATCH * SLOW_MS + 5_000); // the batch in hand, then the close
  expect(byFirst).toBeGreaterThanOrEqual(BATCH); // it finished the batch it had begun
  expect(byFirst).toBeLessThan(EVENTS / 2); // and left what it held but had not begun
  expect(rows).toHaveLength(EVENTS); // each once
  expect(deadLetters).toBe(0);
  expect(doneMs).toBeLessThan(ACK_WAIT_MS / 3); // handed back, not redelivered after the ack wait
}, 60_000);

it('answers the request it has begun when SIGTERM comes, takes no new one, and exits once it has answered', async () => {
  await Promise.all(replicas.map((r) => stopReplica(r))); // the first test's replica answers these too
  const replica = startReplica('consumer', { CIRKEL_NAMESPACE: ns, DATABASE_URL: TEST_DATABASE_URL });
  replicas.push(replica);
  await replica.ready;
  const ask = (n: number, ms: number) =>
    sendRequestPacket(nc, config.nats.subjectPrefix, SlowProbe.pattern, { version: 1, token: null, hubId: null, correlationId: `c${n}`, data: { n, ms } }, 5_000);
  let answeredAt = Number.POSITIVE_INFINITY;
  const begun = ask(1, 1_500).then((answer) => {
    answeredAt = performance.now();
    return answer;
  });
  await eventually(() => expect(replica.lines).toContain('begun 1'), { intervalMs: 10 });

  const from = performance.now();
  replica.child.kill('SIGTERM');
  // Once the signal is handled, no replica takes a request (the subscription is drained) ...
  let n = 2;
  await eventually(async () => expect(await ask(n++, 0).then(() => 'answered', (error: Error) => error.message)).toMatch(/503|no responders/i), { intervalMs: 20 });
  const refusedAt = performance.now();
  // ... while the one in progress is still answered.
  await expect(begun).resolves.toEqual(expect.objectContaining({ response: { n: 1 } }));
  await replica.exited;
  const exitMs = performance.now() - from;
  process.stdout.write(`sigterm: new requests refused ${Math.round(refusedAt - from)} ms after SIGTERM, the one in progress answered after ${Math.round(answeredAt - from)} ms, exited after ${Math.round(exitMs)} ms\n`);
  expect(refusedAt).toBeLessThan(answeredAt);
  expect(replica.child.signalCode).toBe('SIGTERM');
  expect(exitMs).toBeLessThan(5_000);
}, 30_000);
