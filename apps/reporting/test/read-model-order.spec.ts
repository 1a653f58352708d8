import { randomUUID } from 'node:crypto';
import {
  AttendanceRecorded,
  EventEnvelope,
  EventOf,
  IdeaStageChanged,
  IdeaSubmitted,
  OrganisationApproved,
  OrganisationRegistered,
  OrganisationRejected,
  OrganisationUpdated,
  RegistrationChanged,
} from '@cirkel/contracts';
import { createServiceApp } from '@cirkel/runtime';
import { DataSource } from 'typeorm';
import { differingDeliveries, handleInTransaction, ServiceUnderTest, startServiceUnderTest, testEvent } from '@cirkel/testing';
import { DirectoryHandler } from '../src/directory/directory.handler';
import { ProgrammeActivityHandler } from '../src/directory/programme-activity.handler';
import { ReportingModule } from '../src/reporting.module';

/**
 * Reporting's read models of other contexts' events end in the same state whatever the order of
 * delivery and however often an event comes (20 seeded shuffles with duplicates each): the newest
 * version wins what changes, a fact that never changes is kept from whichever event brings it.
 */
let sut: ServiceUnderTest;
const hubId = randomUUID();

beforeAll(async () => {
  sut = await startServiceUnderTest('reporting', (config) => createServiceApp(ReportingModule.forRoot(config), config));
});

afterAll(() => sut?.stop());

function apply(event: EventEnvelope): Promise<void> {
  const directory = sut.app.get(DirectoryHandler);
  const programmes = sut.app.get(ProgrammeActivityHandler);
  return handleInTransaction(sut.app.get(DataSource), event, (e, ctx) => {
    switch (e.type) {
      case OrganisationRegistered.type:
        return directory.registered(e as EventOf<typeof OrganisationRegistered>, ctx);
      case OrganisationUpdated.type:
        return directory.updated(e as EventOf<typeof OrganisationUpdated>, ctx);
      case OrganisationApproved.type:
        return directory.approved(e as EventOf<typeof OrganisationApproved>, ctx);
      case OrganisationRejected.type:
        return directory.rejected(e as EventOf<typeof OrganisationRejected>, ctx);
      case IdeaSubmitted.type:
        return directory.submitted(e as EventOf<typeof IdeaSubmitted>, ctx);
      case IdeaStageChanged.type:
        return directory.stageChanged(e as EventOf<typeof IdeaStageChanged>, ctx);
      case RegistrationChanged.type:
        return programmes.registrationChanged(e as EventOf<typeof RegistrationChanged>, ctx);
      case AttendanceRecorded.type:
        return programmes.attendanceRecorded(e as EventOf<typeof AttendanceRecorded>, ctx);
      default:
        throw new Error(`no handler for ${e.type} in this test`);
    }
  });
}

it('keeps an organisation’s type from its newest fact that names one, its status from its newest fact, and the days it registered and was approved', async () => {
  const organisationId = randomUUID();
  const facts = { organisationId, name: 'Kringwinkel Genk', enterpriseNumber: null, workDomains: ['care' as const] };
  // Registered as social, corrected to regular while pending, approved (no type in the approval), renamed.
  const life = [
    testEvent(OrganisationRegistered, hubId, { ...facts, type: 'social', status: 'pending', registeredBy: { personId: randomUUID(), name: 'Jan' } }, { aggregateVersion: 1, occurredAt: '2026-03-02T09:00:00Z' }),
    testEvent(OrganisationUpdated, hubId, { ...facts, type: 'regular', status: 'pending' }, { aggregateVersion: 2, occurredAt: '2026-03-03T09:00:00Z' }),
    testEvent(OrganisationApproved, hubId, { organisationId, name: facts.name, approvedBy: randomUUID() }, { aggregateVersion: 3, occurredAt: '2026-03-04T09:00:00Z' }),
    testEvent(OrganisationUpdated, hubId, { ...facts, name: 'De Kringwinkel Genk', type: 'regular', status: 'active' }, { aggregateVersion: 4, occurredAt: '2026-03-05T09:00:00Z' }),
  ];
  const state = () => sut.query(`SELECT type, status, version, to_char(registered_on, 'YYYY-MM-DD') AS registered, to_char(approved_on, 'YYYY-MM-DD') AS approved FROM known_organisation WHERE id = $1`, [organisationId]);
  const model = { reset: async () => void (await sut.query('DELETE FROM known_organisation WHERE id = $1', [organisationId])), apply, state };
  expect(await differingDeliveries(life, model)).toEqual([]);
  expect(await differingDeliveries(life.slice(0, 3), model)).toEqual([]);
  expect(await state()).toEqual([{ type: 'regular', status: 'active', version: 3, registered: '2026-03-02', approved: '2026-03-04' }]);
});

it('keeps an idea’s work domain and submission day from ideas.submitted, its stage from the newest move, each move once', async () => {
  const ideaId = randomUUID();
  const leadOrganisationId = randomUUID();
  const move = (from: 'draft' | 'submitted' | 'screening', to: 'submitted' | 'screening' | 'coaching', version: number, day: string) =>
    testEvent(IdeaStageChanged, hubId, { ideaId, from, to, reason: null, leadOrganisationId }, { aggregateVersion: version, occurredAt: `${day}T10:00:00Z` });
  const life = [
    testEvent(IdeaSubmitted, hubId, { ideaId, title: 'Herstelcafé', workDomain: 'green', strategies: ['repair'], leadOrganisationId }, { aggregateVersion: 1, occurredAt: '2026-02-10T10:00:00Z' }),
    move('draft', 'submitted', 2, '2026-02-10'),
    move('submitted', 'screening', 3, '2026-02-12'),
    move('screening', 'coaching', 4, '2026-02-20'),
  ];
  const state = async () => ({
    idea: await sut.query(`SELECT work_domain, stage, version, to_char(submitted_on, 'YYYY-MM-DD') AS submitted FROM known_idea WHERE id = $1`, [ideaId]),
    moves: await sut.query(`SELECT from_stage, to_stage, to_char(day, 'YYYY-MM-DD') AS day FROM stage_movement WHERE idea_id = $1 ORDER BY day, from_stage`, [ideaId]),
  });
  const reset = async () => {
    await sut.query('DELETE FROM known_idea WHERE id = $1', [ideaId]);
    await sut.query('DELETE FROM stage_movement WHERE idea_id = $1', [ideaId]);
  };
  expect(await differingDeliveries(life, { reset, apply, state })).toEqual([]);
  expect(await state()).toEqual({
    idea: [{ work_domain: 'green', stage: 'coaching', version: 4, submitted: '2026-02-10' }],
    moves: [
      { from_stage: 'draft', to_stage: 'submitted', day: '2026-02-10' },
      { from_stage: 'submitted', to_stage: 'screening', day: '2026-02-12' },
      { from_stage: 'screening', to_stage: 'coaching', day: '2026-02-20' },
    ],
  });
});

it('keeps a programme registration’s day from the event that made it and its newest status, and a session’s newest attendance', async () => {
  const programmeId = randomUUID();
  const registrationId = randomUUID();
  const programmeSessionId = randomUUID();
  const registration = (status: 'waitlisted' | 'promoted' | 'cancelled', version: number, day: string) =>
    testEvent(RegistrationChanged, hubId, { programmeId, registrationId, personId: randomUUID(), organisationId: null, status, capacity: 5, confirmed: 5, waitlisted: 1 }, { aggregateVersion: version, occurredAt: `${day}T10:00:00Z` });
  const attendance = (present: number, version: number) =>
    testEvent(
      AttendanceRecorded,
      hubId,
      { programmeId, programmeSessionId, startsAt: '2026-04-02T12:00:00Z', endsAt: '2026-04-02T15:00:00Z', presentRegistrationIds: [], absentRegistrationIds: [], present, absent: 6 - present },
      { aggregateVersion: version },
    );
  const life = [registration('waitlisted', 1, '2026-03-10'), registration('promoted', 2, '2026-03-20'), registration('cancelled', 3, '2026-03-25'), attendance(4, 1), attendance(5, 2)];
  const state = async () => ({
    registration: await sut.query(`SELECT status, version, to_char(registered_on, 'YYYY-MM-DD') AS registered FROM programme_registration WHERE registration_id = $1`, [registrationId]),
    attendance: await sut.query(`SELECT present, absent, to_char(day, 'YYYY-MM-DD') AS day, version FROM programme_attendance WHERE programme_session_id = $1`, [programmeSessionId]),
  });
  const reset = async () => {
    await sut.query('DELETE FROM programme_registration WHERE registration_id = $1', [registrationId]);
    await sut.query('DELETE FROM programme_attendance WHERE programme_session_id = $1', [programmeSessionId]);
  };
  expect(await differingDeliveries(life, { reset, apply, state })).toEqual([]);
  expect(await state()).toEqual({
    registration: [{ status: 'cancelled', version: 3, registered: '2026-03-10' }],
    attendance: [{ present: 5, absent: 1, day: '2026-04-02', version: 2 }],
  });
});
