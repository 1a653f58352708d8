import { randomUUID } from 'node:crypto';
import {
  Caller,
  ChangeParticipant,
  ChangePlacement,
  EnrolParticipant,
  EventEnvelope,
  GetParticipant,
  IdeaStageChanged,
  IdeaSubmitted,
  ListAuditLog,
  ListParticipants,
  MemberJoined,
  OrganisationRegistered,
  RecordPlacement,
  RolesChanged,
  SentInputOf,
  SessionHeld,
  StatisticsRun,
} from '@cirkel/contracts';
import { JobQueue } from '@cirkel/jobs';
import { createServiceApp } from '@cirkel/runtime';
import { eventually, publishTestEvent, ServiceUnderTest, startServiceUnderTest, testEvent, TestRequests } from '@cirkel/testing';
import { ReportingModule } from '../src/reporting.module';

/** Participants, placements and the audit log through reporting's requests, against real Postgres and NATS. */
let sut: ServiceUnderTest;
let requests: TestRequests;
const hubId = randomUUID();
const otherHubId = randomUUID();
const [alternatief, inz] = [randomUUID(), randomUUID()];
const ideaId = randomUUID();

const person = (hub: string, hubRoles: Caller['hubRoles'], organisationId: string | null): Caller => ({
  personId: randomUUID(),
  hubId: hub,
  hubRoles,
  memberships: organisationId ? [{ organisationId, role: 'member' }] : [],
});
const coach = person(hubId, ['job_coach'], alternatief);
const coachElsewhere = person(hubId, ['job_coach'], inz);
const memberNotCoach = person(hubId, [], alternatief);
const admin = person(hubId, ['hub_admin'], null);
const city = person(hubId, ['city_staff'], null);
const otherHubCoach = person(otherHubId, ['job_coach'], randomUUID());

const publish = (event: EventEnvelope) => publishTestEvent(sut.nc, sut.config.nats.subjectPrefix, event);

const enrolment = (overrides: Record<string, unknown> = {}): SentInputOf<typeof EnrolParticipant> => ({
  reference: `DOS-${randomUUID().slice(0, 8)}`,
  gender: 'woman',
  ageBand: '18_29',
  labourMarketStatus: 'long_term_unemployed',
  education: 'isced_0_2',
  disability: 'no',
  thirdCountNational: 'declined',
  foreignBackground: 'yes',
  minority: 'declined',
  entryDate: '2026-03-02',
  ...overrides,
});

const placement = { ideaId, employerOrganisationId: alternatief, sector: 'social', contractType: 'art_60', hoursPerWeek: 19, startDate: '2026-04-01' } as const;

beforeAll(async () => {
  sut = await startServiceUnderTest('reporting', (config) => createServiceApp(ReportingModule.forRoot(config), config));
  requests = await TestRequests.connect(sut.config);
  for (const caller of [coach, coachElsewhere, memberNotCoach, admin, city, otherHubCoach]) {
    await publish(testEvent(RolesChanged, caller.hubId, { personId: caller.personId, name: 'Iemand', language: 'nl', hubRoles: caller.hubRoles }, { aggregateVersion: 1 }));
    for (const { organisationId, role } of caller.memberships) {
      await publish(testEvent(MemberJoined, caller.hubId, { organisationId, personId: caller.personId, name: 'Iemand', language: 'nl', role }, { aggregateVersion: 1 }));
    }
  }
  await publish(
    testEvent(
      OrganisationRegistered,
      hubId,
      { organisationId: alternatief, name: 'Alternatief', type: 'social', enterpriseNumber: null, workDomains: ['care'], status: 'pending', registeredBy: { personId: randomUUID(), name: 'Sofie' } },
      { aggregateVersion: 1 },
    ),
  );
  await publish(testEvent(IdeaSubmitted, hubId, { ideaId, title: 'Herstelcafé', workDomain: 'care', strategies: ['repair'], leadOrganisationId: alternatief }, { aggregateVersion: 1 }));
  await eventually(async () => {
    expect(await sut.query('SELECT 1 FROM copied_hub_roles')).toHaveLength(6);
    expect(await sut.query('SELECT 1 FROM copied_membership')).toHaveLength(4);
    expect(await sut.query(`SELECT type, status FROM known_organisation`)).toEqual([{ type: 'social', status: 'pending' }]);
    expect(await sut.query(`SELECT work_domain, stage FROM known_idea`)).toEqual([{ work_domain: 'care', stage: 'submitted' }]);
  });
});

afterAll(async () => {
  await requests?.close();
  await sut?.stop();
});

describe('enrolment', () => {
  it('enrols a participant of the job coach’s organisation with the indicators only, and publishes no indicator', async () => {
    const data = enrolment();
    const participant = await requests.request(EnrolParticipant, coach, data);
    expect(participant).toMatchObject({ organisationId: alternatief, gender: 'woman', thirdCountNational: 'declined', entryDate: '2026-03-02', exitDate: null, placements: [] });
    expect(JSON.stringify(participant)).not.toContain(data.reference);
    const [row] = await sut.query<Record<string, unknown>>('SELECT * FROM participant WHERE id = $1', [participant.id]);
    expect(JSON.stringify(row)).not.toContain(data.reference);
    const events = await sut.query<{ envelope: EventEnvelope }>(`SELECT envelope FROM outbox WHERE envelope->'data'->>'participantId' = $1`, [participant.id]);
    expect(events.map((e) => [e.envelope.type, e.envelope.data])).toEqual([
      ['reporting.participant-enrolled', { participantId: participant.id, organisationId: alternatief, entryDate: '2026-03-02' }],
    ]);
  });

  it('refuses a field the schema does not know (a name, a national number) with a 400 naming it', async () => {
    for (const [field, value] of [['name', 'Jan Peeters'], ['nationalNumber', '85073003328'], ['birthDate', '1985-07-30']]) {
      const problem = await requests.problem(EnrolParticipant, coach, { ...enrolment(), [field]: value });
      expect(problem).toMatchObject({ type: 'validation-failed', status: 400, errors: [{ field, message: 'unknown field' }] });
    }
    expect(await requests.problem(EnrolParticipant, coach, enrolment({ gender: 'x' }))).toMatchObject({ status: 400, errors: [{ field: 'gender' }] });
    expect(await requests.problem(EnrolParticipant, coach, enrolment({ disability: undefined }))).toMatchObject({ status: 400, errors: [{ field: 'disability' }] });
  });

  it('finds the same participant again by the same reference (hashed with a key, per hub), and another one in another hub', async () => {
    const reference = `ref-${randomUUID().slice(0, 6)}`;
    const first = await requests.request(EnrolParticipant, coach, enrolment({ reference }));
    expect(await requests.problem(EnrolParticipant, coach, enrolment({ reference: ` ${reference.toUpperCase()} ` }))).toMatchObject({ type: 'participant-already-enrolled', status: 409 });
    expect((await requests.request(ListParticipants, coach, { reference })).items.map((p) => p.id)).toEqual([first.id]);
    const elsewhere = await requests.request(EnrolParticipant, otherHubCoach, enrolment({ reference }));
    expect(elsewhere.id).not.toBe(first.id);
    const hashes = await sut.query<{ reference_hash: string }>('SELECT reference_hash FROM participant WHERE id = ANY($1) ORDER BY hub_id = $2', [[first.id, elsewhere.id], hubId]);
    expect(hashes).toHaveLength(2);
    expect(hashes[0].reference_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(hashes[0].reference_hash).not.toBe(hashes[1].reference_hash);
  });
});

describe('rights', () => {
  it('lets the job coach of the organisation and hub admins see a participant; not a job coach of another organisation, a member who is no job coach, city staff or another hub', async () => {
    const participant = await requests.request(EnrolParticipant, coach, enrolment());
    expect((await requests.request(GetParticipant, coach, { participantId: participant.id })).id).toBe(participant.id);
    expect((await requests.request(GetParticipant, admin, { participantId: participant.id })).id).toBe(participant.id);
    expect(await requests.problem(GetParticipant, coachElsewhere, { participantId: participant.id })).toMatchObject({ type: 'participant-not-found', status: 404 });
    expect(await requests.problem(GetParticipant, otherHubCoach, { participantId: participant.id })).toMatchObject({ type: 'participant-not-found', status: 404 });
    for (const caller of [memberNotCoach, city]) expect(await requests.problem(GetParticipant, caller, { participantId: participant.id })).toMatchObject({ type: 'forbidden', status: 403 });
    expect((await requests.request(ListParticipants, coachElsewhere, {})).items.map((p) => p.id)).not.toContain(participant.id);
    expect((await requests.request(ListParticipants, admin, { limit: 100 })).items.map((p) => p.id)).toContain(participant.id);
    expect(await requests.problem(ListParticipants, city, {})).toMatchObject({ type: 'forbidden', status: 403 });
    expect(await requests.problem(EnrolParticipant, admin, enrolment())).toMatchObject({ type: 'forbidden', status: 403 });
    expect(await requests.problem(ChangeParticipant, admin, { participantId: participant.id, changes: { exitDate: '2026-09-30' } })).toMatchObject({ type: 'forbidden', status: 403 });
    expect(await requests.problem(ChangeParticipant, coachElsewhere, { participantId: participant.id, changes: { exitDate: '2026-09-30' } })).toMatchObject({ status: 404 });
  });
});

describe('placements and the audit log', () => {
  it('records a placement (FTE = hours / 38) linked to a known idea and employer, ends it, and audits every read and change', async () => {
    const participant = await requests.request(EnrolParticipant, coach, enrolment());
    const recorded = await requests.request(RecordPlacement, coach, { participantId: participant.id, placement });
    expect(recorded).toMatchObject({ participantId: participant.id, sector: 'social', hoursPerWeek: 19, fte: 0.5, endDate: null });
    expect(await requests.problem(RecordPlacement, coach, { participantId: participant.id, placement: { ...placement, ideaId: randomUUID() } })).toMatchObject({ type: 'idea-not-known', status: 404 });
    expect(await requests.problem(RecordPlacement, coach, { participantId: participant.id, placement: { ...placement, employerOrganisationId: randomUUID() } })).toMatchObject({ type: 'employer-not-known', status: 404 });
    expect(await requests.problem(RecordPlacement, coachElsewhere, { participantId: participant.id, placement })).toMatchObject({ status: 404 });
    expect(await requests.problem(ChangePlacement, coach, { placementId: recorded.id, changes: { endDate: '2026-03-01' } })).toMatchObject({ status: 400, errors: [{ field: 'endDate' }] });
    const ended = await requests.request(ChangePlacement, coach, { placementId: recorded.id, changes: { endDate: '2026-10-31' } });
    expect(ended.endDate).toBe('2026-10-31');
    const changed = await requests.request(ChangeParticipant, coach, { participantId: participant.id, changes: { exitDate: '2026-11-15', resultsAtExit: ['employed', 'qualification_gained'] } });
    expect(changed).toMatchObject({ exitDate: '2026-11-15', resultsAtExit: ['employed', 'qualification_gained'], placements: [{ id: recorded.id, endDate: '2026-10-31' }] });
    await requests.request(GetParticipant, admin, { participantId: participant.id });

    const events = await sut.query<{ envelope: EventEnvelope }>(`SELECT envelope FROM outbox WHERE envelope->'data'->>'participantId' = $1 ORDER BY seq`, [participant.id]);
    expect(events.map((e) => e.envelope.type)).toEqual(['reporting.participant-enrolled', 'reporting.placement-recorded', 'reporting.placement-ended']);
    for (const e of events) expect(Object.keys(e.envelope.data as object)).not.toEqual(expect.arrayContaining(['gender']));

    const log = await requests.request(ListAuditLog, admin, { participantId: participant.id });
    expect(log.items.map((e) => [e.action, e.personId, e.fields])).toEqual([
      ['participant-read', admin.personId, []],
      ['participant-changed', coach.personId, ['exitDate', 'resultsAtExit']],
      ['placement-changed', coach.personId, ['endDate']],
      ['placement-recorded', coach.personId, ['contractType', 'employerOrganisationId', 'endDate', 'hoursPerWeek', 'ideaId', 'sector', 'startDate']],
      ['participant-enrolled', coach.personId, expect.arrayContaining(['gender', 'minority'])],
    ]);
    expect(await requests.problem(ListAuditLog, coach, {})).toMatchObject({ type: 'forbidden', status: 403 });
  });

  it('audits each participant a list shows', async () => {
    const participant = await requests.request(EnrolParticipant, coachElsewhere, enrolment());
    await requests.request(ListParticipants, coachElsewhere, { limit: 100 });
    const log = await requests.request(ListAuditLog, admin, { participantId: participant.id });
    expect(log.items.map((e) => [e.action, e.personId])).toEqual([
      ['participant-listed', coachElsewhere.personId],
      ['participant-enrolled', coachElsewhere.personId],
    ]);
  });
});

describe('statistics counted again after a correction', () => {
  const queue = () => sut.app.get(JobQueue).queueOf(StatisticsRun);
  let since = 0;
  /** The years of the hub's statistics runs queued since clearQueued (waiting their 5 s, or run already: at load the 5 s may pass). */
  const queuedYears = async () =>
    (await queue().getJobs(['delayed', 'waiting', 'active', 'completed', 'failed']))
      .filter((j) => j.data.hubId === hubId && j.timestamp >= since)
      .map((j) => j.data.year as number)
      .sort();
  /** Forgets what earlier requests queued, and their coalescing windows. */
  const clearQueued = async () => {
    for (const job of await queue().getDelayed()) if (job.data.hubId === hubId) await job.remove();
    for (const year of [2024, 2025, 2026]) await queue().removeDeduplicationKey(`${hubId}.${year}`);
    since = Date.now();
  };

  it('recounts the years a participant’s jobs started in when one of their indicators is corrected', async () => {
    const participant = await requests.request(EnrolParticipant, coach, enrolment({ entryDate: '2026-01-05' }));
    await requests.request(RecordPlacement, coach, { participantId: participant.id, placement: { ...placement, startDate: '2025-12-01' } });
    await clearQueued();
    await requests.request(ChangeParticipant, coach, { participantId: participant.id, changes: { gender: 'man' } });
    expect(await queuedYears()).toEqual([2025, 2026]);
    // Their results only: the years of their entry (and exit) alone, as before.
    await clearQueued();
    await requests.request(ChangeParticipant, coach, { participantId: participant.id, changes: { resultsAtExit: ['employed'] } });
    expect(await queuedYears()).toEqual([2026]);
  });

  it('recounts the years of an idea’s jobs recorded before its work domain was known', async () => {
    const late = randomUUID();
    await publish(testEvent(IdeaStageChanged, hubId, { ideaId: late, from: 'submitted', to: 'screening', reason: null, leadOrganisationId: alternatief }, { aggregateVersion: 2 }));
    await eventually(async () => expect(await sut.query('SELECT work_domain FROM known_idea WHERE id = $1', [late])).toEqual([{ work_domain: null }]));
    const participant = await requests.request(EnrolParticipant, coach, enrolment({ entryDate: '2026-01-05' }));
    await requests.request(RecordPlacement, coach, { participantId: participant.id, placement: { ...placement, ideaId: late, startDate: '2024-09-02' } });
    await clearQueued();
    await publish(testEvent(IdeaSubmitted, hubId, { ideaId: late, title: 'Later', workDomain: 'green', strategies: ['repair'], leadOrganisationId: alternatief }, { aggregateVersion: 1 }));
    await eventually(async () => expect(await queuedYears()).toEqual([2024]));
  });
});

describe('read models of other contexts', () => {
  it('keeps each coaching session held once, on its Brussels day, with its hours', async () => {
    const sessionId = randomUUID();
    const held = testEvent(
      SessionHeld,
      hubId,
      { sessionId, assignmentId: randomUUID(), ideaId, ideaTitle: 'Herstelcafé', mentorId: randomUUID(), participantIds: [randomUUID(), randomUUID()], startsAt: '2026-03-31T22:30:00.000Z', durationMinutes: 90, place: 'Portavida', hours: 1.5, actionItemCount: 2 },
      { aggregateVersion: 3 },
    );
    await publish(held);
    await publish({ ...held, id: randomUUID() }); // published again by a retry: the same session
    await eventually(async () => expect(await sut.query(`SELECT to_char(day, 'YYYY-MM-DD') AS day, hours, participant_count FROM held_session WHERE session_id = $1`, [sessionId])).toEqual([{ day: '2026-04-01', hours: '1.50', participant_count: 2 }]));
  });
});
