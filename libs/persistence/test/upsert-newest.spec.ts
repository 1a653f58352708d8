import { randomUUID } from 'node:crypto';
import { Column, DataSource, Entity, PrimaryColumn } from 'typeorm';
import { cleanupNamespace, ensureTestDatabase, TEST_DATABASE_URL, testNamespace } from '@cirkel/testing';
import { upsertNewest } from '../src';

/** A read model that orders facts by the time of the event, as the read models do today. */
@Entity('person_seen')
class PersonSeen {
  @PrimaryColumn('uuid', { name: 'person_id' })
  personId: string;

  @Column('text')
  name: string;

  @Column('text', { array: true, name: 'hub_roles' })
  hubRoles: string[];

  @Column('timestamptz', { name: 'occurred_at' })
  occurredAt: Date;
}

/** A read model that orders facts by a version per aggregate, as they will once events carry one. */
@Entity('organisation_seen')
class OrganisationSeen {
  @PrimaryColumn('uuid', { name: 'hub_id' })
  hubId: string;

  @PrimaryColumn('uuid', { name: 'organisation_id' })
  organisationId: string;

  @Column('text')
  status: string;

  @Column('int', { name: 'aggregate_version' })
  aggregateVersion: number;
}

const ns = testNamespace();
const schema = `${ns}_persistence`;
let db: DataSource;

const at = (minute: number) => new Date(Date.UTC(2026, 10, 30, 9, minute));
const person = (personId: string) => db.manager.findOneByOrFail(PersonSeen, { personId });
const byTime = { conflictColumns: ['personId'], versionColumn: 'occurredAt' } as const;

beforeAll(async () => {
  await ensureTestDatabase();
  db = await new DataSource({
    type: 'postgres',
    url: TEST_DATABASE_URL,
    schema,
    entities: [PersonSeen, OrganisationSeen],
    extra: { max: 2, options: `-c search_path=${schema}` },
  }).initialize();
  await db.query(`CREATE SCHEMA "${schema}"`);
  await db.query(`CREATE TABLE person_seen (person_id uuid PRIMARY KEY, name text NOT NULL, hub_roles text[] NOT NULL, occurred_at timestamptz NOT NULL)`);
  await db.query(
    `CREATE TABLE organisation_seen (hub_id uuid, organisation_id uuid, status text NOT NULL, aggregate_version int NOT NULL, PRIMARY KEY (hub_id, organisation_id))`,
  );
});

afterAll(async () => {
  await db?.destroy();
  await cleanupNamespace(ns);
});

describe('upsertNewest', () => {
  it('inserts the first fact and lets a newer one overwrite it', async () => {
    const id = randomUUID();
    expect(await upsertNewest(db.manager, PersonSeen, { personId: id, name: 'An', hubRoles: ['mentor'], occurredAt: at(1) }, byTime)).toBe(true);
    expect(await upsertNewest(db.manager, PersonSeen, { personId: id, name: 'An Peeters', hubRoles: [], occurredAt: at(2) }, byTime)).toBe(true);
    expect(await person(id)).toEqual({ personId: id, name: 'An Peeters', hubRoles: [], occurredAt: at(2) });
  });

  it('keeps the newer fact when an older one arrives after it', async () => {
    const id = randomUUID();
    await upsertNewest(db.manager, PersonSeen, { personId: id, name: 'Newer', hubRoles: ['hub_admin'], occurredAt: at(5) }, byTime);
    expect(await upsertNewest(db.manager, PersonSeen, { personId: id, name: 'Older', hubRoles: [], occurredAt: at(4) }, byTime)).toBe(false);
    expect(await person(id)).toEqual({ personId: id, name: 'Newer', hubRoles: ['hub_admin'], occurredAt: at(5) });
  });

  it('lets a fact as new as the row overwrite it (two facts of the same moment: the later applied wins)', async () => {
    const id = randomUUID();
    await upsertNewest(db.manager, PersonSeen, { personId: id, name: 'First', hubRoles: [], occurredAt: at(7) }, byTime);
    expect(await upsertNewest(db.manager, PersonSeen, { personId: id, name: 'Second', hubRoles: [], occurredAt: at(7) }, byTime)).toBe(true);
    expect((await person(id)).name).toBe('Second');
  });

  it('updates only the named columns of an existing row, and inserts all that is given', async () => {
    const id = randomUUID();
    const onlyName = { ...byTime, updateColumns: ['name'] } as const;
    await upsertNewest(db.manager, PersonSeen, { personId: id, name: 'Joined', hubRoles: [], occurredAt: at(10) }, onlyName);
    await upsertNewest(db.manager, PersonSeen, { personId: id, name: 'Roles', hubRoles: ['mentor'], occurredAt: at(11) }, byTime);
    await upsertNewest(db.manager, PersonSeen, { personId: id, name: 'Renamed', hubRoles: [], occurredAt: at(12) }, onlyName);
    expect(await person(id)).toEqual({ personId: id, name: 'Renamed', hubRoles: ['mentor'], occurredAt: at(12) });
  });

  it('orders by whichever column it is given, with a key of several columns', async () => {
    const key = { hubId: randomUUID(), organisationId: randomUUID() };
    const byVersion = { conflictColumns: ['hubId', 'organisationId'], versionColumn: 'aggregateVersion' } as const;
    await upsertNewest(db.manager, OrganisationSeen, { ...key, status: 'active', aggregateVersion: 3 }, byVersion);
    expect(await upsertNewest(db.manager, OrganisationSeen, { ...key, status: 'pending', aggregateVersion: 2 }, byVersion)).toBe(false);
    expect(await db.manager.findOneByOrFail(OrganisationSeen, key)).toEqual({ ...key, status: 'active', aggregateVersion: 3 });
    expect(await upsertNewest(db.manager, OrganisationSeen, { ...key, status: 'archived', aggregateVersion: 4 }, byVersion)).toBe(true);
    expect((await db.manager.findOneByOrFail(OrganisationSeen, key)).status).toBe('archived');
  });

  it('writes in the transaction it is given', async () => {
    const id = randomUUID();
    await expect(
      db.transaction(async (manager) => {
        await upsertNewest(manager, PersonSeen, { personId: id, name: 'Rolled back', hubRoles: [], occurredAt: at(20) }, byTime);
        throw new Error('the handler fails after writing');
      }),
    ).rejects.toThrow('the handler fails');
    expect(await db.manager.findOneBy(PersonSeen, { personId: id })).toBeNull();
  });

  it('refuses a row without its key or version', async () => {
    await expect(upsertNewest(db.manager, PersonSeen, { name: 'Nobody', occurredAt: at(30) }, byTime)).rejects.toThrow('the row has no personId');
  });
});
