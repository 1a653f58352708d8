// `npm start -- --own-servers` without the rest of npm start: PostgreSQL, Redis and NATS from the
// binaries installed here, on free ports, with their data in a folder only its owner can enter
// (as root: a checkout under `mktemp -d`, where the OS user postgres cannot go). Never the
// machine's servers on 5432, 6379 and 4222.
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { ErrorCode, connect } = require('nats');
const { natsAccount, state } = require('../local/common');
const { postgresCluster } = require('../local/local-servers');
const { ensureDatabase, ensureServers, natsAdmitsAnyone, startOwnServers, tcpOpen, withDatabase, withNats, withRedis } = require('../local/servers');

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

  it('NATS answers with JetStream as the apps\' accounts (deploy/nats/auth.conf), its store in the private folder', async () => {
    // as partners, whose password is the one npm start gives the app (natsAccount)
    const partners = await connect({ servers: urls.NATS_URL, reconnect: false, user: 'partners', pass: natsAccount('partners').password, inboxPrefix: '_INBOX.partners' });
    try {
      await (await partners.jetstreamManager()).streams.add({ name: 'PARTNERS', subjects: ['partners.>'] });
      expect((await partners.jetstream().publish('partners.probe', new TextEncoder().encode('{}'))).seq).toBe(1);
    } finally {
      await partners.close();
    }
    expect(fs.readdirSync(path.join(dataDir, 'nats'))).toContain('jetstream');
  });

  it('NATS admits nobody without an account, and refuses an app outside its subjects (issue 7)', async () => {
    expect(await natsAdmitsAnyone(urls.NATS_URL)).toBe(false);
    const refused = await withNats(urls.NATS_URL, (gateway) => gateway.jetstream().publish('partners.roles-changed', new TextEncoder().encode('{}'))).then(
      () => 'published',
      (error) => error.code,
    );
    expect(refused).toBe(ErrorCode.PermissionsViolation);
  });

  it('a later npm start uses the three as they answer, and starts none of its own', async () => {
    const again = { ...urls };
    const more = [];
    try {
      await ensureServers(again, { dataDir: path.join(privateDir, 'again'), started: more });
      expect(more.map((s) => s.name)).toEqual([]);
      expect(again).toEqual(urls);
    } finally {
      while (more.length) await more.pop().stop();
    }
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
