'use strict';
// PostgreSQL, Redis and NATS for `npm start`: use them where they answer; otherwise start them with
// Docker Compose, or from local binaries with their data in a folder of ours. `startOwnServers` skips
// the search and starts all three from local binaries on free ports (`npm start -- --own-servers`).

const fs = require('node:fs');
const net = require('node:net');
const { Fatal, state, halt, isRoot, log, run, waitFor, natsAccount } = require('./common');
const { readApps } = require('./apps');
const { which, localPostgres, localRedis, localNats, postgresCluster } = require('./local-servers');

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

async function withNats(url, fn) {
  // as the gateway: a server with the apps' accounts (docker compose's, ours) admits nobody else, and
  // lets the gateway read replies on its own inbox only
  const { user, password } = natsAccount('gateway');
  const nc = await require('nats').connect({ servers: url.split(',').map((s) => s.trim()), timeout: 3000, reconnect: false, user, pass: password, inboxPrefix: '_INBOX.gateway' });
  try {
    return await fn(nc);
  } finally {
    await nc.close();
  }
}

/** Whether the NATS server at `url` lets in a connection without credentials (one without the apps' accounts does). */
async function natsAdmitsAnyone(url) {
  try {
    const nc = await require('nats').connect({ servers: url.split(',').map((s) => s.trim()), timeout: 3000, reconnect: false });
    await nc.close();
    return true;
  } catch {
    return false;
  }
}

const checkNats = (url) => withNats(url, (nc) => nc.jetstreamManager().catch(() => {
  throw new Error('it runs without JetStream (start nats-server with -js)');
}));

function describe({ url, defaultPort, ...rest }) {
  const u = new URL(url.split(',')[0].trim());
  const host = u.hostname.replace(/^\[|\]$/g, '');
  const port = Number(u.port) || defaultPort;
  return { ...rest, host, port, where: `${host}:${port}`, local: /^(localhost|127\.[\d.]+|::1|0\.0\.0\.0)$/.test(host) };
}

/** The three servers the URLs name, each with its protocol check and its local starter. */
function serverList({ DATABASE_URL, REDIS_URL, NATS_URL }) {
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

function dockerComposeWorks() {
  const ok = (args) => run('docker', args, { stdio: 'ignore', timeout: 20_000 }).status === 0;
  return Boolean(which('docker') && ok(['info']) && ok(['compose', 'version']));
}

/**
 * The passwords docker compose's PostgreSQL and Redis ask for (docker-compose.yml), from the
 * environment or public development ones (`npm start` only; production never sees them).
 */
function composePasswords() {
  const own = (variable, name) => ({ [variable]: process.env[variable] || `cirkel-development-only-${name}` });
  const roles = readApps().flatMap((app) => [own(`POSTGRES_PASSWORD_${app.name.toUpperCase()}`, app.name), own(`POSTGRES_OWNER_PASSWORD_${app.name.toUpperCase()}`, `owner-${app.name}`)]);
  return Object.assign({}, own('POSTGRES_PASSWORD', 'postgres'), own('REDIS_PASSWORD', 'redis'), ...roles);
}

/** A local server's URL with the password docker compose's asks for, unless the URL names one. */
function withComposePassword(key, url) {
  const u = new URL(url);
  if (u.password) return url;
  const passwords = composePasswords();
  if (key === 'postgres') u.password = passwords.POSTGRES_PASSWORD;
  else if (key === 'redis') u.password = passwords.REDIS_PASSWORD;
  else return url;
  return u.toString();
}

const URL_OF = { postgres: 'DATABASE_URL', redis: 'REDIS_URL', nats: 'NATS_URL' };

function withCompose(list) {
  const names = list.map((s) => s.key);
  const env = { ...process.env, ...composePasswords() };
  for (const s of list) env[`CIRKEL_${s.key.toUpperCase()}_PORT`] = String(s.port); // ports in docker-compose.yml
  // compose's NATS has the apps' accounts; the apps of `npm start` use these passwords (common.js)
  for (const app of readApps()) env[natsAccount(app.name).variable] = natsAccount(app.name).password;
  return () => {
    log(`starting ${names.join(', ')} with docker compose`);
    if (run('docker', ['compose', 'up', '-d', ...names], { stdio: 'inherit', env }).status !== 0) {
      throw new Fatal('docker compose up failed');
    }
    return () => void run('docker', ['compose', 'stop', ...names], { stdio: 'inherit', env });
  };
}

/** Starts each planned [servers, start] and waits until they answer; records their stop functions in `started`. */
async function startPlanned(plans, dataDir, started) {
  fs.mkdirSync(dataDir, { recursive: true });
  for (const [svcs, start] of plans) {
    if (state.stopping) await halt();
    if (svcs.length === 1) log(`starting ${svcs[0].name} on port ${svcs[0].port} from the binaries installed here`);
    started.push({ name: svcs.map((s) => s.name).join(', '), stop: await start() });
    for (const s of svcs) await waitFor(`${s.name} at ${s.where}`, async () => (await probe(s)).up, 60_000);
  }
}

function missingServers(missing, down) {
  const them = missing.length > 1 ? 'them' : 'it';
  return new Fatal(`Cannot start Cirkel: ${missing.length > 1 ? 'servers are' : 'a server is'} missing.\n` +
    `${missing.map((m) => `  - ${m}\n`).join('')}Start ${them} yourself, start Docker (start.js then runs ${them} ` +
    `with docker compose), or install ${them}:\n  ${isRoot() ? '' : 'sudo '}apt-get install -y ${down.map((s) => s.pkg).join(' ')}`);
}

/**
 * Makes sure the servers of `urls` answer: those that do are used, local ones that do not are started
 * (Docker Compose if it works, else local binaries with their data in `dataDir`). Servers started
 * here are appended to `started` ({ name, stop }), in start order.
 */
async function ensureServers(urls, { dataDir, started }) {
  const down = [];
  for (const svc of serverList(urls)) {
    let found = await probe(svc);
    const composed = svc.local && withComposePassword(svc.key, urls[URL_OF[svc.key]]);
    if (!found.up && found.listening && composed && composed !== urls[URL_OF[svc.key]]) {
      // docker compose's PostgreSQL or Redis, started by an earlier `npm start`, asks for its password
      const again = await probe(serverList({ ...urls, [URL_OF[svc.key]]: composed }).find((s) => s.key === svc.key));
      if (again.up) (urls[URL_OF[svc.key]] = composed), (found = again);
    }
    if (found.up) {
      log(`${svc.name} answers at ${svc.where}`);
      if (svc.key === 'nats' && await natsAdmitsAnyone(urls.NATS_URL)) {
        log(`NATS at ${svc.where} lets anyone in: the apps' accounts (deploy/nats/auth.conf) are not in force there. \`npm start -- --own-servers\` starts a NATS with them`);
      }
    }
    else if (found.listening) throw new Fatal(`Something listens at ${svc.where}, but a ${svc.name} connection to it failed: ${found.reason}`);
    else down.push(svc);
  }
  if (!down.length) return;
  const plans = []; // [servers, start]
  const missing = down.filter((s) => !s.local).map((s) => `${s.name} at ${s.where} does not answer, and is not on this machine`);
  let local = down.filter((s) => s.local);
  if (local.length && dockerComposeWorks()) {
    // compose's PostgreSQL and Redis ask for passwords: the apps get URLs with them
    for (const s of local) urls[URL_OF[s.key]] = withComposePassword(s.key, urls[URL_OF[s.key]]);
    local = serverList(urls).filter((s) => local.some((l) => l.key === s.key));
    plans.push([local, withCompose(local)]);
  }
  else {
    for (const s of local) {
      const start = s.startLocal(s, dataDir);
      if (typeof start === 'function') plans.push([[s], start]);
      else missing.push(`${s.name} does not answer at ${s.where}; no Docker engine answers, and ${start}`);
    }
  }
  if (missing.length) throw missingServers(missing, down);
  await startPlanned(plans, dataDir, started);
}

/** A TCP port on 127.0.0.1 that nothing listens on right now. */
function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/**
 * Starts PostgreSQL, Redis and NATS of our own from local binaries on free ports, never touching the
 * servers on the default ports; data in `dataDir` (PostgreSQL's where its owner can reach it, see
 * local-servers.js). Answers their URLs; the stop functions go to `started`. With `ephemeral`, the
 * PostgreSQL cluster is deleted when it stops (the rest is in `dataDir`, the caller's to delete).
 */
async function startOwnServers({ dataDir, started, database = 'cirkel', ephemeral = false }) {
  const [pg, redis, nats] = [await freePort(), await freePort(), await freePort()];
  const urls = {
    DATABASE_URL: `postgres://postgres@127.0.0.1:${pg}/${database}`,
    REDIS_URL: `redis://127.0.0.1:${redis}`,
    NATS_URL: `nats://127.0.0.1:${nats}`,
  };
  const list = serverList(urls);
  const plans = [];
  const missing = [];
  for (const s of list) {
    const start = s.startLocal(s, dataDir);
    if (typeof start === 'function') plans.push([[s], start]);
    else missing.push(`${s.name}: ${start}`);
  }
  if (missing.length) throw missingServers(missing, list);
  await startPlanned(plans, dataDir, started);
  if (ephemeral) {
    const postgres = started.find((s) => s.name === 'PostgreSQL');
    const stop = postgres.stop;
    postgres.stop = async () => {
      await stop();
      const { dir, pgData, pgLog } = postgresCluster(dataDir);
      fs.rmSync(pgData, { recursive: true, force: true });
      fs.rmSync(pgLog, { force: true });
      if (dir !== dataDir) fs.rmSync(dir, { recursive: true, force: true });
    };
  }
  return urls;
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

module.exports = {
  ensureServers, startOwnServers, ensureNoEviction, ensureDatabase, tcpOpen, freePort, withDatabase, withRedis, withNats, natsAdmitsAnyone,
};
