import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { loadConfig } from '@cirkel/config';
import { EventEnvelope, OrganisationApproved, RolesChanged } from '@cirkel/contracts';
import { dataSourceOptions, migrate } from '@cirkel/persistence';
import { cleanupNamespace, ensureTestDatabase, TEST_DATABASE_URL, testNamespace } from '@cirkel/testing';
import { MESSAGING_MIGRATIONS, OutboxRelay, systemCause, UnitOfWork } from '../src';

/** The outbox gives each event of an aggregate the aggregate's next version, in commit order. */
const namespace = testNamespace();
const hubId = randomUUID();
let dataSource: DataSource;
let unitOfWork: UnitOfWork;

beforeAll(async () => {
  await ensureTestDatabase();
  const config = loadConfig('partners', { CIRKEL_NAMESPACE: namespace, DATABASE_URL: TEST_DATABASE_URL, DATABASE_POOL_SIZE: '12' });
  dataSource = await new DataSource(dataSourceOptions(config, { entities: [], migrations: MESSAGING_MIGRATIONS })).initialize();
  await migrate(dataSource);
  unitOfWork = new UnitOfWork(dataSource, { committed: () => undefined } as unknown as OutboxRelay);
});

afterAll(async () => {
  await dataSource?.destroy();
  await cleanupNamespace(namespace);
});

const cause = systemCause('aggregate-versions-test');
const rolesOf = (personId: string, hubRoles: ('mentor' | 'hub_admin')[]) => ({ personId, name: 'Mieke', language: 'nl' as const, hubRoles });

/** The versions in the outbox of one aggregate, in the order the events were written. */
async function versionsInOutbox(type: string, id: string): Promise<number[]> {
  const rows: { envelope: EventEnvelope }[] = await dataSource.query('SELECT envelope FROM outbox ORDER BY seq');
  return rows.map((r) => r.envelope.aggregate).filter((a) => a?.type === type && a.id === id).map((a) => a!.version);
}

it('numbers the events of one aggregate 1, 2, 3… across and within transactions, and apart from other aggregates', async () => {
  const [mieke, jan, organisationId] = [randomUUID(), randomUUID(), randomUUID()];
  const first = await unitOfWork.run(async (tx) => tx.publish(RolesChanged, hubId, rolesOf(mieke, ['mentor']), cause));
  expect(first.aggregate).toEqual({ type: 'hub-roles', id: mieke, version: 1 });

  const [second, third, jans, approved] = await unitOfWork.run(async (tx) => [
    tx.publish(RolesChanged, hubId, rolesOf(mieke, []), cause),
    tx.publish(RolesChanged, hubId, rolesOf(mieke, ['hub_admin']), cause),
    tx.publish(RolesChanged, hubId, rolesOf(jan, ['mentor']), cause),
    tx.publish(OrganisationApproved, hubId, { organisationId, name: 'Kringwinkel Genk', approvedBy: mieke }, cause),
  ]);
  expect([second, third].map((e) => e.aggregate?.version)).toEqual([2, 3]);
  expect(jans.aggregate).toEqual({ type: 'hub-roles', id: jan, version: 1 });
  expect(approved.aggregate).toEqual({ type: 'organisation', id: organisationId, version: 1 });
  expect(await versionsInOutbox('hub-roles', mieke)).toEqual([1, 2, 3]);
});

it('gives concurrent transactions distinct versions without gaps', async () => {
  const personId = randomUUID();
  const events = await Promise.all(Array.from({ length: 10 }, () => unitOfWork.run(async (tx) => tx.publish(RolesChanged, hubId, rolesOf(personId, ['mentor']), cause))));
  expect(events.map((e) => e.aggregate?.version).sort((a, b) => a! - b!)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
});

it('hands out versions in commit order: a transaction that takes a version holds the next one back until it commits', async () => {
  const personId = randomUUID();
  let commitFirst!: () => void;
  const firstMayCommit = new Promise<void>((resolve) => (commitFirst = resolve));
  let firstFlushed!: () => void;
  const flushed = new Promise<void>((resolve) => (firstFlushed = resolve));
  const order: string[] = [];

  const first = dataSource.transaction(async (manager) => {
    const event = await unitOfWork.run(async (tx) => tx.publish(RolesChanged, hubId, rolesOf(personId, ['mentor']), cause), manager);
    firstFlushed();
    await firstMayCommit;
    order.push('first commits');
    return event;
  });
  await flushed;
  const second = unitOfWork.run(async (tx) => tx.publish(RolesChanged, hubId, rolesOf(personId, []), cause)).then((event) => {
    order.push('second commits');
    return event;
  });
  await new Promise((resolve) => setTimeout(resolve, 300));
  expect(order).toEqual([]); // the second waits for the first's version row
  commitFirst();
  const [a, b] = await Promise.all([first, second]);
  expect(order).toEqual(['first commits', 'second commits']);
  expect([a.aggregate?.version, b.aggregate?.version]).toEqual([1, 2]);
});

it('takes no version for a transaction that rolls back', async () => {
  const personId = randomUUID();
  await expect(
    dataSource.transaction(async (manager) => {
      const event = await unitOfWork.run(async (tx) => tx.publish(RolesChanged, hubId, rolesOf(personId, ['mentor']), cause), manager);
      expect(event.aggregate?.version).toBe(1);
      throw new Error('the change failed after its events were written');
    }),
  ).rejects.toThrow('the change failed');
  const next = await unitOfWork.run(async (tx) => tx.publish(RolesChanged, hubId, rolesOf(personId, []), cause));
  expect(next.aggregate?.version).toBe(1);
});
