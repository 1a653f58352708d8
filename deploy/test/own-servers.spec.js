// `npm start -- --own-servers` without the rest of npm start: PostgreSQL, Redis and NATS from the
// binaries installed here, on free ports, with their data in a folder only its owner can enter
// (as root: a checkout under `mktemp -d`, where the OS user postgres cannot go). Never the
// machine's servers on 5432, 6379 and 4222.
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { state } = require('../local/common');
const { postgresCluster } = require('../local/local-servers');
const { ensureDatabase, startOwnServers, tcpOpen, withDatabase, withNats, withRedis } = require('../local/servers');

const portOf = (url) => Number(new URL(url).port);
const isRoot = process.getuid?.() === 0;

let privateDir;
let dataDir;
let urls;
const started = [];

async function stopAll() {
  while (started.length) await started.pop().stop();
}

beforeAll(async () => {
  state.quiet = true;
  privateDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cirkel-own-servers-'));
  fs.chmodSync(privateDir, 0o700);
  dataDir = path.join(privateDir, '.data');
  urls = await startOwnServers({ dataDir, started, ephemeral: true });
}, 90_000);

afterAll(async () => {
  await stopAll();
  fs.rmSync(privateDir, { recursive: true, force: true });
});

describe('own servers on free ports, from a private folder', () => {
  it('listen on ports of their own, not the default ones', () => {
    const ports = [portOf(urls.DATABASE_URL), portOf(urls.REDIS_URL), portOf(urls.NATS_URL)];
    expect(new Set(ports).size).toBe(3);
    for (const port of ports) expect([5432, 6379, 4222]).not.toContain(port);
    expect(fs.statSync(privateDir).mode & 0o777).toBe(0o700);
  });

  it('PostgreSQL answers, and its database can be created and used', async () => {
    await ensureDatabase(urls.DATABASE_URL);
    const [row] = await withDatabase(urls.DATABASE_URL, 'cirkel', async (client) => {
      await client.query('CREATE TABLE probe (n int)');
      await client.query('INSERT INTO probe VALUES (42)');
      return (await client.query('SELECT current_database() AS db, current_setting($1) AS port, n FROM probe', ['port'])).rows;
    });
    expect(row).toEqual({ db: 'cirkel', port: String(portOf(urls.DATABASE_URL)), n: 42 });
  });

  it('keeps the PostgreSQL cluster where its owner can reach it', () => {
    const { pgData } = postgresCluster(dataDir);
    expect(fs.existsSync(path.join(pgData, 'PG_VERSION'))).toBe(true);
    if (isRoot) {
      expect(pgData.startsWith(privateDir)).toBe(false); // the postgres user cannot enter privateDir
      const { uid } = fs.statSync(pgData);
      expect(uid).not.toBe(0);
    } else {
      expect(pgData.startsWith(privateDir)).toBe(true);
    }
  });

  it('Redis answers, without eviction, its files in the private folder', async () => {
    const answers = await withRedis(urls.REDIS_URL, async (redis) => [await redis.ping(), await redis.config('GET', 'maxmemory-policy')]);
    expect(answers).toEqual(['PONG', ['maxmemory-policy', 'noeviction']]);
    expect(fs.existsSync(path.join(dataDir, 'redis.pid'))).toBe(true);
  });

  it('NATS answers with JetStream, its store in the private folder', async () => {
    const seq = await withNats(urls.NATS_URL, async (nc) => {
      const jsm = await nc.jetstreamManager();
      await jsm.streams.add({ name: 'PROBE', subjects: ['probe.>'] });
      return (await nc.jetstream().publish('probe.one', new TextEncoder().encode('{}'))).seq;
    });
    expect(seq).toBe(1);
    expect(fs.readdirSync(path.join(dataDir, 'nats'))).toContain('jetstream');
  });

  it('stops all three and leaves no cluster behind', async () => {
    const { pgData } = postgresCluster(dataDir);
    await stopAll();
    for (const url of Object.values(urls)) expect(await tcpOpen('127.0.0.1', portOf(url))).toBe(false);
    expect(fs.existsSync(pgData)).toBe(false);
    expect(fs.existsSync(path.join(dataDir, 'redis.pid'))).toBe(false);
    expect(fs.existsSync(path.join(dataDir, 'nats.pid'))).toBe(false);
  });
});
