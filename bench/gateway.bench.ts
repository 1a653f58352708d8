/**
 * Measures the gateway's read path against a bare route, under the same load, in the same run.
 *
 *   npm run bench:gateway -- [--duration 10] [--rounds 5] [--warmup 3] [--connections 50] [--compiled] [--cpu-prof DIR] [--app-node-flags '…']
 *
 * Gateway: `GET /api/v1/organisations/{id}` with a bearer token, through the gateway (token check,
 * request over NATS), partners (envelope, fresh roles, the organisation's view) and Postgres.
 * Bare: plain Fastify → one NATS request/reply → a plain `pg` responder reading the same row
 * (bench/gateway-bare.ts). Floor: the same with NestJS and none of our code — a Nest Fastify
 * controller → Nest's NATS client → a Nest NATS microservice → the same query (bench/gateway-floor.ts):
 * what the mandated framework alone costs. Each side is two processes (HTTP in front, NATS responder behind), run
 * as `npm start` runs the apps: separate processes, so the load generator here shares no event
 * loop with them. `--compiled` runs the apps from their build (`dist/apps/<app>`, `nx run <app>:build`)
 * as `npm start` does, instead of from TypeScript through @swc-node as `npm run dev` does;
 * `--cpu-prof DIR` writes a CPU profile of the gateway and partners into DIR when they stop (read it
 * with bench/cpuprofile-top.ts).
 *
 * The three are measured in turns (--rounds turns of duration/rounds seconds each), so that both see
 * the same background load when other work shares the machine. Besides rates and latencies it
 * prints the queries per GET and the CPU each process spent per request, which move much less than
 * rates when the machine is busy with other work.
 *
 * Everything runs in a namespace and a database of its own (schemas, subjects, streams), removed at the end.
 */
import { ChildProcess, spawn } from 'node:child_process';
import { generateKeyPairSync, randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import jwt from 'jsonwebtoken';
import { Client } from 'pg';
import { cleanupNamespace, freePort, TEST_DATABASE_URL, testNamespace } from '@cirkel/testing';
import { combined, cpuBetween, cpuPerRequest, cpuSnapshot, Figures, load, writesOf, writesPerRequest } from './measure';

const { values: args } = parseArgs({
  options: {
    duration: { type: 'string', default: '10' },
    rounds: { type: 'string', default: '5' },
    warmup: { type: 'string', default: '3' },
    connections: { type: 'string', default: '50' },
    compiled: { type: 'boolean', default: false },
    'cpu-prof': { type: 'string' },
    'app-node-flags': { type: 'string' },
  },
});
const DURATION_S = Number(args.duration);
const ROUNDS = Number(args.rounds);
const WARMUP_S = Number(args.warmup);
const CONNECTIONS = Number(args.connections);
const ROOT = path.resolve(__dirname, '..');
/** The gateway's device cookie key of this run (production refuses to start without one). */
const DEVICE_COOKIE_KEY = `${randomUUID()}${randomUUID()}`;
/** Key pairs of the run's own (production refuses the development pairs). */
const keyPair = () => generateKeyPairSync('ec', { namedCurve: 'prime256v1', publicKeyEncoding: { type: 'spki', format: 'pem' }, privateKeyEncoding: { type: 'pkcs8', format: 'pem' } });
const KEYS = keyPair();
const SERVICE_KEYS = { notifications: keyPair(), coaching: keyPair() };
const PASSWORD_KEYS = keyPair();

// A database of its own, so that its transaction count is the apps' queries and nobody else's.
const namespace = testNamespace();
const DATABASE = `bench_${namespace}`;
const databaseUrl = (name: string) => {
  const url = new URL(TEST_DATABASE_URL);
  url.pathname = `/${name}`;
  return url.toString();
};
const DATABASE_URL = databaseUrl(DATABASE);

interface Child {
  name: string;
  process: ChildProcess;
  output: string[];
}

const children: Child[] = [];

function launch(name: string, args: string[], env: Record<string, string>, extraNodeArgs: string[] = []): Child {
  const child = spawn(process.execPath, [...extraNodeArgs, ...args], { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  const output: string[] = [];
  const keep = (chunk: Buffer) => {
    output.push(chunk.toString());
    if (output.length > 200) output.shift();
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const entry = { name, process: child, output };
  children.push(entry);
  return entry;
}

/**
 * The Node flags deploy/local/apps.js runs the apps with (`npm start`, `npm run dev`): small
 * young-generation semi-spaces, for idle memory. `--app-node-flags ''` runs them with V8's defaults
 * (the bare route's and the floor's processes always run with them).
 */
const APP_NODE_FLAGS = (args['app-node-flags'] ?? '--max-semi-space-size=8').split(' ').filter(Boolean);

/** An app as `npm run dev` runs it, from TypeScript (@swc-node), or with `--compiled` as `npm start` does, from its build. */
function launchApp(app: 'gateway' | 'partners', env: Record<string, string>): Child {
  const profile = args['cpu-prof'] ? ['--cpu-prof', `--cpu-prof-dir=${path.resolve(args['cpu-prof'])}`, `--cpu-prof-name=${app}.cpuprofile`] : [];
  profile.unshift(...APP_NODE_FLAGS);
  if (args.compiled) {
    const main = path.join('dist', 'apps', app, 'apps', app, 'src', 'main.js');
    if (!existsSync(path.join(ROOT, main))) throw new Error(`${main} is missing: build it first (NX_NO_CLOUD=true NX_DAEMON=false npx nx run ${app}:build)`);
    return launch(app, ['-r', './deploy/register-paths.js', main], env, profile);
  }
  return launch(app, ['-r', '@swc-node/register', `apps/${app}/src/main.ts`], env, profile);
}

async function stopAll(): Promise<void> {
  await Promise.all(
    children.splice(0).map(async ({ process: child }) => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    }),
  );
}

async function until(what: string, child: Child, check: () => Promise<boolean>, timeoutMs = 90_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.process.exitCode !== null) throw new Error(`${child.name} exited with ${child.process.exitCode}:\n${child.output.join('').slice(-3000)}`);
    if (await check().catch(() => false)) return;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`${what} not within ${timeoutMs / 1000} s:\n${child.output.join('').slice(-3000)}`);
}

const healthy = (port: number) => async () => (await fetch(`http://127.0.0.1:${port}/health/ready`)).ok;
const saidReady = (child: Child) => async () => child.output.join('').includes('ready\n');

async function call(url: string, init: { method?: string; body?: unknown; token?: string } = {}): Promise<any> {
  const res = await fetch(url, {
    method: init.method ?? 'GET',
    headers: { 'content-type': 'application/json', ...(init.token ? { authorization: `Bearer ${init.token}` } : {}) },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
  const body = await res.json();
  if (!res.ok) throw new Error(`${init.method ?? 'GET'} ${url}: ${res.status} ${JSON.stringify(body)}`);
  return body;
}

/**
 * Transactions committed in the bench's database: with autocommit, one per query. A busy backend
 * reports its statistics at most once a second, an idle one within 10 s (PostgreSQL 15), so this
 * waits that long first.
 */
async function transactions(db: Client): Promise<number> {
  await new Promise((resolve) => setTimeout(resolve, 11_000));
  const { rows } = await db.query<{ n: string }>('SELECT xact_commit + xact_rollback AS n FROM pg_stat_database WHERE datname = $1', [DATABASE]);
  return Number(rows[0].n);
}

async function createDatabase(): Promise<void> {
  const admin = new Client({ connectionString: databaseUrl('postgres') });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${DATABASE}"`).finally(() => admin.end());
}

async function dropDatabase(): Promise<void> {
  const admin = new Client({ connectionString: databaseUrl('postgres') });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS "${DATABASE}" WITH (FORCE)`).finally(() => admin.end());
}

async function cleanup(): Promise<void> {
  await stopAll();
  await cleanupNamespace(namespace, { database: DATABASE_URL, nats: process.env.NATS_URL ?? 'nats://127.0.0.1:4222', redis: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379' }).catch(() => undefined);
  await dropDatabase();
}

async function main(): Promise<void> {
  await createDatabase();
  const partnersSchema = `${namespace}_partners`;
  const db = new Client({ connectionString: DATABASE_URL });
  await db.connect();
  const [gatewayPort, partnersPort, barePort, floorPort] = await Promise.all([freePort(), freePort(), freePort(), freePort()]);
  process.stdout.write(
    `gateway read path vs bare route and floor: ${CONNECTIONS} connections, ${WARMUP_S} s warm-up, ${DURATION_S} s each in ${ROUNDS} turns, apps ${args.compiled ? 'compiled (dist/)' : 'from TypeScript (@swc-node)'} with node flags '${APP_NODE_FLAGS.join(' ')}', namespace ${namespace}\n`,
  );
  try {
    const appEnv = (port: number): Record<string, string> => ({
      NODE_ENV: 'production',
      CIRKEL_NAMESPACE: namespace,
      DATABASE_URL,
      PORT: String(port),
      PUBLIC_URL: `http://127.0.0.1:${gatewayPort}`,
      JWT_PUBLIC_KEY: KEYS.publicKey,
      JWT_PRIVATE_KEY: KEYS.privateKey,
      JWT_SERVICE_PUBLIC_KEY_NOTIFICATIONS: SERVICE_KEYS.notifications.publicKey,
      JWT_SERVICE_PUBLIC_KEY_COACHING: SERVICE_KEYS.coaching.publicKey,
      PASSWORD_PUBLIC_KEY: PASSWORD_KEYS.publicKey,
      PASSWORD_PRIVATE_KEY: PASSWORD_KEYS.privateKey,
      DEVICE_COOKIE_KEY: DEVICE_COOKIE_KEY,
      // production needs a NATS account; the machine's development server admits anyone and checks none
      NATS_USER: 'bench',
      NATS_PASSWORD: 'not-checked-by-a-server-without-accounts',
      ACCESS_TOKEN_TTL_SECONDS: '3600',
      LOG_LEVEL: 'warn',
    });
    process.stdout.write('starting partners and the gateway…\n');
    const partners = launchApp('partners', appEnv(partnersPort));
    await until('partners ready', partners, healthy(partnersPort));
    const gateway = launchApp('gateway', appEnv(gatewayPort));
    await until('gateway ready', gateway, healthy(gatewayPort));

    // Written straight into partners' tables (the read path is measured, not how the data got there):
    // a hub, a pending organisation with its org admin, the hub's charter, signed by it — the view of
    // the organisation has everything a GET can show. The admin's access token is signed here with
    // the gateway's private key, as its login would (no login flow, no password).
    const [hubId, organisationId, personId] = [randomUUID(), randomUUID(), randomUUID()];
    const insert = (table: string, row: Record<string, unknown>) =>
      db.query(`INSERT INTO "${partnersSchema}".${table} (${Object.keys(row).join(', ')}) VALUES (${Object.keys(row).map((_, i) => `$${i + 1}`).join(', ')})`, Object.values(row));
    await insert('hub', { id: hubId, slug: 'bench', name: 'Bench' });
    await insert('person', { id: personId, hub_id: hubId, name: 'Bench Person', email: `bench-${namespace}@cirkel.test`, password_hash: 'none', language: 'nl' });
    await insert('organisation', { id: organisationId, hub_id: hubId, name: 'Kringwinkel Bench', type: 'social', work_domains: ['green', 'care'], status: 'pending' });
    await insert('membership', { hub_id: hubId, person_id: personId, organisation_id: organisationId, role: 'org_admin' });
    await insert('charter', { id: randomUUID(), hub_id: hubId, version: 1, text_nl: 'Samen circulair.', text_en: 'Circular together.', published_by: personId });
    await insert('charter_signature', { organisation_id: organisationId, charter_version: 1, hub_id: hubId, signed_by: personId });
    const api = `http://127.0.0.1:${gatewayPort}/api/v1`;
    const accessToken = jwt.sign({ sub: personId, hubId, hubRoles: [], memberships: [{ organisationId, role: 'org_admin' }] }, KEYS.privateKey, {
      algorithm: 'ES256',
      issuer: 'cirkel',
      audience: 'cirkel-api',
      expiresIn: 3600,
    });
    const view = await call(`${api}/organisations/${organisationId}`, { token: accessToken });
    if (!view.charter || !view.members?.length) throw new Error(`the organisation's view lacks its charter or members: ${JSON.stringify(view)}`);

    /** A side of two processes (bench/<script> http and responder), answering GET /organisations/:id?hub= on `port`. */
    const startSide = async (side: string, script: string, env: Record<string, string>, port: number) => {
      process.stdout.write(`starting the ${side}…\n`);
      const responder = launch(`${side} responder`, ['-r', '@swc-node/register', script, 'responder'], { ...env, BARE_SCHEMA: partnersSchema, DATABASE_URL });
      await until(`${side} responder ready`, responder, saidReady(responder));
      const http = launch(`${side} http`, ['-r', '@swc-node/register', script, 'http'], { ...env, PORT: String(port) });
      await until(`${side} http ready`, http, saidReady(http));
      const url = `http://127.0.0.1:${port}/organisations/${organisationId}?hub=${hubId}`;
      await call(url);
      return { responder, http, url };
    };
    const bareSide = await startSide('bare', 'bench/gateway-bare.ts', { BARE_SUBJECT: `${namespace}.bare.get-organisation` }, barePort);
    const floorSide = await startSide('floor', 'bench/gateway-floor.ts', { FLOOR_PATTERN: `${namespace}.floor.get-organisation` }, floorPort);
    const [bareUrl, floorUrl] = [bareSide.url, floorSide.url];

    const gatewayUrl = `${api}/organisations/${organisationId}`;
    const auth = { authorization: `Bearer ${accessToken}` };
    const processes = { gateway, partners, 'bare http': bareSide.http, 'bare responder': bareSide.responder, 'floor http': floorSide.http, 'floor responder': floorSide.responder };
    const snapshot = () => cpuSnapshot(db, DATABASE, processes);
    process.stdout.write(`warm-up, ${WARMUP_S} s each…\n`);
    await load('bare warm-up', bareUrl, {}, WARMUP_S, CONNECTIONS);
    await load('floor warm-up', floorUrl, {}, WARMUP_S, CONNECTIONS);
    // The gateway's warm-up counts its queries: nothing else reads the database then, and an idle
    // backend reports its statistics up to 10 s late, hence the waits. The second wait also gives
    // the CPU the processes use while nothing is asked (the relay's sweeps, JetStream pulls, pings,
    // V8's threads), taken off the figures under load.
    const before = await transactions(db);
    const counted = await load('gateway warm-up', gatewayUrl, auth, WARMUP_S, CONNECTIONS);
    const idleFrom = { at: performance.now(), cpu: await snapshot() };
    const queriesPerGet = ((await transactions(db)) - before) / Math.max(1, counted.requests);
    const idle = { ms: performance.now() - idleFrom.at, cpu: await snapshot(), from: idleFrom.cpu };
    const idleMsPerS = (name: string) => (cpuBetween(idle.from, idle.cpu, name) / idle.ms) * 1000;

    const turn = DURATION_S / ROUNDS;
    process.stdout.write(`gateway, bare route and floor in turns, ${ROUNDS} × ${turn} s each…\n`);
    const gwRuns: Figures[] = [];
    const bareRuns: Figures[] = [];
    const floorRuns: Figures[] = [];
    const gwCpu: Record<string, number> = {};
    const bareCpu: Record<string, number> = {};
    const floorCpu: Record<string, number> = {};
    const writes: Record<string, number> = {};
    const measure = async (label: string, url: string, headers: Record<string, string>, runs: Figures[], cpu: Record<string, number>) => {
      const from = await snapshot();
      const writesFrom = Object.entries(processes).map(([name, child]) => [name, writesOf(child.process.pid)] as const);
      runs.push(await load(label, url, headers, turn, CONNECTIONS));
      const to = await snapshot();
      for (const name of Object.keys(to)) cpu[name] = (cpu[name] ?? 0) + cpuBetween(from, to, name);
      for (const [name, before] of writesFrom) writes[name] = (writes[name] ?? 0) + writesOf(processes[name as keyof typeof processes].process.pid) - before;
    };
    for (let round = 1; round <= ROUNDS; round++) {
      await measure(`gateway ${round}/${ROUNDS}`, gatewayUrl, auth, gwRuns, gwCpu);
      await measure(`bare ${round}/${ROUNDS}`, bareUrl, {}, bareRuns, bareCpu);
      await measure(`floor ${round}/${ROUNDS}`, floorUrl, {}, floorRuns, floorCpu);
    }
    const gw = combined(gwRuns);
    const bare = combined(bareRuns);
    const floor = combined(floorRuns);

    const f = (x: number) => Math.round(x).toLocaleString('en');
    process.stdout.write(
      [
        '',
        `bare route:  ${f(bare.rate)} req/s, p50 ${f(bare.p50)} ms, p99 ${f(bare.p99)} ms (${f(bare.requests)} requests${bare.failures ? `, ${bare.failures} failed` : ''})`,
        `floor (Nest): ${f(floor.rate)} req/s, p50 ${f(floor.p50)} ms, p99 ${f(floor.p99)} ms (${f(floor.requests)} requests${floor.failures ? `, ${floor.failures} failed` : ''})`,
        `gateway:     ${f(gw.rate)} req/s, p50 ${f(gw.p50)} ms, p99 ${f(gw.p99)} ms (${f(gw.requests)} requests${gw.failures ? `, ${gw.failures} failed` : ''})`,
        `Postgres transactions per gateway GET (one per query): ${queriesPerGet.toFixed(2)}`,
        `CPU ms per request, gateway side: ${cpuPerRequest(gwCpu, ['gateway', 'partners', 'postgres for partners', 'postgres for the gateway'], gw, idleMsPerS)}`,
        `CPU ms per request, bare side:    ${cpuPerRequest(bareCpu, ['bare http', 'bare responder', 'postgres for bare'], bare, idleMsPerS)}`,
        `CPU ms per request, floor side:   ${cpuPerRequest(floorCpu, ['floor http', 'floor responder', 'postgres for floor'], floor, idleMsPerS)}`,
        `write syscalls per request: ${writesPerRequest(writes, ['gateway', 'partners'], gw)}; ${writesPerRequest(writes, ['bare http', 'bare responder'], bare)}; ${writesPerRequest(writes, ['floor http', 'floor responder'], floor)}`,
        `CPU ms per second at idle (taken off the above): ${['gateway', 'partners'].map((n) => `${n} ${idleMsPerS(n).toFixed(1)}`).join(', ')}`,
        `floor ratio (floor / bare): ${(floor.rate / bare.rate).toFixed(2)}, p99 ${(floor.p99 / bare.p99).toFixed(2)}`,
        `p99 ratio (gateway / bare): ${(gw.p99 / bare.p99).toFixed(2)}`,
        `ratio: ${(gw.rate / bare.rate).toFixed(2)}`,
        '',
      ].join('\n'),
    );
    if (gw.failures || bare.failures || floor.failures) throw new Error(`failed requests: gateway ${gw.failures}, bare ${bare.failures}, floor ${floor.failures}`);
  } finally {
    await db.end();
    await cleanup();
  }
}

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    process.stderr.write(`${signal}: stopping the apps and removing the namespace…\n`);
    void cleanup().finally(() => process.exit(130));
  });
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`benchmark failed: ${(error as Error).stack ?? String(error)}\nIs PostgreSQL, NATS and Redis running? (see README)\n`);
    process.exit(1);
  },
);
