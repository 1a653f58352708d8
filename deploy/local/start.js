#!/usr/bin/env node
'use strict';
// Runs Cirkel on one machine: finds or starts PostgreSQL, Redis and NATS, creates the database,
// then starts every app as a child process and waits until each one is ready. See --help.

const { spawn, spawnSync } = require('node:child_process');
const fs = require('node:fs');
const http = require('node:http');
const net = require('node:net');
const path = require('node:path');
const readline = require('node:readline');

const ROOT = path.resolve(__dirname, '..', '..');
const DATA = path.join(ROOT, '.data');
const PORTS = { gateway: 3000, partners: 3001, ideas: 3002, coaching: 3003, reporting: 3004, notifications: 3005 };
const READY_TIMEOUT_MS = 120_000;
const STOP_GRACE_MS = 10_000;
const HELP = `Usage: npm start [-- --no-demo]      (or: node deploy/local/start.js [options])

Starts Cirkel on this machine. PostgreSQL, Redis and NATS are used where they already answer;
otherwise they are started with Docker Compose (if a Docker engine answers) or from locally
installed server binaries, with their data under .data/. Then the database is created and every
app starts; Cirkel is at http://localhost:3000 once all of them are ready.

Options:
  --no-demo    do not seed the demo hub and its accounts
  -h, --help   show this help

Environment (defaults):
  DATABASE_URL  postgres://postgres@127.0.0.1:5432/cirkel
  REDIS_URL     redis://127.0.0.1:6379
  NATS_URL      nats://127.0.0.1:4222
  Every other variable is passed on to the apps (see deploy/README.md).

Ctrl-C stops the apps and the servers this script started; servers that already ran are left alone.`;

class Fatal extends Error {}
const children = new Map(); // app -> { app, proc, tail, exited, closed }
const startedServers = []; // { name, stop }, in start order
let stopping = false;
let stopAskedAt = 0;

const label = (name) => `[${name.padEnd(13)}]`;
const log = (msg) => console.log(`${label('cirkel')} ${msg}`);
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const halt = () => new Promise(() => {}); // once stopping, the main flow parks here until shutdown exits
const isRoot = () => process.getuid?.() === 0;
const run = (cmd, args, opts = {}) => spawnSync(cmd, args, { cwd: ROOT, encoding: 'utf8', ...opts });

function parseArgs(argv) {
  const opts = { demo: true, help: false };
  for (const arg of argv) {
    if (arg === '--no-demo') opts.demo = false;
    else if (arg === '--help' || arg === '-h') opts.help = true;
    else throw new Fatal(`Unknown option ${arg} (see --help)`);
  }
  return opts;
}

function ensureDependencies() {
  if (fs.existsSync(path.join(ROOT, 'node_modules'))) return;
  log('node_modules is missing: running npm ci');
  if (run('npm', ['ci'], { stdio: 'inherit' }).status !== 0) throw new Fatal('npm ci failed');
}

// ---- servers: find them, or start them -------------------------------------------------------

function withDatabase(url, database, fn) {
  const { Client } = require('pg');
  const u = new URL(url);
  u.pathname = `/${encodeURIComponent(database)}`;
  const client = new Client({ connectionString: u.toString(), connectionTimeoutMillis: 3000 });
  client.on('error', () => {});
  return client.connect().then(() => fn(client)).finally(() => client.end().catch(() => {}));
}

function withRedis(url, fn) {
  const Redis = require('ioredis');
  const options = { lazyConnect: true, connectTimeout: 3000, maxRetriesPerRequest: 0, retryStrategy: () => null };
  const redis = new Redis(url, { ...options, enableOfflineQueue: false });
  redis.on('error', () => {});
  return redis.connect().then(() => fn(redis)).finally(() => redis.disconnect());
}

async function checkNats(url) {
  const nc = await require('nats').connect({ servers: url.split(',').map((s) => s.trim()), timeout: 3000, reconnect: false });
  try {
    await nc.jetstreamManager().catch(() => {
      throw new Error('it runs without JetStream (start nats-server with -js)');
    });
  } finally {
    await nc.close();
  }
}

function describe({ url, defaultPort, ...rest }) {
  const u = new URL(url.split(',')[0].trim());
  const host = u.hostname.replace(/^\[|\]$/g, '');
  const port = Number(u.port) || defaultPort;
  return { ...rest, host, port, where: `${host}:${port}`, local: /^(localhost|127\.[\d.]+|::1|0\.0\.0\.0)$/.test(host) };
}

function servers({ DATABASE_URL, REDIS_URL, NATS_URL }) {
  return [
    describe({ key: 'postgres', name: 'PostgreSQL', pkg: 'postgresql', url: DATABASE_URL, defaultPort: 5432,
      user: decodeURIComponent(new URL(DATABASE_URL).username) || 'postgres', startLocal: localPostgres,
      check: () => withDatabase(DATABASE_URL, 'postgres', (client) => client.query('SELECT 1')) }),
    describe({ key: 'redis', name: 'Redis', pkg: 'redis-server', url: REDIS_URL, defaultPort: 6379,
      startLocal: localRedis, check: () => withRedis(REDIS_URL, (redis) => redis.ping()) }),
    describe({ key: 'nats', name: 'NATS', pkg: 'nats-server', url: NATS_URL, defaultPort: 4222,
      startLocal: localNats, check: () => checkNats(NATS_URL) }),
  ];
}

function tcpOpen(host, port, timeoutMs = 1000) {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port });
    const done = (open) => (socket.destroy(), resolve(open));
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

/** Up: answers its own protocol. Listening: the port is taken, by it or by something else. */
async function probe(svc) {
  if (!(await tcpOpen(svc.host, svc.port))) return { up: false, listening: false };
  let timer;
  const timeout = new Promise((_, reject) => (timer = setTimeout(() => reject(new Error('no answer within 5 s')), 5000)));
  try {
    await Promise.race([svc.check(), timeout]);
    return { up: true };
  } catch (err) {
    return { up: false, listening: true, reason: err.message };
  } finally {
    clearTimeout(timer);
  }
}

function which(cmd) {
  const dirs = [...(process.env.PATH || '').split(path.delimiter), '/usr/sbin', '/usr/local/sbin', '/sbin'];
  const executable = (p) => { try { fs.accessSync(p, fs.constants.X_OK); return true; } catch { return false; } };
  return dirs.map((dir) => path.join(dir, cmd)).find(executable);
}

function dockerComposeWorks() {
  const ok = (args) => run('docker', args, { stdio: 'ignore', timeout: 20_000 }).status === 0;
  return Boolean(which('docker') && ok(['info']) && ok(['compose', 'version']));
}

// The local* functions return a function that starts the server and returns its stop function,
// or a string saying what is missing.
function localPostgres(svc) {
  const base = '/usr/lib/postgresql';
  const versions = fs.existsSync(base) ? fs.readdirSync(base).filter((v) => /^\d+$/.test(v)).sort((a, b) => b - a) : [];
  const dir = versions.map((v) => `${base}/${v}/bin`).find((d) => fs.existsSync(`${d}/pg_ctl`) && fs.existsSync(`${d}/initdb`));
  const [pgCtl, initdb] = dir ? [`${dir}/pg_ctl`, `${dir}/initdb`] : [which('pg_ctl'), which('initdb')];
  if (!pgCtl || !initdb) return 'no PostgreSQL server binaries (pg_ctl, initdb) found';
  // PostgreSQL refuses to run as root: then it runs as the OS user postgres, owning .data/postgres.
  if (isRoot() && (!which('runuser') || run('id', ['-u', 'postgres']).status !== 0)) {
    return 'as root, PostgreSQL must run as the OS user "postgres" (with runuser), and there is none';
  }
  const pgData = path.join(DATA, 'postgres');
  const pgLog = path.join(DATA, 'postgres.log');
  const pg = (cmd, args, what) => {
    const res = isRoot() ? run('runuser', ['-u', 'postgres', '--', cmd, ...args]) : run(cmd, args);
    if (res.status !== 0) throw new Fatal(`${what} failed:\n${res.stdout}${res.stderr}`);
  };
  return () => {
    if (!fs.existsSync(pgData)) {
      log('creating a PostgreSQL cluster in .data/postgres (initdb, trust auth)');
      fs.mkdirSync(pgData, { recursive: true, mode: 0o700 });
      if (isRoot()) run('chown', ['-R', 'postgres:', pgData]);
      pg(initdb, ['-D', pgData, '-U', svc.user, '--auth=trust', '--encoding=UTF8', '--no-locale'], 'initdb');
    }
    fs.closeSync(fs.openSync(pgLog, 'a'));
    if (isRoot()) run('chown', ['postgres:', pgLog]);
    pg(pgCtl, ['-D', pgData, '-o', `-p ${svc.port} -k /tmp`, '-l', pgLog, '-w', 'start'], `pg_ctl start (see ${pgLog})`);
    return () => pg(pgCtl, ['-D', pgData, '-m', 'fast', '-w', 'stop'], 'pg_ctl stop');
  };
}

function localRedis(svc) {
  const bin = which('redis-server');
  if (!bin) return 'no redis-server binary found';
  return () => {
    const pidFile = path.join(DATA, 'redis.pid');
    fs.mkdirSync(path.join(DATA, 'redis'), { recursive: true });
    const res = run(bin, ['--port', String(svc.port), '--bind', '127.0.0.1', '-::1', '--save', '', '--appendonly', 'no',
      '--maxmemory-policy', 'noeviction', '--daemonize', 'yes', '--dir', path.join(DATA, 'redis'),
      '--logfile', path.join(DATA, 'redis.log'), '--pidfile', pidFile]);
    if (res.status !== 0) throw new Fatal(`redis-server failed to start:\n${res.stdout}${res.stderr}`);
    return () => stopPid(pidFile);
  };
}

function localNats(svc) {
  const bin = which('nats-server');
  if (!bin) return 'no nats-server binary found';
  return () => {
    const pidFile = path.join(DATA, 'nats.pid');
    fs.mkdirSync(path.join(DATA, 'nats'), { recursive: true });
    const out = fs.openSync(path.join(DATA, 'nats.log'), 'a');
    const args = ['-js', '-a', '127.0.0.1', '-p', String(svc.port), '-sd', path.join(DATA, 'nats')];
    const proc = spawn(bin, args, { detached: true, stdio: ['ignore', out, out] });
    fs.closeSync(out);
    proc.unref();
    fs.writeFileSync(pidFile, `${proc.pid}\n`);
    return () => stopPid(pidFile);
  };
}

async function stopPid(pidFile) {
  const pid = Number(fs.readFileSync(pidFile, 'utf8'));
  const alive = () => { try { process.kill(pid, 0); return true; } catch { return false; } };
  if (alive()) process.kill(pid, 'SIGTERM');
  for (let i = 0; i < 100 && alive(); i++) await sleep(100);
  if (alive()) process.kill(pid, 'SIGKILL');
  fs.rmSync(pidFile, { force: true });
}

function withCompose(list) {
  const names = list.map((s) => s.key);
  const env = { ...process.env };
  for (const s of list) env[`CIRKEL_${s.key.toUpperCase()}_PORT`] = String(s.port); // ports in docker-compose.yml
  return () => {
    log(`starting ${names.join(', ')} with docker compose`);
    if (run('docker', ['compose', 'up', '-d', ...names], { stdio: 'inherit', env }).status !== 0) {
      throw new Fatal('docker compose up failed');
    }
    return () => void run('docker', ['compose', 'stop', ...names], { stdio: 'inherit', env });
  };
}

async function ensureServers(list) {
  const down = [];
  for (const svc of list) {
    const state = await probe(svc);
    if (state.up) log(`${svc.name} answers at ${svc.where}`);
    else if (state.listening) throw new Fatal(`Something listens at ${svc.where}, but a ${svc.name} connection to it failed: ${state.reason}`);
    else down.push(svc);
  }
  if (!down.length) return;
  const plans = []; // [servers, start]
  const missing = down.filter((s) => !s.local).map((s) => `${s.name} at ${s.where} does not answer, and is not on this machine`);
  const local = down.filter((s) => s.local);
  if (local.length && dockerComposeWorks()) plans.push([local, withCompose(local)]);
  else {
    for (const s of local) {
      const start = s.startLocal(s);
      if (typeof start === 'function') plans.push([[s], start]);
      else missing.push(`${s.name} does not answer at ${s.where}; no Docker engine answers, and ${start}`);
    }
  }
  if (missing.length) {
    const them = missing.length > 1 ? 'them' : 'it';
    throw new Fatal(`Cannot start Cirkel: ${missing.length > 1 ? 'servers are' : 'a server is'} missing.\n` +
      `${missing.map((m) => `  - ${m}\n`).join('')}Start ${them} yourself, start Docker (start.js then runs ${them} ` +
      `with docker compose), or install ${them}:\n  ${isRoot() ? '' : 'sudo '}apt-get install -y ${down.map((s) => s.pkg).join(' ')}`);
  }
  fs.mkdirSync(DATA, { recursive: true });
  for (const [svcs, start] of plans) {
    if (stopping) await halt();
    if (svcs.length === 1) log(`starting ${svcs[0].name} on port ${svcs[0].port}, data in .data/`);
    startedServers.push({ name: svcs.map((s) => s.name).join(', '), stop: await start() });
    for (const s of svcs) await waitFor(`${s.name} at ${s.where}`, async () => (await probe(s)).up, 60_000);
  }
}

async function waitFor(what, test, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (stopping) await halt();
    if (await test()) return log(`${what} is up`);
    if (Date.now() > deadline) throw new Fatal(`${what} is not reachable after ${timeoutMs / 1000} s`);
    await sleep(300);
  }
}

async function ensureNoEviction(url) {
  await withRedis(url, async (redis) => {
    const [, policy] = await redis.config('GET', 'maxmemory-policy');
    if (policy === 'noeviction') return;
    await redis.config('SET', 'maxmemory-policy', 'noeviction');
    log(`Redis maxmemory-policy was ${policy}: set it to noeviction (login limits and idempotency keys must not be evicted)`);
  });
}

async function ensureDatabase(url) {
  const name = decodeURIComponent(new URL(url).pathname.slice(1));
  if (!name) return;
  await withDatabase(url, 'postgres', async (client) => {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (rowCount) return;
    await client.query(`CREATE DATABASE "${name.replace(/"/g, '""')}"`).catch((e) => {
      if (e.code !== '42P04') throw e; // someone else created it just now
    });
    log(`created database ${name}`);
  });
}

// ---- apps --------------------------------------------------------------------------------------

function startApp(app, opts) {
  const env = { ...process.env, NODE_ENV: 'development', PORT: String(PORTS[app]) };
  if (app === 'partners') env.CIRKEL_SEED_DEMO = String(opts.demo);
  if (!process.stdout.isTTY && env.NO_COLOR === undefined) env.NO_COLOR = '1';
  // Own process group: the terminal's Ctrl-C reaches only this script, which stops the apps in order.
  const args = ['-r', '@swc-node/register', `apps/${app}/src/main.ts`];
  const proc = spawn(process.execPath, args, { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  const child = { app, proc, tail: [], exited: false };
  for (const stream of [proc.stdout, proc.stderr]) {
    readline.createInterface({ input: stream, crlfDelay: Infinity }).on('line', (line) => {
      console.log(`${label(app)} ${line}`);
      child.tail = [...child.tail.slice(-19), line];
    });
  }
  proc.on('error', (err) => log(`${app}: ${err.message}`));
  child.closed = new Promise((resolve) => proc.on('close', (code, signal) => {
    child.exited = true;
    resolve();
    if (stopping) return;
    log(`${app} exited unexpectedly (${signal ? `signal ${signal}` : `exit code ${code}`}); stopping everything`);
    shutdown(1);
  }));
  children.set(app, child);
}

function isReady(port) {
  return new Promise((resolve) => {
    const req = http.get({ host: '127.0.0.1', port, path: '/health/ready', timeout: 2000 }, (res) => {
      res.resume();
      resolve(res.statusCode === 200);
    });
    req.on('timeout', () => req.destroy());
    req.on('error', () => resolve(false));
  });
}

async function startApps(apps, opts) {
  if (stopping) await halt();
  const deadline = Date.now() + READY_TIMEOUT_MS;
  apps.forEach((app) => startApp(app, opts));
  const pending = new Set(apps);
  while (pending.size) {
    for (const app of pending) if (await isReady(PORTS[app])) pending.delete(app), log(`${app} is ready`);
    if (stopping) await halt();
    if (pending.size && Date.now() > deadline) {
      throw new Fatal([...pending].map((app) => `${app} is not ready after ${READY_TIMEOUT_MS / 1000} s: ` +
        `GET http://127.0.0.1:${PORTS[app]}/health/ready does not answer 200. See its [${app}] lines above; the last ones:\n` +
        (children.get(app).tail.map((line) => `    ${line}`).join('\n') || '    (no output)')).join('\n'));
    }
    if (pending.size) await sleep(500);
  }
}

async function checkPortsFree() {
  for (const [app, port] of Object.entries(PORTS)) {
    if (await tcpOpen('127.0.0.1', port)) throw new Fatal(`port ${port} (${app}) is in use already: is Cirkel running?`);
  }
}

// ---- stopping ----------------------------------------------------------------------------------

function signalChild(child, signal) {
  try { process.kill(-child.proc.pid, signal); } catch { try { child.proc.kill(signal); } catch { /* gone */ } }
}

async function shutdown(code) {
  if (stopping) return;
  stopping = true;
  const live = [...children.values()].filter((c) => !c.exited);
  if (live.length) log(`stopping ${live.map((c) => c.app).join(', ')}`);
  live.forEach((c) => signalChild(c, 'SIGTERM'));
  const killer = setTimeout(() => live.filter((c) => !c.exited).forEach((c) => {
    log(`${c.app} did not stop within ${STOP_GRACE_MS / 1000} s: killing it`);
    signalChild(c, 'SIGKILL');
  }), STOP_GRACE_MS);
  await Promise.all(live.map((c) => c.closed));
  clearTimeout(killer);
  for (const { name, stop } of [...startedServers].reverse()) {
    log(`stopping ${name}`);
    try { await stop(); } catch (err) { console.error(`${label('cirkel')} could not stop ${name}: ${err.message}`); }
  }
  process.exit(code);
}

function onSignal() {
  if (!stopping) return void ((stopAskedAt = Date.now()), shutdown(0));
  if (Date.now() - stopAskedAt < 2000) return; // npm forwards the terminal's Ctrl-C: the same request twice
  log('stopping right away');
  children.forEach((c) => !c.exited && signalChild(c, 'SIGKILL'));
}

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  if (opts.help) return console.log(HELP);
  const began = Date.now();
  ['SIGINT', 'SIGTERM', 'SIGHUP'].forEach((sig) => process.on(sig, onSignal));
  [process.stdout, process.stderr].forEach((s) => s.on('error', () => {})); // a closed terminal must not stop the clean-up
  process.on('exit', () => children.forEach((c) => !c.exited && signalChild(c, 'SIGKILL')));
  ensureDependencies();
  const urls = {
    DATABASE_URL: process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/cirkel',
    REDIS_URL: process.env.REDIS_URL || 'redis://127.0.0.1:6379',
    NATS_URL: process.env.NATS_URL || 'nats://127.0.0.1:4222',
  };
  Object.assign(process.env, urls); // the apps get the same URLs
  await ensureServers(servers(urls));
  await ensureNoEviction(urls.REDIS_URL);
  await ensureDatabase(urls.DATABASE_URL);
  await checkPortsFree();
  log(`starting partners first (it runs its migrations${opts.demo ? ' and seeds the demo hub' : ''})`);
  await startApps(['partners'], opts);
  await startApps(Object.keys(PORTS).filter((app) => app !== 'partners'), opts);
  console.log(`\nCirkel is running at http://localhost:3000   (ready in ${((Date.now() - began) / 1000).toFixed(1)} s)`);
  console.log('API docs: http://localhost:3000/api/docs');
  if (opts.demo) {
    console.log('Demo accounts, all with password cirkel-demo:');
    console.log('  admin@cirkel.test    hub admin\n  city@cirkel.test     city staff\n  mentor@cirkel.test   mentor');
    console.log('  coach@cirkel.test    job coach\n  partner@cirkel.test  org_admin of an active demo organisation');
  }
  console.log('Press Ctrl-C to stop.\n');
}

main().catch((err) => {
  if (stopping) return;
  console.error(`${label('cirkel')} ${err instanceof Fatal ? err.message : err.stack}`);
  shutdown(1);
});
