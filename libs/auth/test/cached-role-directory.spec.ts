import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { migrate } from '@cirkel/persistence';
import { cleanupNamespace, eventually, TEST_DATABASE_URL, testNamespace } from '@cirkel/testing';
import { CachedRoleDirectory, HeldRoles, RoleDirectory, ROLE_COPY_PERSISTENCE } from '../src';
import { RoleCopyDirectory } from '../src/role-copy/role-copy.directory';
import { RoleCopyRepository } from '../src/role-copy/role-copy.repository';

/**
 * The role cache against a real copy of roles (its migrations, its triggers) in Postgres: what it
 * keeps, what a change drops, a read that a change overtook, and a listening connection lost.
 */
const namespace = testNamespace();
const schema = `${namespace}_roles`;
const listenerName = `test-roles-${namespace}`;
const hubId = randomUUID();
let dataSource: DataSource;
let sql: Client;

/** The copy, read through the real repository; counts its reads once they answered, and can hold one back before handing it on. */
class CountingSource extends RoleDirectory {
  reads = 0;
  held?: { release: () => void; released: Promise<void> };
  constructor(private readonly copy: RoleDirectory) {
    super();
  }

  async rolesOf(hub: string, personId: string): Promise<HeldRoles | null> {
    const roles = await this.copy.rolesOf(hub, personId);
    // Counted once the copy has answered: a test that waits for the count knows the read is done
    // (counted before, a change written at once could still overtake the query under load).
    this.reads++;
    await this.held?.released;
    return roles;
  }

  holdNextRead(): () => void {
    let release = () => undefined as void;
    const released = new Promise<void>((resolve) => (release = resolve));
    this.held = { release, released };
    return () => {
      this.held = undefined;
      release();
    };
  }
}

function setHubRoles(personId: string, roles: string[]): Promise<unknown> {
  return sql.query(
    `INSERT INTO "${schema}".copied_hub_roles (person_id, hub_id, hub_roles, as_of) VALUES ($1, $2, $3, now())
     ON CONFLICT (person_id) DO UPDATE SET hub_roles = EXCLUDED.hub_roles, as_of = EXCLUDED.as_of`,
    [personId, hubId, roles],
  );
}

/** A cache of `source`, started: listening once this resolves. */
async function listening(source: RoleDirectory): Promise<CachedRoleDirectory> {
  const directory = new CachedRoleDirectory(source, { connectionString: TEST_DATABASE_URL, schema, applicationName: listenerName, retryMs: 1000 });
  await directory.onModuleInit();
  return directory;
}

beforeAll(async () => {
  dataSource = await new DataSource({
    type: 'postgres',
    url: TEST_DATABASE_URL,
    schema,
    entities: ROLE_COPY_PERSISTENCE.entities,
    migrations: ROLE_COPY_PERSISTENCE.migrations,
    migrationsTableName: 'migrations',
    extra: { max: 2, options: `-c search_path=${schema},public` },
  }).initialize();
  await migrate(dataSource);
  sql = new Client({ connectionString: TEST_DATABASE_URL });
  await sql.connect();
});

afterAll(async () => {
  await sql?.end();
  await dataSource?.destroy();
  await cleanupNamespace(namespace);
});

describe('CachedRoleDirectory', () => {
  let source: CountingSource;
  let directory: CachedRoleDirectory;

  beforeEach(async () => {
    source = new CountingSource(new RoleCopyDirectory(new RoleCopyRepository(dataSource)));
  });

  afterEach(async () => {
    await directory?.onApplicationShutdown();
  });

  it('keeps the roles it read until the tables say that person’s roles changed', async () => {
    const [person, other] = [randomUUID(), randomUUID()];
    await setHubRoles(person, ['city_staff', 'hub_admin']);
    await setHubRoles(other, ['mentor']);
    directory = await listening(source); // after the writes, so that their notices are not told

    expect((await directory.rolesOf(hubId, person))?.hubRoles).toEqual(['city_staff', 'hub_admin']);
    expect((await directory.rolesOf(hubId, other))?.hubRoles).toEqual(['mentor']);
    expect((await directory.rolesOf(hubId, person))?.hubRoles).toEqual(['city_staff', 'hub_admin']);
    expect(source.reads).toBe(2);

    await setHubRoles(person, ['city_staff']);
    await eventually(async () => expect((await directory.rolesOf(hubId, person))?.hubRoles).toEqual(['city_staff']));
    const reads = source.reads;
    expect((await directory.rolesOf(hubId, other))?.hubRoles).toEqual(['mentor']); // someone else's change keeps it
    expect(source.reads).toBe(reads);
  });

  it('does not keep a read that a change overtook', async () => {
    const person = randomUUID();
    await setHubRoles(person, ['hub_admin']);
    directory = await listening(source);
    const told = jest.spyOn(directory, 'changed');

    const release = source.holdNextRead();
    const overtaken = directory.rolesOf(hubId, person);
    await eventually(() => expect(source.reads).toBe(1));
    await setHubRoles(person, []); // committed, and told, while the first read is still under way
    await eventually(() => expect(told).toHaveBeenCalledWith(person));
    release();
    expect((await overtaken)?.hubRoles).toEqual(['hub_admin']); // what it read before the change

    expect((await directory.rolesOf(hubId, person))?.hubRoles).toEqual([]);
    expect(source.reads).toBe(2);
  });

  it('reads afresh while its connection is down, and keeps again once it listens', async () => {
    const person = randomUUID();
    await setHubRoles(person, ['hub_admin']);
    directory = await listening(source);
    await directory.rolesOf(hubId, person);
    const deaf = jest.spyOn(directory, 'deaf');
    const listensAgain = jest.spyOn(directory, 'listening');

    await sql.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = $1', [listenerName]);
    await eventually(() => expect(deaf).toHaveBeenCalled());
    // Deaf: a change is not told, so what it reads now must not be kept.
    expect((await directory.rolesOf(hubId, person))?.hubRoles).toEqual(['hub_admin']);
    await setHubRoles(person, ['mentor']);
    expect((await directory.rolesOf(hubId, person))?.hubRoles).toEqual(['mentor']);

    await eventually(() => expect(listensAgain).toHaveBeenCalled(), { timeoutMs: 5000 });
    const reads = source.reads;
    await directory.rolesOf(hubId, person);
    await directory.rolesOf(hubId, person);
    expect(source.reads).toBe(reads + 1);
  });

  it('hands out what it keeps frozen, so no caller changes another’s roles', async () => {
    const person = randomUUID();
    await setHubRoles(person, ['hub_admin']);
    directory = await listening(source);
    await directory.rolesOf(hubId, person);
    const kept = await directory.rolesOf(hubId, person);
    expect(() => (kept?.hubRoles as string[]).push('mentor')).toThrow(TypeError);
  });
});
