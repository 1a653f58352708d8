import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Client } from 'pg';
import { parse } from 'yaml';
import { APPS } from '@cirkel/contracts';
import { TEST_DATABASE_URL, testNamespace } from '@cirkel/testing';

/** docker-compose.yml: safe by default, the demo a named profile (issue 7, "Defaults that are safe"). */
interface ComposeService {
  profiles?: string[];
  ports?: string[];
  environment?: Record<string, string>;
  command?: string[];
}
const compose = parse(readFileSync(path.resolve(__dirname, '../../docker-compose.yml'), 'utf8'), { merge: true }) as { services: Record<string, ComposeService> };
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

  it('has no trusted connection: a superuser password, and per app a role of its own and the owner of its schema alone', () => {
    const postgres = compose.services.postgres as ComposeService & { volumes?: string[] };
    expect(env('postgres')).not.toHaveProperty('POSTGRES_HOST_AUTH_METHOD');
    expect(env('postgres').POSTGRES_PASSWORD).toBe('${POSTGRES_PASSWORD:-}');
    expect(postgres.volumes).toContain('./deploy/postgres/roles.sh:/docker-entrypoint-initdb.d/roles.sh:ro');
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
      // the server gets both passwords for roles.sh
      expect(env('postgres')[`POSTGRES_PASSWORD_${upper}`]).toBe(`\${POSTGRES_PASSWORD_${upper}:-}`);
      expect(env('postgres')[`POSTGRES_OWNER_PASSWORD_${upper}`]).toBe(`\${POSTGRES_OWNER_PASSWORD_${upper}:-}`);
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
  });
});
