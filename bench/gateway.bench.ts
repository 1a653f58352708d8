/**
 * Measures the gateway's read path against a bare route, under the same load, in the same run.
 *
 *   npm run bench:gateway -- [--duration 10] [--rounds 5] [--warmup 3] [--connections 50] [--compiled] [--cpu-prof DIR]
 *
 * Gateway: `GET /api/v1/organisations/{id}` with a bearer token, through the gateway (token check,
 * request over NATS), partners (envelope, fresh roles, the organisation's view) and Postgres.
 * Bare: plain Fastify → one NATS request/reply → a plain `pg` responder reading the same row
 * (bench/gateway-bare.ts). Each side is two processes (HTTP in front, NATS responder behind), run
 * as `npm start` runs the apps: separate processes, so the load generator here shares no event
 * loop with them. `--compiled` runs the apps from their build (`dist/apps/<app>`, `nx run <app>:build`)
 * as `npm start` does, instead of from TypeScript through @swc-node as `npm run dev` does;
 * `--cpu-prof DIR` writes a CPU profile of the gateway and partners into DIR when they stop (read it
 * with bench/cpuprofile-top.ts).
 *
 * The two are measured in turns (--rounds turns of duration/rounds seconds each), so that both see
 * the same background load when other work shares the machine. Besides rates and latencies it
 * prints the queries per GET and the CPU each process spent per request, which move much less than
 * rates when the machine is busy with other work.
 *
 * Everything runs in a namespace and a database of its own (schemas, subjects, streams), removed at the end.
 */
import { ChildProcess, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { Client } from 'pg';
import { cleanupNamespace, freePort, TEST_DATABASE_URL, testNamespace } from '@cirkel/testing';

const { values: args } = parseArgs({
  options: {
    duration: { type: 'string', default: '10' },
    rounds: { type: 'string', default: '5' },
    warmup: { type: 'string', default: '3' },
    connections: { type: 'string', default: '50' },
    compiled: { type: 'boolean', default: false },
    'cpu-prof': { type: 'string' },
  },
});
const DURATION_S = Number(args.duration);
const ROUNDS = Number(args.rounds);
const WARMUP_S = Number(args.warmup);
const CONNECTIONS = Number(args.connections);
const ROOT = path.resolve(__dirname, '..');
const JWT_SECRET = 'bench-gateway-secret-of-at-least-32-characters';

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

/** The Node flags deploy/local/apps.js runs the apps with (`npm start`, `npm run dev`): small young-generation semi-spaces. */
const APP_NODE_FLAGS = ['--max-semi-space-size=4'];

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

interface Figures {
  requests: number;
  answered: number;
  failures: number;
  /** How long the load ran. */
  seconds: number;
  /** Of every answered request, in ms. */
  latencies: number[];
}

function combined(runs: Figures[]): Figures & { rate: number; p50: number; p99: number } {
  const all: Figures = {
    requests: runs.reduce((n, r) => n + r.requests, 0),
    answered: runs.reduce((n, r) => n + r.answered, 0),
    failures: runs.reduce((n, r) => n + r.failures, 0),
    seconds: runs.reduce((n, r) => n + r.seconds, 0),
    latencies: runs.flatMap((r) => r.latencies).sort((a, b) => a - b),
  };
  const at = (p: number) => all.latencies[Math.min(all.latencies.length - 1, Math.floor(p * all.latencies.length))] ?? NaN;
  return { ...all, rate: all.answered / all.seconds, p50: at(0.5), p99: at(0.99) };
}

/** CPU time (user + system) a process has used so far, in ms, from /proc (Linux; 0 elsewhere). */
function cpuMsOf(pid: number | undefined): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const [utime, stime] = stat.slice(stat.lastIndexOf(')') + 2).split(' ').slice(11, 13).map(Number);
    return ((utime + stime) * 1000) / CLOCK_TICKS;
  } catch {
    return 0;
  }
}
const CLOCK_TICKS = 100;

/**
 * CPU used so far by each side's processes, per process: the four Node processes, and the
 * PostgreSQL backends of the bench's database by application name (partners' and the gateway's
 * pools name theirs cirkel-<app>, the bare responder's bench-bare). Unlike rates, CPU per request
 * hardly moves with what else the machine runs.
 */
async function cpuSnapshot(db: Client, processes: Record<string, Child>): Promise<Record<string, Map<number, number>>> {
  const { rows } = await db.query<{ pid: number; app: string }>(
    `SELECT pid, application_name AS app FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()`,
    [DATABASE],
  );
  const backends = (app: string) => new Map(rows.filter((r) => r.app === app).map((r) => [r.pid, cpuMsOf(r.pid)]));
  return {
    ...Object.fromEntries(Object.entries(processes).map(([name, child]) => [name, new Map([[child.process.pid ?? 0, cpuMsOf(child.process.pid)]])])),
    'postgres for partners': backends('cirkel-partners'),
    'postgres for the gateway': backends('cirkel-gateway'),
    'postgres for bare': backends('bench-bare'),
  };
}

/** CPU used between two snapshots; a backend that came in between counts from its start. */
function cpuBetween(before: Record<string, Map<number, number>>, after: Record<string, Map<number, number>>, name: string): number {
  let total = 0;
  for (const [pid, ms] of after[name]) total += ms - (before[name].get(pid) ?? 0);
  return total;
}

/** CPU per request of each process over a side's turns, less what the Node processes use at idle in as long. */
function cpuPerRequest(used: Record<string, number>, names: string[], run: Figures, idleMsPerS: (name: string) => number): string {
  return names
    .map((name) => {
      const idle = name.startsWith('postgres') ? 0 : idleMsPerS(name) * run.seconds;
      return `${name} ${(Math.max(0, (used[name] ?? 0) - idle) / Math.max(1, run.requests)).toFixed(2)}`;
    })
    .join(', ');
}

/** Runs autocannon against `url`, printing progress each second; answers the measured figures. */
async function load(label: string, url: string, headers: Record<string, string>, seconds: number): Promise<Figures> {
  let answered = 0;
  let failed = 0;
  const latencies: number[] = [];
  const run = autocannon({ url, connections: CONNECTIONS, duration: seconds, headers });
  run.on('response', (_client, status, _bytes, ms) => {
    if (status !== 200) return failed++;
    answered++;
    latencies.push(ms);
  });
  const started = performance.now();
  let last = 0;
  const timer = setInterval(() => {
    const elapsed = (performance.now() - started) / 1000;
    process.stdout.write(`  ${label}: ${elapsed.toFixed(0)} s, ${answered.toLocaleString('en')} answered (${Math.round((answered - last) / 1).toLocaleString('en')}/s)${failed ? `, ${failed} failed` : ''}\n`);
    last = answered;
  }, 1000);
  const result = await run;
  clearInterval(timer);
  const failures = result.errors + result.timeouts + result.non2xx;
  return { requests: result.requests.total, answered: result['2xx'], failures, seconds: result.duration, latencies };
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
  const [gatewayPort, partnersPort, barePort] = await Promise.all([freePort(), freePort(), freePort()]);
  process.stdout.write(
    `gateway read path vs bare route: ${CONNECTIONS} connections, ${WARMUP_S} s warm-up, ${DURATION_S} s each in ${ROUNDS} turns, apps ${args.compiled ? 'compiled (dist/)' : 'from TypeScript (@swc-node)'}, namespace ${namespace}\n`,
  );
  try {
    const appEnv = (port: number): Record<string, string> => ({
      NODE_ENV: 'production',
      CIRKEL_NAMESPACE: namespace,
      DATABASE_URL,
      PORT: String(port),
      PUBLIC_URL: `http://127.0.0.1:${gatewayPort}`,
      JWT_SECRET,
      ACCESS_TOKEN_TTL_SECONDS: '3600',
      LOG_LEVEL: 'warn',
    });
    process.stdout.write('starting partners and the gateway…\n');
    const partners = launchApp('partners', appEnv(partnersPort));
    await until('partners ready', partners, healthy(partnersPort));
    const gateway = launchApp('gateway', appEnv(gatewayPort));
    await until('gateway ready', gateway, healthy(gatewayPort));

    // A hub (hubs have no request of their own), an organisation registered with its person, who logs in;
    // the hub's charter, signed: the view of the organisation has everything a GET can show.
    const hubId = randomUUID();
    await db.query(`INSERT INTO "${partnersSchema}".hub (id, slug, name) VALUES ($1, 'bench', 'Bench')`, [hubId]);
    const api = `http://127.0.0.1:${gatewayPort}/api/v1`;
    const email = `bench-${namespace}@cirkel.test`;
    const password = 'bench-password-long-enough';
    const registration = await call(`${api}/registrations`, {
      method: 'POST',
      body: {
        hub: 'bench',
        organisation: { name: 'Kringwinkel Bench', type: 'social', workDomains: ['green', 'care'] },
        person: { name: 'Bench Person', email, password, language: 'nl' },
      },
    });
    const organisationId: string = registration.organisation.id;
    const personId: string = registration.person.id;
    await db.query(`INSERT INTO "${partnersSchema}".charter (id, hub_id, version, text_nl, text_en, published_by) VALUES ($1, $2, 1, 'Samen circulair.', 'Circular together.', $3)`, [
      randomUUID(),
      hubId,
      personId,
    ]);
    await db.query(`INSERT INTO "${partnersSchema}".charter_signature (organisation_id, charter_version, hub_id, signed_by) VALUES ($1, 1, $2, $3)`, [organisationId, hubId, personId]);
    const { accessToken } = await call(`${api}/auth/login`, { method: 'POST', body: { email, password } });
    const view = await call(`${api}/organisations/${organisationId}`, { token: accessToken });
    if (!view.charter || !view.members?.length) throw new Error(`the organisation's view lacks its charter or members: ${JSON.stringify(view)}`);

    process.stdout.write('starting the bare route…\n');
    const bareEnv = { BARE_SUBJECT: `${namespace}.bare.get-organisation`, BARE_SCHEMA: partnersSchema, DATABASE_URL, PORT: String(barePort) };
    const responder = launch('bare responder', ['-r', '@swc-node/register', 'bench/gateway-bare.ts', 'responder'], bareEnv);
    await until('bare responder ready', responder, saidReady(responder));
    const bareHttp = launch('bare http', ['-r', '@swc-node/register', 'bench/gateway-bare.ts', 'http'], bareEnv);
    await until('bare http ready', bareHttp, saidReady(bareHttp));
    const bareUrl = `http://127.0.0.1:${barePort}/organisations/${organisationId}?hub=${hubId}`;
    await call(bareUrl);

    const gatewayUrl = `${api}/organisations/${organisationId}`;
    const auth = { authorization: `Bearer ${accessToken}` };
    const processes = { gateway, partners, 'bare http': bareHttp, 'bare responder': responder };
    process.stdout.write(`warm-up, ${WARMUP_S} s each…\n`);
    await load('bare warm-up', bareUrl, {}, WARMUP_S);
    // The gateway's warm-up counts its queries: nothing else reads the database then, and an idle
    // backend reports its statistics up to 10 s late, hence the waits. The second wait also gives
    // the CPU the processes use while nothing is asked (the relay's sweeps, JetStream pulls, pings,
    // V8's threads), taken off the figures under load.
    const before = await transactions(db);
    const counted = await load('gateway warm-up', gatewayUrl, auth, WARMUP_S);
    const idleFrom = { at: performance.now(), cpu: await cpuSnapshot(db, processes) };
    const queriesPerGet = ((await transactions(db)) - before) / Math.max(1, counted.requests);
    const idle = { ms: performance.now() - idleFrom.at, cpu: await cpuSnapshot(db, processes), from: idleFrom.cpu };
    const idleMsPerS = (name: string) => (cpuBetween(idle.from, idle.cpu, name) / idle.ms) * 1000;

    const turn = DURATION_S / ROUNDS;
    process.stdout.write(`gateway and bare route in turns, ${ROUNDS} × ${turn} s each…\n`);
    const gwRuns: Figures[] = [];
    const bareRuns: Figures[] = [];
    const gwCpu: Record<string, number> = {};
    const bareCpu: Record<string, number> = {};
    const measure = async (label: string, url: string, headers: Record<string, string>, runs: Figures[], cpu: Record<string, number>) => {
      const from = await cpuSnapshot(db, processes);
      runs.push(await load(label, url, headers, turn));
      const to = await cpuSnapshot(db, processes);
      for (const name of Object.keys(to)) cpu[name] = (cpu[name] ?? 0) + cpuBetween(from, to, name);
    };
    for (let round = 1; round <= ROUNDS; round++) {
      await measure(`gateway ${round}/${ROUNDS}`, gatewayUrl, auth, gwRuns, gwCpu);
      await measure(`bare ${round}/${ROUNDS}`, bareUrl, {}, bareRuns, bareCpu);
    }
    const gw = combined(gwRuns);
    const bare = combined(bareRuns);

    const f = (x: number) => Math.round(x).toLocaleString('en');
    process.stdout.write(
      [
        '',
        `bare route:  ${f(bare.rate)} req/s, p50 ${f(bare.p50)} ms, p99 ${f(bare.p99)} ms (${f(bare.requests)} requests${bare.failures ? `, ${bare.failures} failed` : ''})`,
        `gateway:     ${f(gw.rate)} req/s, p50 ${f(gw.p50)} ms, p99 ${f(gw.p99)} ms (${f(gw.requests)} requests${gw.failures ? `, ${gw.failures} failed` : ''})`,
        `Postgres transactions per gateway GET (one per query): ${queriesPerGet.toFixed(2)}`,
        `CPU ms per request, gateway side: ${cpuPerRequest(gwCpu, ['gateway', 'partners', 'postgres for partners', 'postgres for the gateway'], gw, idleMsPerS)}`,
        `CPU ms per request, bare side:    ${cpuPerRequest(bareCpu, ['bare http', 'bare responder', 'postgres for bare'], bare, idleMsPerS)}`,
        `CPU ms per second at idle (taken off the above): ${['gateway', 'partners'].map((n) => `${n} ${idleMsPerS(n).toFixed(1)}`).join(', ')}`,
        `p99 ratio (gateway / bare): ${(gw.p99 / bare.p99).toFixed(2)}`,
        `ratio: ${(gw.rate / bare.rate).toFixed(2)}`,
        '',
      ].join('\n'),
    );
    if (gw.failures || bare.failures) throw new Error(`failed requests: gateway ${gw.failures}, bare ${bare.failures}`);
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
