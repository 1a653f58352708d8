// deploy/postgres/roles.sh (docker-compose's postgres-roles) against a PostgreSQL cluster of this
// test's own, whose pg_hba.conf it may change: the roles' passwords mean nothing on a server that lets
// other hosts in without one (a volume initialised by the older compose, with
// POSTGRES_HOST_AUTH_METHOD=trust), so the script refuses such a server, making nothing (issue 7).
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { state } = require('../local/common');
const { localPostgres, postgresCluster } = require('../local/local-servers');
const { freePort, withDatabase } = require('../local/servers');

let dataDir;
let port;
let stop;

beforeAll(async () => {
  state.quiet = true;
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cirkel-roles-'));
  port = await freePort();
  const start = localPostgres({ port, user: 'postgres' }, dataDir);
  if (typeof start !== 'function') throw new Error(start);
  stop = start();
}, 90_000);

afterAll(async () => {
  if (stop) await stop();
  const { dir, pgData, pgLog } = postgresCluster(dataDir);
  fs.rmSync(pgData, { recursive: true, force: true });
  fs.rmSync(pgLog, { force: true });
  if (dir !== dataDir) fs.rmSync(dir, { recursive: true, force: true });
  fs.rmSync(dataDir, { recursive: true, force: true });
});

const url = () => `postgres://postgres@127.0.0.1:${port}/postgres`;
const roles = (app) => {
  const upper = app.toUpperCase();
  return spawnSync('sh', [path.resolve(__dirname, '../postgres/roles.sh')], {
    env: { PATH: process.env.PATH, PGHOST: '127.0.0.1', PGPORT: String(port), POSTGRES_USER: 'postgres', POSTGRES_DB: 'postgres', CIRKEL_APPS: app, [`POSTGRES_PASSWORD_${upper}`]: `a-password-of-${app}-role`, [`POSTGRES_OWNER_PASSWORD_${upper}`]: `a-password-of-${app}-owner` },
    encoding: 'utf8',
  });
};
const rolesOf = (app) => withDatabase(url(), 'postgres', async (client) => (await client.query('SELECT rolname FROM pg_roles WHERE rolname LIKE $1 ORDER BY 1', [`%${app}`])).rows.map((r) => r.rolname));

it('makes the roles on a server that trusts this machine alone (the image\'s own pg_hba.conf does the same for its socket and loopback)', async () => {
  const made = roles('partners');
  expect({ status: made.status, stderr: made.stderr }).toEqual({ status: 0, stderr: '' });
  expect(await rolesOf('partners')).toEqual(['cirkel_owner_partners', 'cirkel_partners']);
});

it('refuses a server whose pg_hba.conf trusts other hosts, naming the line, and makes nothing', async () => {
  const hba = path.join(postgresCluster(dataDir).pgData, 'pg_hba.conf');
  fs.appendFileSync(hba, 'host all all all trust\n');
  const lines = fs.readFileSync(hba, 'utf8').trimEnd().split('\n').length;
  const refused = roles('ideas');
  expect(refused.status).toBe(1);
  expect(refused.stderr).toContain(`pg_hba.conf trusts connections from other hosts without a password (line ${lines})`);
  expect(await rolesOf('ideas')).toEqual([]);
});
