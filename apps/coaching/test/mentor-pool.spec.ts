import { randomUUID } from 'node:crypto';
import { RolesChanged } from '@cirkel/contracts';
import { createServiceApp } from '@cirkel/runtime';
import { DataSource } from 'typeorm';
import { eventually, publishTestEvent, ServiceUnderTest, sleep, schemaDrift, startServiceUnderTest, testEvent } from '@cirkel/testing';
import { CoachingModule } from '../src/coaching.module';

let sut: ServiceUnderTest;
const hubId = randomUUID();

beforeAll(async () => {
  sut = await startServiceUnderTest('coaching', (config) => createServiceApp(CoachingModule.forRoot(config), config));
});

afterAll(() => sut?.stop());

const roles = (personId: string, hubRoles: ('mentor' | 'job_coach')[], at: number) =>
  testEvent(RolesChanged, hubId, { personId, name: 'Mieke', language: 'nl', hubRoles }, { occurredAt: new Date(at).toISOString() });

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
    await expect(jsm.consumers.info(`${sut.config.nats.streamPrefix}PARTNERS`, 'coaching')).resolves.toBeDefined();
  });

  it('adds people who get the mentor role to the pool and retires those who lose it', async () => {
    const [mentor, coach] = [randomUUID(), randomUUID()];
    const now = Date.now();
    await publishTestEvent(sut.nc, sut.config.nats.subjectPrefix, roles(mentor, ['mentor'], now));
    await publishTestEvent(sut.nc, sut.config.nats.subjectPrefix, roles(coach, ['job_coach'], now));
    await eventually(async () => expect(await sut.query('SELECT person_id, active FROM mentor')).toEqual([{ person_id: mentor, active: true }]));

    await publishTestEvent(sut.nc, sut.config.nats.subjectPrefix, roles(mentor, [], now + 1000));
    await eventually(async () => expect(await sut.query('SELECT person_id, active FROM mentor')).toEqual([{ person_id: mentor, active: false }]));

    // An older event that arrives late changes nothing.
    await publishTestEvent(sut.nc, sut.config.nats.subjectPrefix, roles(mentor, ['mentor'], now + 500));
    await sleep(500);
    expect(await sut.query('SELECT person_id, active FROM mentor')).toEqual([{ person_id: mentor, active: false }]);
  });
});

describe('coaching without Redis', () => {
  let lonely: ServiceUnderTest;

  beforeAll(async () => {
    // Nothing listens on port 1: the app starts, but is not ready.
    lonely = await startServiceUnderTest('coaching', (config) => createServiceApp(CoachingModule.forRoot(config), config), { REDIS_URL: 'redis://127.0.0.1:1' });
  });

  afterAll(() => lonely?.stop());

  it('is live but not ready, and says which dependency is down', async () => {
    expect((await lonely.app.inject({ method: 'GET', url: '/health/live' })).statusCode).toBe(200);
    const ready = await lonely.app.inject({ method: 'GET', url: '/health/ready' });
    expect(ready.statusCode).toBe(503);
    expect(ready.json().details).toMatchObject({ database: { status: 'up' }, nats: { status: 'up' }, redis: { status: 'down' } });
  });
});
