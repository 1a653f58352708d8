import { ChildProcess, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { connect, NatsConnection } from 'nats';
import { Client } from 'pg';
import { cleanupNamespace, ensureTestDatabase, eventually, PrivateNatsCluster, sleep, TEST_DATABASE_URL, testConfig, testNamespace } from '@cirkel/testing';
import { streamName } from '../src';

/**
 * Issue 6, production shape: three nats-servers clustered with JetStream, R3 streams, two replicas
 * of a publishing service and two of a consuming one, each a process of its own. While events flow,
 * the PARTNERS stream's leader node and one replica of each service are killed (SIGKILL); the node
 * loses its store. The other two nodes elect a new leader and events keep flowing while it is down
 * (with R1 streams they would stop: the stream lived on the killed node); then everything comes back,
 * the node on an empty store, and catches up from the others. Every event committed has its effect
 * exactly once; the test prints what the inbox absorbed.
 */
const ns = testNamespace();
const hubId = randomUUID();
const publisherSchema = testConfig('partners', ns).database.schema;
const consumerSchema = testConfig('notifications', ns).database.schema;
let cluster: PrivateNatsCluster;
let db: Client;
/** The test's own connection to the cluster (closed in afterAll, also when the test fails: it reconnects forever). */
let nc: NatsConnection | undefined;
const running = new Set<Replica>();
let absorbed = 0;

interface Replica {
  child: ChildProcess;
  ready: Promise<void>;
  exited: Promise<unknown>;
}

function replica(role: 'publisher' | 'consumer', base = 0): Replica {
  const child = spawn(process.execPath, ['-r', '@swc-node/register', path.join(__dirname, 'fixtures/cluster-replica.ts')], {
    env: { ...process.env, CIRKEL_NAMESPACE: ns, DATABASE_URL: TEST_DATABASE_URL, DATABASE_POOL_SIZE: '4', NATS_URL: cluster.url, NATS_STREAM_REPLICAS: '3', PROBE_ROLE: role, PROBE_HUB: hubId, PROBE_BASE: String(base), LOG_LEVEL: 'error' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const exited = new Promise((resolve) => child.once('exit', resolve));
  const ready = new Promise<void>((resolve, reject) => {
    createInterface({ input: child.stdout! }).on('line', (line) => {
      if (line === 'ready') resolve();
      const count = /^absorbed (\d+)$/.exec(line);
      if (count) absorbed += Number(count[1]);
    });
    void exited.then(() => reject(new Error(`a ${role} replica exited before it was ready`)));
  });
  const started: Replica = { child, ready, exited };
  running.add(started);
  void exited.then(() => running.delete(started));
  return started;
}

async function kill(r: Replica, signal: NodeJS.Signals = 'SIGKILL'): Promise<void> {
  r.child.kill(signal);
  await r.exited;
}

async function count(sql: string): Promise<number> {
  return (await db.query(sql)).rows[0].n;
}

beforeAll(async () => {
  await ensureTestDatabase();
  db = new Client({ connectionString: TEST_DATABASE_URL });
  await db.connect();
  cluster = await PrivateNatsCluster.start(3);
}, 60_000);

afterAll(async () => {
  await nc?.close();
  await Promise.all([...running].map((r) => kill(r)));
  await db?.end();
  await cluster?.stop();
  await cleanupNamespace(ns);
});

it('applies every event exactly once while a NATS node and a replica of each service are killed and brought back', async () => {
  // One after the other, as a rolling start would: the first makes the streams and consumers.
  const consumers = [replica('consumer')];
  await consumers[0].ready;
  consumers.push(replica('consumer'));
  const publishers = [replica('publisher', 0), replica('publisher', 1_000_000)];
  await Promise.all([...consumers, ...publishers].map((r) => r.ready));
  await sleep(3_000); // events flow

  const stream = streamName(testConfig('partners', ns).nats, 'partners');
  nc = await connect({ servers: cluster.url.split(','), maxReconnectAttempts: -1 });
  const jsm = await nc.jetstreamManager();
  const before = await jsm.streams.info(stream);
  // R3 as configured (NATS_STREAM_REPLICAS), the consumers too (they inherit the stream's replicas).
  expect(before.config.num_replicas).toBe(3);
  expect(before.cluster?.replicas).toHaveLength(2);
  const durables = await jsm.consumers.list(stream).next();
  expect(durables.length).toBeGreaterThan(0);
  for (const c of durables) expect(c.cluster?.replicas).toHaveLength(2);
  const leader = before.cluster!.leader!;
  const node = cluster.nodes[Number(leader.slice(1)) - 1];
  await Promise.all([node.killAndLoseStore(), kill(publishers[0]), kill(consumers[0])]);

  // On two nodes, one replica of each: a new leader, and events still applied while the node is down.
  const effects = () => count(`SELECT count(*)::int AS n FROM "${consumerSchema}".probe_effect`);
  const whenKilled = await effects();
  let newLeader: string | undefined;
  await eventually(
    async () => {
      newLeader = (await jsm.streams.info(stream)).cluster?.leader;
      expect(newLeader).toBeDefined();
      expect(newLeader).not.toBe(leader);
      expect(await effects()).toBeGreaterThan(whenKilled + 100);
    },
    { timeoutMs: 20_000, intervalMs: 250 },
  );
  const whileDown = (await effects()) - whenKilled;

  await node.restart(); // an empty store: it catches up from the other two
  const back = [replica('publisher', 2_000_000), replica('consumer')];
  await Promise.all(back.map((r) => r.ready));
  await sleep(3_000);
  for (const r of [publishers[1], back[0]]) r.child.kill('SIGUSR2'); // stop writing, relay what is left

  const events = () => count(`SELECT count(*)::int AS n FROM "${publisherSchema}".outbox`);
  await eventually(async () => expect(await count(`SELECT count(*)::int AS n FROM "${publisherSchema}".outbox WHERE published_at IS NULL`)).toBe(0), { timeoutMs: 60_000, intervalMs: 500 });
  const committed = await events();
  await eventually(async () => expect(await count(`SELECT count(DISTINCT event_id)::int AS n FROM "${consumerSchema}".probe_effect`)).toBe(committed), { timeoutMs: 60_000, intervalMs: 500 });

  // The node that lost its store holds the stream again, current with the others.
  await eventually(
    async () => {
      const replicas = (await jsm.streams.info(stream)).cluster?.replicas ?? [];
      expect(replicas.map((r) => [r.name, r.current]).filter(([name]) => name === leader)).toEqual([[leader, true]]);
    },
    { timeoutMs: 30_000, intervalMs: 500 },
  );

  const lost = await count(`SELECT count(*)::int AS n FROM "${publisherSchema}".outbox o WHERE NOT EXISTS (SELECT 1 FROM "${consumerSchema}".probe_effect e WHERE e.event_id = o.id)`);
  const twice = await count(`SELECT count(*)::int AS n FROM (SELECT event_id FROM "${consumerSchema}".probe_effect GROUP BY event_id HAVING count(*) > 1) t`);
  const deadLetters = await count(`SELECT count(*)::int AS n FROM "${consumerSchema}".dead_letter`);
  const outboxDead = await count(`SELECT count(*)::int AS n FROM "${publisherSchema}".outbox_dead_letter`);
  process.stdout.write(
    `cluster test: ${committed} events, R3; killed (SIGKILL) NATS node ${leader} (the PARTNERS stream's leader) and lost its store, 1 of 2 publishers, 1 of 2 consumers; ${newLeader} led while it was down and ${whileDown} events were applied meanwhile; all brought back, ${leader} on an empty store and caught up; duplicates absorbed by the inbox: ${absorbed}; lost: ${lost}; applied twice: ${twice}; dead letters: ${deadLetters + outboxDead}\n`,
  );
  expect({ lost, twice, deadLetters, outboxDead }).toEqual({ lost: 0, twice: 0, deadLetters: 0, outboxDead: 0 });
  expect(committed).toBeGreaterThan(100);
}, 115_000);
