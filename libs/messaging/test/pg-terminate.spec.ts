import { randomUUID } from 'node:crypto';
import { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Client } from 'pg';
import { cleanupNamespace, ensureTestDatabase, eventually, sleep, TEST_DATABASE_URL, testConfig, testNamespace } from '@cirkel/testing';
import { OutboxRelay, systemCause, UnitOfWork } from '../src';
import { Probed, ProbePublisherModule } from './fixtures/probe';
import { ReplicaProcess, startReplica, stopReplica } from './fixtures/replica-process';

/**
 * Issue 6: Postgres connections killed mid-stream with `pg_terminate_backend`. Two replicas of a
 * publishing service (one leads the relay and commits nothing, the other commits bursts of 20
 * events 20 ms apart, 800 ms between bursts: the relay falls idle and must be woken for each) and one of a consuming one, each a process of its own; while events flow,
 * every backend of theirs is terminated three times (their pools, the relay's listening connection,
 * whatever statement runs). At the end: no process died (a pool's idle client that errors must not
 * crash it), no dead letter on either side, every committed event applied exactly once — and the
 * relays' listening connections are back: with the sweep set to a minute, the events committed after
 * the kills reach the consumer within seconds (a relay is woken by notifications, not its sweep).
 */
const ns = testNamespace();
/** The second test's: its own outbox and lease. */
const ns2 = testNamespace();
const hubId = randomUUID();
/** Every connection of this test's processes, and only theirs, carries this name (the URL's overrides the pool's). */
const appName = `cirkel-pgkill-${ns}`;
const url = `${TEST_DATABASE_URL}?application_name=${appName}`;
const SWEEP_MS = 60_000;
const publisherSchema = testConfig('partners', ns).database.schema;
const consumerSchema = testConfig('notifications', ns).database.schema;
let db: Client;
const replicas: ReplicaProcess[] = [];
const apps: INestApplicationContext[] = [];

const count = async (sql: string): Promise<number> => (await db.query(sql)).rows[0].n;

beforeAll(async () => {
  await ensureTestDatabase();
  db = new Client({ connectionString: TEST_DATABASE_URL });
  await db.connect();
});

afterAll(async () => {
  await Promise.all(replicas.map((r) => stopReplica(r)));
  for (const app of apps) await app.close().catch(() => undefined);
  await db?.end();
  await cleanupNamespace(ns);
  await cleanupNamespace(ns2);
});

it('loses nothing, applies nothing twice, dead-letters nothing and keeps waking the relay while its Postgres backends are terminated', async () => {
  const env = { CIRKEL_NAMESPACE: ns, DATABASE_URL: url, DATABASE_POOL_SIZE: '3', PROBE_HUB: hubId, PROBE_SWEEP_MS: String(SWEEP_MS), PROBE_PACE_MS: '20', PROBE_BURST: '20', PROBE_PAUSE_MS: '800' };
  const consumer = startReplica('consumer', env);
  replicas.push(consumer);
  await consumer.ready; // it makes the streams and its consumer
  // The first publisher takes the relay's lease and commits nothing: what the second commits reaches
  // it only by notification (or its sweep), never as rows of its own commits.
  const leader = startReplica('publisher', { ...env, PROBE_WRITE: '0' });
  replicas.push(leader);
  await leader.ready;
  await eventually(async () => expect(await count(`SELECT count(*)::int AS n FROM "${publisherSchema}".outbox_relay_lease`)).toBe(1));
  const writer = startReplica('publisher', env);
  replicas.push(writer);
  await writer.ready;
  const publishers = [leader, writer];
  await sleep(1_500); // events flow

  const terminated: number[] = [];
  for (let i = 0; i < 3; i++) {
    const killed = await db.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name LIKE $1 || '%' AND pid <> pg_backend_pid()`, [appName]);
    terminated.push(killed.rowCount ?? 0);
    await sleep(1_500);
  }
  // The listening connections come back a second after they are lost.
  await sleep(1_500);
  const afterKills = new Date();
  await sleep(3_000); // events committed by both replicas with every connection made anew
  for (const p of publishers) p.child.kill('SIGUSR2'); // stop writing, relay what is left

  await eventually(async () => expect(await count(`SELECT count(*)::int AS n FROM "${publisherSchema}".outbox WHERE published_at IS NULL`)).toBe(0), { timeoutMs: 20_000, intervalMs: 250 });
  const committed = await count(`SELECT count(*)::int AS n FROM "${publisherSchema}".outbox`);
  await eventually(async () => expect(await count(`SELECT count(DISTINCT event_id)::int AS n FROM "${consumerSchema}".probe_effect`)).toBe(committed), { timeoutMs: 30_000, intervalMs: 250 });

  const lost = await count(`SELECT count(*)::int AS n FROM "${publisherSchema}".outbox o WHERE NOT EXISTS (SELECT 1 FROM "${consumerSchema}".probe_effect e WHERE e.event_id = o.id)`);
  const twice = await count(`SELECT count(*)::int AS n FROM (SELECT event_id FROM "${consumerSchema}".probe_effect GROUP BY event_id HAVING count(*) > 1) t`);
  const deadLetters = await count(`SELECT count(*)::int AS n FROM "${consumerSchema}".dead_letter`);
  const outboxDead = await count(`SELECT count(*)::int AS n FROM "${publisherSchema}".outbox_dead_letter`);
  // From commit to effect, for the events committed after the kills (the database's clock on both ends).
  const latency = await db.query(
    `SELECT count(*)::int AS n, coalesce(max(extract(epoch FROM e.received_at - o.created_at) * 1000), 0)::int AS max_ms
       FROM "${publisherSchema}".outbox o JOIN "${consumerSchema}".probe_effect e ON e.event_id = o.id WHERE o.created_at > $1`,
    [afterKills],
  );
  const { n: after, max_ms: maxMs } = latency.rows[0];
  process.stdout.write(`pg-terminate: ${committed} events; backends terminated ${terminated.join(', ')}; after the kills ${after} events, slowest ${maxMs} ms from commit to effect\n`);

  expect(terminated.every((n) => n >= 3)).toBe(true); // each time at least the pools' and listeners' connections
  expect({ lost, twice, deadLetters, outboxDead }).toEqual({ lost: 0, twice: 0, deadLetters: 0, outboxDead: 0 });
  expect(after).toBeGreaterThan(20);
  expect(maxMs).toBeLessThan(SWEEP_MS / 10); // woken by notifications, not the sweep
  for (const r of replicas) expect({ exit: r.child.exitCode, signal: r.child.signalCode }).toEqual({ exit: null, signal: null }); // none crashed
}, 90_000);

it('has a replica whose listening connection was terminated try for the lease when it listens again, so a resignation it missed leaves no outbox without a leader', async () => {
  const config = (name: string) => testConfig('partners', ns2, { DATABASE_URL: `${TEST_DATABASE_URL}?application_name=${appName}-${name}` });
  const start = async (name: string): Promise<INestApplicationContext> => {
    const app = await NestFactory.createApplicationContext(ProbePublisherModule.forRoot(config(name), { outboxSweepMs: SWEEP_MS }), { logger: ['fatal'] });
    apps.push(app);
    return app;
  };
  const schema = config('a').database.schema;
  const leader = await start('a');
  await eventually(async () => expect(await count(`SELECT count(*)::int AS n FROM "${schema}".outbox_relay_lease`)).toBe(1));
  const other = await start('b');
  await eventually(async () => expect(await count(`SELECT count(*)::int AS n FROM pg_stat_activity WHERE application_name = '${appName}-b' AND query LIKE 'LISTEN%'`)).toBe(1));

  // The other replica's listening connection is terminated, and the leader resigns before it listens again (a second later).
  const killed = await db.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = $1 AND query LIKE 'LISTEN%'`, [`${appName}-b`]);
  expect(killed.rowCount).toBe(1);
  await leader.get(OutboxRelay).stop();
  await sleep(1_500); // listening again

  const from = Date.now();
  await other.get(UnitOfWork).run(async (tx) => tx.publish(Probed, hubId, { n: 1 }, systemCause()));
  await eventually(async () => expect(await count(`SELECT count(*)::int AS n FROM "${schema}".outbox WHERE published_at IS NOT NULL`)).toBe(1), { timeoutMs: 5_000, intervalMs: 50 });
  process.stdout.write(`pg-terminate: an event committed after a missed resignation published in ${Date.now() - from} ms (the sweep: ${SWEEP_MS} ms)\n`);
}, 30_000);
