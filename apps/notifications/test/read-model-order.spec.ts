import { randomUUID } from 'node:crypto';
import { EventEnvelope, EventOf, MentorProfileChanged, OrganisationApproved, OrganisationRejected, OrganisationUpdated } from '@cirkel/contracts';
import { createServiceApp } from '@cirkel/runtime';
import { differingDeliveries, handleInTransaction, ServiceUnderTest, startServiceUnderTest, testEvent, TestSmtpServer } from '@cirkel/testing';
import { DataSource } from 'typeorm';
import { MentorProfilesHandler } from '../src/mentors/mentor-profiles.handler';
import { NotificationsModule } from '../src/notifications.module';
import { OrganisationsHandler } from '../src/organisations/organisations.handler';

/**
 * Issue 6, finding 2: notifications' copies of organisations' status and of mentors' profiles end in
 * the same state whatever order (and how often) the events of one aggregate arrive — replicas, naks
 * and re-sent batches deliver them shuffled and duplicated.
 */
let sut: ServiceUnderTest;
let smtp: TestSmtpServer;
const hubId = randomUUID();

beforeAll(async () => {
  smtp = await new TestSmtpServer().start();
  sut = await startServiceUnderTest('notifications', (config) =>
    createServiceApp(NotificationsModule.forRoot(config, { mail: { smtpUrl: smtp.url, from: 'Cirkel <no-reply@cirkel.test>' }, unsubscribeSecret: 'a-test-secret-of-at-least-32-characters' }), config),
  );
});

afterAll(async () => {
  await sut?.stop();
  await smtp?.stop();
});

it("keeps each organisation's newest status whatever order its events arrive in", async () => {
  const [kept, turnedDown] = [randomUUID(), randomUUID()];
  const facts = (organisationId: string, name: string) => ({ organisationId, name, type: 'social' as const, enterpriseNumber: null, workDomains: ['care' as const] });
  const events: EventEnvelope[] = [
    // Renamed while pending (v2), approved (v3), renamed again (v4).
    testEvent(OrganisationUpdated, hubId, { ...facts(kept, 'Kringwinkel'), status: 'pending' }, { aggregateVersion: 2 }),
    testEvent(OrganisationApproved, hubId, { organisationId: kept, name: 'Kringwinkel', approvedBy: randomUUID() }, { aggregateVersion: 3 }),
    testEvent(OrganisationUpdated, hubId, { ...facts(kept, 'De Kringwinkel'), status: 'active' }, { aggregateVersion: 4 }),
    // Renamed while pending (v2), then rejected (v3): a late pending must not undo the rejection.
    testEvent(OrganisationUpdated, hubId, { ...facts(turnedDown, 'Repair Genk'), status: 'pending' }, { aggregateVersion: 2 }),
    testEvent(OrganisationRejected, hubId, { organisationId: turnedDown, name: 'Repair Genk', reason: 'geen sociale economie', rejectedBy: randomUUID() }, { aggregateVersion: 3 }),
  ];
  const handler = sut.app.get(OrganisationsHandler);
  const dataSource = sut.app.get(DataSource);
  const differing = await differingDeliveries(events, {
    reset: async () => void (await sut.query('DELETE FROM organisation_status WHERE organisation_id = ANY($1)', [[kept, turnedDown]])),
    apply: (event) =>
      handleInTransaction(dataSource, event, (e, ctx) => {
        if (e.type === OrganisationApproved.type) return handler.approved(e as EventOf<typeof OrganisationApproved>, ctx);
        if (e.type === OrganisationRejected.type) return handler.rejected(e as EventOf<typeof OrganisationRejected>, ctx);
        return handler.updated(e as EventOf<typeof OrganisationUpdated>, ctx);
      }),
    state: () => sut.query('SELECT organisation_id, status, version FROM organisation_status WHERE organisation_id = ANY($1) ORDER BY status', [[kept, turnedDown]]),
  });
  expect(differing).toEqual([]);
  expect(await sut.query('SELECT organisation_id, status FROM organisation_status WHERE organisation_id = ANY($1) ORDER BY status', [[kept, turnedDown]])).toEqual([
    { organisation_id: kept, status: 'active' },
    { organisation_id: turnedDown, status: 'rejected' },
  ]);
});

it("keeps each mentor's newest profile whatever order its changes arrive in", async () => {
  const personId = randomUUID();
  const events = [
    testEvent(MentorProfileChanged, hubId, { personId, workDomains: ['care'], capacity: 2, unavailableUntil: null }, { aggregateVersion: 1 }),
    testEvent(MentorProfileChanged, hubId, { personId, workDomains: ['green'], capacity: 0, unavailableUntil: '2027-01-15T00:00:00+01:00' }, { aggregateVersion: 2 }),
    testEvent(MentorProfileChanged, hubId, { personId, workDomains: ['green', 'mobility'], capacity: 1, unavailableUntil: null }, { aggregateVersion: 3 }),
  ];
  const handler = sut.app.get(MentorProfilesHandler);
  const dataSource = sut.app.get(DataSource);
  const differing = await differingDeliveries(events, {
    reset: async () => void (await sut.query('DELETE FROM mentor_profile WHERE person_id = $1', [personId])),
    apply: (event) => handleInTransaction(dataSource, event, (e, ctx) => handler.profileChanged(e, ctx)),
    state: () => sut.query('SELECT work_domains, capacity, unavailable_until, version FROM mentor_profile WHERE person_id = $1', [personId]),
  });
  expect(differing).toEqual([]);
  expect(await sut.query('SELECT work_domains, capacity, unavailable_until FROM mentor_profile WHERE person_id = $1', [personId])).toEqual([
    { work_domains: ['green', 'mobility'], capacity: 1, unavailable_until: null },
  ]);
});
