import { randomUUID } from 'node:crypto';
import { EventEnvelope, HubRole, MemberJoined, MentorProfileChanged, PutMyMentorProfile, RolesChanged } from '@cirkel/contracts';
import { RoleCopyHandler } from '@cirkel/auth';
import { consumerName, JetStreamContext } from '@cirkel/messaging';
import { createServiceApp } from '@cirkel/runtime';
import { DataSource } from 'typeorm';
import { differingDeliveries, eventually, handleInTransaction, publishTestEvent, ServiceUnderTest, sleep, schemaDrift, startServiceUnderTest, testEvent, TestRequests } from '@cirkel/testing';
import { CoachingModule } from '../src/coaching.module';
import { MentorPoolHandler } from '../src/mentors/mentor-pool.handler';

let sut: ServiceUnderTest;
const hubId = randomUUID();

beforeAll(async () => {
  sut = await startServiceUnderTest('coaching', (config) => createServiceApp(CoachingModule.forRoot(config), config));
});

afterAll(() => sut?.stop());

const roles = (personId: string, hubRoles: HubRole[], version: number) =>
  testEvent(RolesChanged, hubId, { personId, name: 'Mieke', language: 'nl', hubRoles }, { aggregateVersion: version });

/** Applies an event through a handler, as the transport does. */
function applyWith<E extends EventEnvelope>(handle: (event: E, ctx: JetStreamContext) => Promise<void>) {
  return (event: E) => handleInTransaction(sut.app.get(DataSource), event, handle);
}

describe('coaching', () => {
  it('has entities that describe exactly what its migrations create', async () => {
    expect(await schemaDrift(sut.app.get(DataSource))).toEqual([]);
  });

  it('is ready when its database, NATS and Redis answer, and consumes the partners stream', async () => {
    const ready = await sut.app.inject({ method: 'GET', url: '/health/ready' });
    expect(ready.statusCode).toBe(200);
    expect(ready.json().details).toMatchObject({ database: { status: 'up' }, nats: { status: 'up' }, redis: { status: 'up' } });
    const jsm = await sut.nc.jetstreamManager();
    await expect(jsm.streams.info(`${sut.config.nats.streamPrefix}COACHING`)).resolves.toBeDefined();
    await expect(jsm.consumers.info(`${sut.config.nats.streamPrefix}PARTNERS`, consumerName('coaching', 'partners.roles-changed'))).resolves.toBeDefined();
  });

  it('adds people who get the mentor role to the pool and retires those who lose it', async () => {
    const [mentor, coach] = [randomUUID(), randomUUID()];
    const pool = () => sut.query('SELECT person_id, active FROM mentor WHERE person_id = ANY($1) ORDER BY person_id = $2 DESC', [[mentor, coach], mentor]);
    await publishTestEvent(sut.nc, sut.config.nats.subjectPrefix, roles(mentor, ['mentor'], 1));
    await publishTestEvent(sut.nc, sut.config.nats.subjectPrefix, roles(coach, ['job_coach'], 1));
    await eventually(async () => expect(await pool()).toEqual([{ person_id: mentor, active: true }, { person_id: coach, active: false }]));

    await publishTestEvent(sut.nc, sut.config.nats.subjectPrefix, roles(mentor, [], 3));
    await eventually(async () => expect(await pool()).toEqual([{ person_id: mentor, active: false }, { person_id: coach, active: false }]));

    // An older version that arrives late changes nothing.
    await publishTestEvent(sut.nc, sut.config.nats.subjectPrefix, roles(mentor, ['mentor'], 2));
    await sleep(500);
    expect(await pool()).toEqual([{ person_id: mentor, active: false }, { person_id: coach, active: false }]);
  });

  it('publishes coaching.mentor-profile-changed with the profile a mentor saves', async () => {
    const mentor = randomUUID();
    await publishTestEvent(sut.nc, sut.config.nats.subjectPrefix, roles(mentor, ['mentor'], 1));
    await eventually(async () => expect(await sut.query('SELECT 1 FROM copied_hub_roles WHERE person_id = $1', [mentor])).toHaveLength(1));
    const requests = await TestRequests.connect(sut.config);
    try {
      const caller = { personId: mentor, hubId, hubRoles: ['mentor' as const], memberships: [] };
      await requests.request(PutMyMentorProfile, caller, { workDomains: ['green'], capacity: 2 });
      await requests.request(PutMyMentorProfile, caller, { workDomains: ['green', 'care'], capacity: 3, unavailableUntil: '2030-01-01T00:00:00.000Z' });
    } finally {
      await requests.close();
    }
    const published = await sut.query<{ envelope: EventEnvelope }>(`SELECT envelope FROM outbox WHERE envelope->>'type' = $1 AND envelope->'data'->>'personId' = $2 ORDER BY seq`, [MentorProfileChanged.type, mentor]);
    expect(published.map((row) => [row.envelope.hubId, row.envelope.data, row.envelope.aggregate?.version])).toEqual([
      [hubId, { personId: mentor, workDomains: ['green'], capacity: 2, unavailableUntil: null }, 1],
      [hubId, { personId: mentor, workDomains: ['green', 'care'], capacity: 3, unavailableUntil: '2030-01-01T00:00:00.000Z' }, 2],
    ]);
  });

  it('ends with the same pool whatever order (and how often) the role changes of a person arrive', async () => {
    const personId = randomUUID();
    const changes = [roles(personId, ['mentor'], 1), roles(personId, ['mentor', 'job_coach'], 2), roles(personId, ['job_coach'], 3), roles(personId, ['mentor'], 4), roles(personId, [], 5)];
    const handler = sut.app.get(MentorPoolHandler);
    const differing = await differingDeliveries(changes, {
      reset: async () => void (await sut.query('DELETE FROM mentor WHERE person_id = $1', [personId])),
      apply: applyWith((event: (typeof changes)[number], ctx) => handler.rolesChanged(event, ctx)),
      state: () => sut.query('SELECT active, version FROM mentor WHERE person_id = $1', [personId]),
    });
    expect(differing).toEqual([]);
  });

  it('keeps its copy of roles the same whatever order the role and membership events of partners arrive in', async () => {
    const [personId, organisationId] = [randomUUID(), randomUUID()];
    const joined = testEvent(MemberJoined, hubId, { organisationId, personId, name: 'Mieke', language: 'nl', role: 'member' }, { aggregateVersion: 1 });
    const events: EventEnvelope[] = [joined, roles(personId, ['hub_admin'], 1), roles(personId, ['hub_admin', 'mentor'], 2), roles(personId, ['city_staff'], 3)];
    const copy = sut.app.get(RoleCopyHandler);
    const differing = await differingDeliveries(events, {
      reset: async () => {
        await sut.query('DELETE FROM copied_hub_roles WHERE person_id = $1', [personId]);
        await sut.query('DELETE FROM copied_membership WHERE person_id = $1', [personId]);
      },
      apply: applyWith((event: EventEnvelope, ctx) =>
        event.type === MemberJoined.type ? copy.memberJoined(event as typeof joined, ctx) : copy.rolesChanged(event as ReturnType<typeof roles>, ctx),
      ),
      state: async () => ({
        hubRoles: await sut.query('SELECT hub_roles, version FROM copied_hub_roles WHERE person_id = $1', [personId]),
        memberships: await sut.query('SELECT organisation_id, role FROM copied_membership WHERE person_id = $1', [personId]),
      }),
    });
    expect(differing).toEqual([]);
  });
});
