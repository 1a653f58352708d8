import { randomUUID } from 'node:crypto';
import { AttendanceRecorded, CancelRegistration, EventData, RegistrationChanged, Caller, CreateProgramme, EventEnvelope, GetProgramme, ListProgrammes, MemberJoined, RecordAttendance, RegisterForProgramme, RolesChanged } from '@cirkel/contracts';
import { createServiceApp } from '@cirkel/runtime';
import { eventually, publishTestEvent, ServiceUnderTest, startServiceUnderTest, testEvent, TestRequests } from '@cirkel/testing';
import { CoachingModule } from '../src/coaching.module';

/** Programmes ("1+1=11"): places, the waiting list, promotion on a cancellation, attendance; against real Postgres and NATS. */
let sut: ServiceUnderTest;
let requests: TestRequests;
const hubId = randomUUID();
const organisationId = randomUUID();
const admin: Caller = { personId: randomUUID(), hubId, hubRoles: ['hub_admin'], memberships: [] };
const orgAdmin: Caller = { personId: randomUUID(), hubId, hubRoles: [], memberships: [{ organisationId, role: 'org_admin' }] };
const colleague: Caller = { personId: randomUUID(), hubId, hubRoles: [], memberships: [{ organisationId, role: 'member' }] };
const people: Caller[] = Array.from({ length: 20 }, () => ({ personId: randomUUID(), hubId, hubRoles: [], memberships: [] }));
const publish = (event: EventEnvelope) => publishTestEvent(sut.nc, sut.config.nats.subjectPrefix, event);
/** The registration-changed events of a programme in the outbox, in the order written. */
async function registrationChanges(programmeId: string): Promise<EventEnvelope<EventData<typeof RegistrationChanged>>[]> {
  const rows = await sut.query<{ envelope: EventEnvelope<EventData<typeof RegistrationChanged>> }>(
    `SELECT envelope FROM outbox WHERE envelope->>'type' = $1 AND envelope->'data'->>'programmeId' = $2 ORDER BY seq`,
    [RegistrationChanged.type, programmeId],
  );
  return rows.map((r) => r.envelope);
}
const workshop = {
  title: '1+1=11',
  capacity: 5,
  sessions: [
    { startsAt: '2027-01-12T13:00:00+01:00', endsAt: '2027-01-12T17:00:00+01:00', location: 'Portavida, Genk' },
    { startsAt: '2027-01-19T13:00:00+01:00', endsAt: '2027-01-19T17:00:00+01:00', location: 'Portavida, Genk' },
    { startsAt: '2027-01-26T13:00:00+01:00', endsAt: '2027-01-26T17:00:00+01:00', location: 'Portavida, Genk' },
  ],
};

beforeAll(async () => {
  sut = await startServiceUnderTest('coaching', (config) => createServiceApp(CoachingModule.forRoot(config), config));
  requests = await TestRequests.connect(sut.config);
  for (const who of [admin, orgAdmin, colleague, ...people]) {
    await publish(testEvent(RolesChanged, hubId, { personId: who.personId, name: 'Deelnemer', language: 'nl', hubRoles: who.hubRoles }, { aggregateVersion: 1 }));
  }
  for (const who of [orgAdmin, colleague]) {
    await publish(testEvent(MemberJoined, hubId, { organisationId, personId: who.personId, name: 'Collega', language: 'nl', role: who.memberships[0].role }, { aggregateVersion: 1 }));
  }
  await eventually(async () => expect(await sut.query('SELECT 1 FROM copied_hub_roles')).toHaveLength(23));
  await eventually(async () => expect(await sut.query('SELECT 1 FROM copied_membership')).toHaveLength(2));
});

afterAll(async () => {
  await requests?.close();
  await sut?.stop();
});

it('gives twenty people who register at once for five places exactly five places and a waiting list of fifteen, and the first on it the place of a cancellation', async () => {
  const programme = await requests.request(CreateProgramme, admin, workshop);
  expect(programme).toMatchObject({ title: '1+1=11', capacity: 5, confirmed: 0, waitlisted: 0, registrations: [] });
  expect(programme.sessions.map((s) => s.startsAt)).toEqual(['2027-01-12T12:00:00.000Z', '2027-01-19T12:00:00.000Z', '2027-01-26T12:00:00.000Z']);

  const registered = await Promise.all(people.map((who) => requests.request(RegisterForProgramme, who, { programmeId: programme.id })));
  expect(registered.filter((r) => r.status === 'confirmed')).toHaveLength(5);
  expect(registered.filter((r) => r.status === 'waitlisted')).toHaveLength(15);
  const seen = await requests.request(GetProgramme, admin, { programmeId: programme.id });
  expect(seen).toMatchObject({ confirmed: 5, waitlisted: 15 });
  expect(seen.registrations!.filter((r) => r.status === 'waitlisted').map((r) => r.waitlistPosition)).toEqual(Array.from({ length: 15 }, (_, i) => i + 1));
  expect(await requests.problem(RegisterForProgramme, people[0], { programmeId: programme.id })).toMatchObject({ type: 'already-registered', status: 409 });

  // A confirmed person cancels: the first on the waiting list gets the place, and is told by the event.
  const first = seen.registrations!.find((r) => r.waitlistPosition === 1)!;
  const leaving = registered.find((r) => r.status === 'confirmed')!;
  const leaver = people.find((p) => p.personId === leaving.personId)!;
  expect(await requests.problem(CancelRegistration, people.find((p) => p.personId === first.personId)!, { programmeId: programme.id, registrationId: leaving.id })).toMatchObject({ type: 'registration-not-found', status: 404 });
  expect(await requests.request(CancelRegistration, leaver, { programmeId: programme.id, registrationId: leaving.id })).toMatchObject({ status: 'cancelled' });
  const after = await requests.request(GetProgramme, people.find((p) => p.personId === first.personId)!, { programmeId: programme.id });
  expect(after).toMatchObject({ confirmed: 5, waitlisted: 14, registrations: null, myRegistration: { id: first.id, status: 'confirmed', waitlistPosition: null } });
  const promoted = await sut.query<{ envelope: EventEnvelope }>(`SELECT envelope FROM outbox WHERE envelope->>'type' = 'coaching.registration-promoted'`);
  expect(promoted.map((p) => p.envelope.data)).toEqual([{ programmeId: programme.id, programmeTitle: '1+1=11', registrationId: first.id, personId: first.personId }]);
  expect(await requests.problem(CancelRegistration, leaver, { programmeId: programme.id, registrationId: leaving.id })).toMatchObject({ type: 'registration-cancelled', status: 409 });
  // Reporting's facts: one registration-changed per registration, then the cancellation and the promotion, each the registration's next version.
  const changes = await registrationChanges(programme.id);
  expect(changes.filter((c) => c.data.status === 'confirmed')).toHaveLength(5);
  expect(changes.filter((c) => c.data.status === 'waitlisted')).toHaveLength(15);
  expect(changes.slice(20).map((c) => [c.data.registrationId, c.data.status, c.aggregate?.version, c.data.confirmed, c.data.waitlisted])).toEqual([
    [leaving.id, 'cancelled', 2, 5, 14],
    [first.id, 'promoted', 2, 5, 14],
  ]);
  expect(changes[0].aggregate).toEqual({ type: 'programme-registration', id: changes[0].data.registrationId, version: 1 });
  expect(changes[0].data).toMatchObject({ programmeId: programme.id, capacity: 5, organisationId: null });

  // A waitlisted person who cancels frees no place: nobody is promoted.
  const waiting = (await requests.request(GetProgramme, admin, { programmeId: programme.id })).registrations!.find((r) => r.waitlistPosition === 1)!;
  await requests.request(CancelRegistration, admin, { programmeId: programme.id, registrationId: waiting.id });
  expect(await sut.query(`SELECT 1 FROM outbox WHERE envelope->>'type' = 'coaching.registration-promoted'`)).toHaveLength(1);
});

it('lets an org_admin register a colleague (and only a colleague), hub admins alone create programmes and record attendance', async () => {
  const programme = await requests.request(CreateProgramme, admin, { ...workshop, title: '1+1=11 (voorjaar)', capacity: 2 });
  expect(await requests.problem(CreateProgramme, orgAdmin, workshop)).toMatchObject({ type: 'forbidden', status: 403 });
  const forColleague = await requests.request(RegisterForProgramme, orgAdmin, { programmeId: programme.id, personId: colleague.personId });
  expect(forColleague).toMatchObject({ personId: colleague.personId, status: 'confirmed' });
  expect(await requests.problem(RegisterForProgramme, orgAdmin, { programmeId: programme.id, personId: people[0].personId })).toMatchObject({ type: 'not-your-colleague', status: 403 });
  expect(await requests.problem(RegisterForProgramme, colleague, { programmeId: programme.id, personId: orgAdmin.personId })).toMatchObject({ type: 'not-your-colleague', status: 403 });
  const own = await requests.request(RegisterForProgramme, orgAdmin, { programmeId: programme.id });
  const waitlisted = await requests.request(RegisterForProgramme, people[1], { programmeId: programme.id });
  expect(waitlisted).toMatchObject({ status: 'waitlisted', waitlistPosition: 1 });

  const [firstAfternoon] = programme.sessions;
  const recorded = await requests.request(RecordAttendance, admin, { programmeId: programme.id, sessionId: firstAfternoon.id, presentRegistrationIds: [forColleague.id] });
  expect(recorded.registrations!.map((r) => [r.id, r.attendedSessionIds])).toEqual([
    [forColleague.id, [firstAfternoon.id]],
    [own.id, []],
    [waitlisted.id, []],
  ]);
  expect(await requests.problem(RecordAttendance, admin, { programmeId: programme.id, sessionId: firstAfternoon.id, presentRegistrationIds: [waitlisted.id] })).toMatchObject({ type: 'not-confirmed', status: 422 });
  expect((await registrationChanges(programme.id)).map((c) => [c.data.personId, c.data.organisationId, c.data.status])).toEqual([
    [colleague.personId, organisationId, 'confirmed'],
    [orgAdmin.personId, organisationId, 'confirmed'],
    [people[1].personId, null, 'waitlisted'],
  ]);
  await requests.request(RecordAttendance, admin, { programmeId: programme.id, sessionId: firstAfternoon.id, presentRegistrationIds: [forColleague.id, own.id] });
  const attendance = await sut.query<{ envelope: EventEnvelope<EventData<typeof AttendanceRecorded>> }>(
    `SELECT envelope FROM outbox WHERE envelope->>'type' = 'coaching.attendance-recorded' AND envelope->'data'->>'programmeId' = $1 ORDER BY seq`,
    [programme.id],
  );
  expect(attendance.map((a) => [a.envelope.aggregate, a.envelope.data.presentRegistrationIds, a.envelope.data.absentRegistrationIds, a.envelope.data.present, a.envelope.data.absent])).toEqual([
    [{ type: 'programme-session', id: firstAfternoon.id, version: 1 }, [forColleague.id], [own.id], 1, 1],
    [{ type: 'programme-session', id: firstAfternoon.id, version: 2 }, [forColleague.id, own.id], [], 2, 0],
  ]);
  expect(await requests.problem(RecordAttendance, orgAdmin, { programmeId: programme.id, sessionId: firstAfternoon.id, presentRegistrationIds: [] })).toMatchObject({ type: 'forbidden', status: 403 });
  expect((await requests.request(ListProgrammes, colleague, {})).items.find((p) => p.id === programme.id)).toMatchObject({ myRegistration: { id: forColleague.id }, registrations: null });
  expect(await requests.problem(GetProgramme, { ...admin, hubId: randomUUID() }, { programmeId: programme.id })).toMatchObject({ type: 'programme-not-found', status: 404 });
});

it('asks a person of several organisations which one a registration is for, and takes only one of theirs', async () => {
  const other = randomUUID();
  const twoHats: Caller = { personId: randomUUID(), hubId, hubRoles: [], memberships: [{ organisationId, role: 'member' }, { organisationId: other, role: 'org_admin' }] };
  await publish(testEvent(RolesChanged, hubId, { personId: twoHats.personId, name: 'Twee petten', language: 'nl', hubRoles: [] }, { aggregateVersion: 1 }));
  for (const m of twoHats.memberships) await publish(testEvent(MemberJoined, hubId, { organisationId: m.organisationId, personId: twoHats.personId, name: 'Twee petten', language: 'nl', role: m.role }, { aggregateVersion: 1 }));
  await eventually(async () => expect(await sut.query('SELECT 1 FROM copied_membership WHERE person_id = $1', [twoHats.personId])).toHaveLength(2));
  const programme = await requests.request(CreateProgramme, admin, { ...workshop, title: '1+1=11 (najaar)' });

  // Two organisations: the first of them was taken before, whichever it was; now the person says which.
  expect(await requests.problem(RegisterForProgramme, twoHats, { programmeId: programme.id })).toMatchObject({ type: 'organisation-ambiguous', status: 422 });
  expect(await requests.problem(RegisterForProgramme, twoHats, { programmeId: programme.id, organisationId: randomUUID() })).toMatchObject({ type: 'not-your-organisation', status: 403 });
  expect(await requests.request(RegisterForProgramme, twoHats, { programmeId: programme.id, organisationId: other })).toMatchObject({ personId: twoHats.personId, status: 'confirmed' });
  // One organisation: taken without asking; an org_admin registering a colleague may name the organisation they share.
  await requests.request(RegisterForProgramme, colleague, { programmeId: programme.id });
  expect(await requests.problem(RegisterForProgramme, orgAdmin, { programmeId: programme.id, personId: people[2].personId, organisationId })).toMatchObject({ type: 'not-your-colleague', status: 403 });
  expect((await registrationChanges(programme.id)).map((c) => [c.data.personId, c.data.organisationId])).toEqual([
    [twoHats.personId, other],
    [colleague.personId, organisationId],
  ]);
});
