import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { connect, ConnectionOptions } from 'nats';
import { Client } from 'pg';
import { parse } from 'yaml';
import { loadConfig, SERVICES_ASKING_ON_THEIR_OWN_ACCOUNT, servicePublicKeyVariable } from '@cirkel/config';
import { APPS } from '@cirkel/contracts';
import { natsConnectionOptions, natsPasswordVariable } from '@cirkel/messaging';
import { freePort, PrivateNats, TEST_DATABASE_URL, testNamespace } from '@cirkel/testing';

/** docker-compose.yml: safe by default, the demo a named profile (issue 7, "Defaults that are safe"). */
interface ComposeService {
  profiles?: string[];
  ports?: string[];
  environment?: Record<string, string>;
  command?: string[];
  volumes?: string[];
}
const ROOT = path.resolve(__dirname, '../..');
const compose = parse(readFileSync(path.join(ROOT, 'docker-compose.yml'), 'utf8'), { merge: true }) as { services: Record<string, ComposeService> };
const byDefault = Object.entries(compose.services).filter(([, service]) => !service.profiles?.length);

it('runs every app by default and seeds nothing, nor sets a demo password, unless the demo profile is asked for', () => {
  const names = byDefault.map(([name]) => name);
  for (const app of APPS) expect(names).toContain(app.name);
  for (const [name, service] of byDefault) {
    expect({ name, seeds: JSON.stringify(service.command ?? []).includes('seed') }).toEqual({ name, seeds: false });
    expect(`${name}: ${JSON.stringify(service.environment ?? {})}`).not.toMatch(/SEED|cirkel-demo/);
  }
  const seeding = Object.entries(compose.services).filter(([, service]) => JSON.stringify(service.command ?? []).includes('seed'));
  expect(seeding.map(([name, service]) => [name, service.profiles])).toEqual([['demo-seed', ['demo']]]);
});

it('publishes ports on this machine only: nothing listens on every interface', () => {
  const published = Object.entries(compose.services).flatMap(([name, service]) => (service.ports ?? []).map((port) => [name, port]));
  expect(published.length).toBeGreaterThan(0);
  expect(published.filter(([, port]) => !port.startsWith('127.0.0.1:'))).toEqual([]);
});

describe('PostgreSQL and Redis ask for passwords (issue 7: a role per app, not trust and one role)', () => {
  const env = (name: string) => compose.services[name].environment ?? {};

  it('has no trusted connection: a superuser password, and per app a role of its own and the owner of its schema alone, made at every up before the apps start', () => {
    const roles = compose.services['postgres-roles'] as ComposeService & { depends_on?: Record<string, { condition: string }> };
    expect(env('postgres')).not.toHaveProperty('POSTGRES_HOST_AUTH_METHOD');
    expect(env('postgres').POSTGRES_PASSWORD).toBe('${POSTGRES_PASSWORD:-}');
    expect(roles.volumes).toEqual(['./deploy/postgres/roles.sh:/usr/local/bin/cirkel-roles.sh:ro']);
    expect(roles.command).toEqual(['sh', '/usr/local/bin/cirkel-roles.sh']);
    expect(env('postgres-roles')).toMatchObject({ PGHOST: 'postgres', PGPASSWORD: '${POSTGRES_PASSWORD:-}' });
    expect(roles.depends_on).toEqual({ postgres: { condition: 'service_healthy' } });
    for (const app of APPS) {
      const dependsOn = (compose.services[app.name] as { depends_on?: Record<string, { condition: string }> }).depends_on;
      expect({ app: app.name, roles: dependsOn?.['postgres-roles'] }).toEqual({ app: app.name, roles: { condition: 'service_completed_successfully' } });
    }
    const users = new Set<string>();
    for (const app of APPS) {
      const upper = app.name.toUpperCase();
      const url = new URL(env(app.name).DATABASE_URL);
      const owner = new URL(env(app.name).DATABASE_MIGRATION_URL);
      expect({ app: app.name, user: url.username, password: decodeURIComponent(url.password), owner: owner.username, ownerPassword: decodeURIComponent(owner.password) }).toEqual({
        app: app.name,
        user: `cirkel_${app.name}`,
        password: `\${POSTGRES_PASSWORD_${upper}:-}`,
        owner: `cirkel_owner_${app.name}`,
        ownerPassword: `\${POSTGRES_OWNER_PASSWORD_${upper}:-}`,
      });
      users.add(url.username).add(owner.username);
      // roles.sh gets both passwords
      expect(env('postgres-roles')[`POSTGRES_PASSWORD_${upper}`]).toBe(`\${POSTGRES_PASSWORD_${upper}:-}`);
      expect(env('postgres-roles')[`POSTGRES_OWNER_PASSWORD_${upper}`]).toBe(`\${POSTGRES_OWNER_PASSWORD_${upper}:-}`);
    }
    expect(users.size).toBe(APPS.length * 2);
    // the demo seed writes partners' tables as partners does
    expect(env('demo-seed').DATABASE_URL).toBe(env('partners').DATABASE_URL);
  });

  it("gives notifications the unsubscribe links' secret, without which it refuses to start in production; make-keys.sh makes one", () => {
    expect(env('notifications').NOTIFICATIONS_UNSUBSCRIBE_SECRET).toBe('${NOTIFICATIONS_UNSUBSCRIBE_SECRET:-}');
    const printed = spawnSync('bash', [path.resolve(__dirname, '../../deploy/make-keys.sh')], { encoding: 'utf8' }).stdout;
    expect(printed).toMatch(/^NOTIFICATIONS_UNSUBSCRIBE_SECRET="[A-Za-z0-9]{32,}"$/m);
  });

  it('gives every app the public key of each service asking on its own account, and each such service its own private key; make-keys.sh makes a pair each', () => {
    const printed = spawnSync('bash', [path.resolve(__dirname, '../../deploy/make-keys.sh')], { encoding: 'utf8' }).stdout;
    for (const app of APPS) {
      for (const service of SERVICES_ASKING_ON_THEIR_OWN_ACCOUNT) expect(env(app.name)[servicePublicKeyVariable(service)]).toBe(`\${${servicePublicKeyVariable(service)}:-}`);
      expect(env(app.name)).not.toHaveProperty('JWT_SERVICE_PUBLIC_KEY');
      const own = SERVICES_ASKING_ON_THEIR_OWN_ACCOUNT.includes(app.name) ? `\${JWT_SERVICE_PRIVATE_KEY_${app.name.toUpperCase()}:-}` : undefined;
      expect({ app: app.name, privateKey: env(app.name).JWT_SERVICE_PRIVATE_KEY }).toEqual({ app: app.name, privateKey: own });
    }
    for (const service of SERVICES_ASKING_ON_THEIR_OWN_ACCOUNT) {
      const upper = service.toUpperCase();
      expect(printed).toMatch(new RegExp(`^JWT_SERVICE_PRIVATE_KEY_${upper}="-----BEGIN PRIVATE KEY-----\\\\n`, 'm'));
      expect(printed).toMatch(new RegExp(`^JWT_SERVICE_PUBLIC_KEY_${upper}="-----BEGIN PUBLIC KEY-----\\\\n`, 'm'));
    }
    const privateKeys = [...printed.matchAll(/^JWT_SERVICE_PRIVATE_KEY_[A-Z]+="([^"]+)"$/gm)].map((m) => m[1]);
    expect(new Set(privateKeys).size).toBe(SERVICES_ASKING_ON_THEIR_OWN_ACCOUNT.length);
  });

  it("gives the gateway the device cookies' key, without which it refuses to start in production; make-keys.sh makes one", () => {
    expect(env('gateway').DEVICE_COOKIE_KEY).toBe('${DEVICE_COOKIE_KEY:-}');
    for (const app of APPS.filter((a) => a.name !== 'gateway')) expect(env(app.name)).not.toHaveProperty('DEVICE_COOKIE_KEY');
    const printed = spawnSync('bash', [path.resolve(__dirname, '../../deploy/make-keys.sh')], { encoding: 'utf8' }).stdout;
    expect(printed).toMatch(/^DEVICE_COOKIE_KEY="[A-Za-z0-9]{32,}"$/m);
  });

  it('runs Redis with a password that every app sends, and refuses to start it without one', () => {
    const redis = compose.services.redis;
    expect(env('redis').REDIS_PASSWORD).toBe('${REDIS_PASSWORD:-}');
    expect(redis.command?.join(' ')).toMatch(/-lt 16 \]; then .* exit 1; fi;\s*exec redis-server --requirepass "\$\$REDIS_PASSWORD"/s);
    for (const app of APPS) expect({ app: app.name, url: env(app.name).REDIS_URL }).toEqual({ app: app.name, url: 'redis://:${REDIS_PASSWORD:-}@redis:6379' });
  });

  describe('deploy/postgres/roles.sh, run against a database of its own', () => {
    const namespace = testNamespace();
    const database = `${namespace}_roles`;
    const apps = [`${namespace}partners`, `${namespace}ideas`];
    const admin = (db = 'postgres') => {
      const url = new URL(TEST_DATABASE_URL);
      url.pathname = `/${db}`;
      return url.toString();
    };
    const query = async (sql: string, params: unknown[] = [], db = database) => {
      const client = new Client({ connectionString: admin(db) });
      await client.connect();
      try {
        return (await client.query(sql, params)).rows;
      } finally {
        await client.end();
      }
    };
    const run = (extra: Record<string, string>) => {
      const url = new URL(TEST_DATABASE_URL);
      const passwords = Object.fromEntries(apps.flatMap((app) => [[`POSTGRES_PASSWORD_${app.toUpperCase()}`, `role-password-${app}`], [`POSTGRES_OWNER_PASSWORD_${app.toUpperCase()}`, `owner-password-${app}`]]));
      return spawnSync('sh', [path.resolve(__dirname, '../../deploy/postgres/roles.sh')], {
        env: { ...process.env, PGHOST: url.hostname, PGPORT: url.port || '5432', PGPASSWORD: decodeURIComponent(url.password), POSTGRES_USER: decodeURIComponent(url.username) || 'postgres', POSTGRES_DB: database, CIRKEL_APPS: apps.join(' '), ...passwords, ...extra },
        encoding: 'utf8',
      });
    };

    beforeAll(() => query(`CREATE DATABASE "${database}"`, [], 'postgres'));
    afterAll(async () => {
      await query(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`, [], 'postgres');
      for (const app of apps) await query(`DROP ROLE IF EXISTS "cirkel_${app}", "cirkel_owner_${app}"`, [], 'postgres');
    });

    it('refuses a missing or short password, making nothing', async () => {
      const refused = run({ [`POSTGRES_OWNER_PASSWORD_${apps[1].toUpperCase()}`]: 'short' });
      expect(refused.status).toBe(1);
      expect(refused.stderr).toContain(`POSTGRES_OWNER_PASSWORD_${apps[1].toUpperCase()} must hold a password of at least 16 characters`);
      expect(await query('SELECT rolname FROM pg_roles WHERE rolname = ANY($1)', [apps.map((a) => `cirkel_${a}`)])).toEqual([]);
    });

    it("makes each app's schema owned by its own owner, and a role that owns nothing and may create nothing", async () => {
      const made = run({});
      expect({ status: made.status, stderr: made.stderr }).toEqual({ status: 0, stderr: '' });
      const schemas = await query('SELECT nspname AS schema, pg_get_userbyid(nspowner) AS owner FROM pg_namespace WHERE nspname = ANY($1) ORDER BY nspname', [apps]);
      expect(schemas).toEqual([...apps].sort().map((app) => ({ schema: app, owner: `cirkel_owner_${app}` })));
      const [partners, ideas] = apps;
      const rights = await query(
        `SELECT has_schema_privilege($1, $3, 'CREATE') AS "ownCreate", has_schema_privilege($1, $4, 'USAGE') AS "otherUsage",
                has_schema_privilege($2, $4, 'USAGE') AS "ownerOtherUsage", has_schema_privilege($1, 'public', 'CREATE') AS "publicCreate",
                has_schema_privilege($2, $3, 'CREATE') AS "ownerCreate", (SELECT rolsuper OR rolcreaterole OR rolcreatedb FROM pg_roles WHERE rolname = $1) AS "roleMore"`,
        [`cirkel_${ideas}`, `cirkel_owner_${ideas}`, ideas, partners],
      );
      // ideas' role: nothing in its schema until its owner grants it (at migration), nothing in partners', nothing in public
      expect(rights).toEqual([{ ownCreate: false, otherUsage: false, ownerOtherUsage: false, publicCreate: false, ownerCreate: true, roleMore: false }]);
    });

    it('runs again at every up: a changed password counts, and a schema another role made (an older compose ran every app as the superuser) goes to its owner with all in it', async () => {
      const [partners, ideas] = apps;
      const s = `"${partners}"`;
      // partners' schema as a volume of the older compose holds it: the superuser's, with what its migrations made
      await query(`ALTER SCHEMA ${s} OWNER TO CURRENT_USER`);
      await query(`CREATE TYPE ${s}.kind AS ENUM ('a'); CREATE DOMAIN ${s}.code AS text; CREATE TABLE ${s}.person (id serial PRIMARY KEY, kind ${s}.kind, code ${s}.code);
                   CREATE SEQUENCE ${s}.loose; CREATE VIEW ${s}.people AS SELECT id FROM ${s}.person; CREATE FUNCTION ${s}.one() RETURNS int LANGUAGE sql AS 'SELECT 1'`);
      const passwordOf = async (role: string) => (await query('SELECT rolpassword FROM pg_authid WHERE rolname = $1', [role]))[0].rolpassword;
      const before = await passwordOf(`cirkel_${ideas}`);

      const again = run({ [`POSTGRES_PASSWORD_${ideas.toUpperCase()}`]: 'a-new-password-of-the-ideas-role' });
      expect({ status: again.status, stderr: again.stderr }).toEqual({ status: 0, stderr: '' });
      expect(await passwordOf(`cirkel_${ideas}`)).not.toBe(before);
      expect(await passwordOf(`cirkel_owner_${ideas}`)).toMatch(/^SCRAM-SHA-256/);
      const owners = await query(
        `SELECT 'schema' AS what, pg_get_userbyid(nspowner) AS owner FROM pg_namespace WHERE nspname = $1
         UNION ALL SELECT c.relname, pg_get_userbyid(c.relowner) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = $1 AND c.relkind IN ('r', 'v', 'S')
         UNION ALL SELECT t.typname, pg_get_userbyid(t.typowner) FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace WHERE n.nspname = $1 AND t.typtype IN ('e', 'd')
         UNION ALL SELECT p.proname, pg_get_userbyid(p.proowner) FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace WHERE n.nspname = $1 ORDER BY 1`,
        [partners],
      );
      expect(owners.map((row) => row.what)).toEqual(['code', 'kind', 'loose', 'one', 'people', 'person', 'person_id_seq', 'schema']);
      expect(owners.filter((row) => row.owner !== `cirkel_owner_${partners}`)).toEqual([]);
    });
  });
});

describe('NATS over TLS when configured (deploy/nats/compose.tls.yml, as deploy/k8s/nats-tls)', () => {
  const NATS = path.join(ROOT, 'deploy/nats');
  const override = parse(readFileSync(path.join(NATS, 'compose.tls.yml'), 'utf8'), { merge: true }) as { services: Record<string, ComposeService> };
  /** docker compose's merge of the two files: environment by variable, volumes by where they are mounted, command replaced. */
  const merged = (name: string): ComposeService => {
    const base = compose.services[name];
    const extra = override.services[name] ?? {};
    const target = (volume: string) => volume.split(':')[1];
    const volumes = [...(base.volumes ?? []).filter((v) => !(extra.volumes ?? []).some((e) => target(e) === target(v))), ...(extra.volumes ?? [])];
    return { ...base, ...extra, environment: { ...base.environment, ...extra.environment }, volumes };
  };

  it('has the server require TLS with the certificate of deploy/nats/tls, and every app that connects to NATS use tls:// trusting that CA alone', () => {
    const nats = merged('nats');
    expect(nats.command).toEqual(['sh', '/etc/nats/start.sh', '-c', '/etc/nats/nats-tls.conf']);
    expect(nats.volumes).toEqual(expect.arrayContaining(['./deploy/nats:/etc/nats:ro', './deploy/nats/tls:/etc/nats-tls:ro']));
    const conf = readFileSync(path.join(NATS, 'nats-tls.conf'), 'utf8');
    expect(conf).toMatch(/^include nats\.conf$/m);
    expect(conf).toMatch(/tls \{[^}]*cert_file: \/etc\/nats-tls\/tls\.crt[^}]*key_file: \/etc\/nats-tls\/tls\.key/);
    const clients = Object.keys(compose.services).filter((name) => compose.services[name].environment?.NATS_USER);
    expect(clients).toEqual(expect.arrayContaining([...APPS.map((app) => app.name), 'demo-seed']));
    for (const name of clients) {
      const service = merged(name);
      expect({ name, url: service.environment?.NATS_URL, ca: service.environment?.NATS_TLS_CA_FILE, volumes: service.volumes }).toEqual({
        name,
        url: 'tls://nats:4222',
        ca: '/etc/cirkel/nats-tls/ca.crt',
        volumes: ['./deploy/nats/tls/ca.crt:/etc/cirkel/nats-tls/ca.crt:ro'], // the CA only, never the server's key
      });
    }
    // the keys are neither committed nor in an image
    expect(readFileSync(path.join(ROOT, '.gitignore'), 'utf8')).toMatch(/^deploy\/nats\/tls\/$/m);
    expect(readFileSync(path.join(ROOT, '.dockerignore'), 'utf8')).toMatch(/^deploy\/nats\/tls$/m);
  });

  describe("a nats-server with compose's TLS configuration and the certificates of make-tls.sh", () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'cirkel-compose-tls-'));
    const tls = path.join(dir, 'tls');
    const passwords = Object.fromEntries(APPS.map((app) => [natsPasswordVariable(app.name), `password-of-the-test-${app.name}`]));
    let server: PrivateNats;
    let url: (scheme: string) => string;

    beforeAll(async () => {
      const made = spawnSync('sh', [path.join(NATS, 'make-tls.sh'), tls], { encoding: 'utf8' });
      expect({ status: made.status, stderr: made.stderr }).toEqual({ status: 0, stderr: '' });
      // deploy/nats's three files, with this machine's paths and ports instead of the container's
      const [port, monitor] = [await freePort(), await freePort()];
      for (const file of ['nats.conf', 'auth.conf', 'nats-tls.conf']) copyFileSync(path.join(NATS, file), path.join(dir, file));
      const local = (file: string, edit: (text: string) => string) => writeFileSync(path.join(dir, file), edit(readFileSync(path.join(dir, file), 'utf8')));
      // (PrivateNats gives the port and JetStream's store on the command line)
      local('nats.conf', (text) => text.replace('http_port: 8222', `http_port: ${monitor}`).replace(/store_dir: \/data\n/, ''));
      local('nats-tls.conf', (text) => text.replace(/\/etc\/nats-tls/g, tls));
      server = PrivateNats.create(port, ['-c', path.join(dir, 'nats-tls.conf')], passwords); // the server reads the passwords from its environment
      await server.restart();
      url = (scheme) => `${scheme}://localhost:${port}`;
    }, 30_000);

    afterAll(async () => {
      await server?.stop();
      rmSync(dir, { recursive: true, force: true });
    });

    const outcome = (options: ConnectionOptions) =>
      connect({ ...options, reconnect: false, timeout: 5000 }).then(
        async (nc) => {
          await nc.flush();
          await nc.close();
          return 'connected';
        },
        (error: Error) => error.message,
      );
    const appConfig = (env: Record<string, string>) => loadConfig('partners', { NODE_ENV: 'test', NATS_USER: 'partners', NATS_PASSWORD: passwords.NATS_PASSWORD_PARTNERS, ...env });

    it("lets an app in as the compose file configures it: tls:// and make-tls.sh's CA", async () => {
      expect(await outcome(natsConnectionOptions(appConfig({ NATS_URL: url('tls'), NATS_TLS_CA_FILE: path.join(tls, 'ca.crt') })))).toBe('connected');
    });

    it('refuses a client without TLS, and one that does not trust the CA (a server it cannot tell from an impostor)', async () => {
      expect(await outcome(natsConnectionOptions(appConfig({ NATS_URL: url('nats') })))).not.toBe('connected');
      expect(await outcome(natsConnectionOptions(appConfig({ NATS_URL: url('tls') })))).toMatch(/certificate/i);
    });

    it('make-tls.sh keeps the keys to their owner and never overwrites a certificate', () => {
      expect(readFileSync(path.join(tls, 'tls.key'), 'utf8')).toMatch(/PRIVATE KEY/);
      const again = spawnSync('sh', [path.join(NATS, 'make-tls.sh'), tls], { encoding: 'utf8' });
      expect({ status: again.status, stderr: again.stderr }).toEqual({ status: 1, stderr: expect.stringContaining('exists already') });
      const modes = ['ca.key', 'tls.key', 'ca.crt', 'tls.crt'].map((file) => (statSync(path.join(tls, file)).mode & 0o777).toString(8));
      expect(modes).toEqual(['600', '600', '644', '644']);
    });
  });
});
