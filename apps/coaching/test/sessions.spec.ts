import { randomUUID } from 'node:crypto';
import { Queue } from 'bullmq';
import ICAL from 'ical.js';
import {
  ActionOverdueCheck,
  AnswerAssignment,
  Caller,
  CancelSession,
  CompleteSession,
  EventEnvelope,
  IdeaSubmitted,
  ListMyAssignments,
  ListMySessions,
  MemberJoined,
  MemberLeft,
  MoveSession,
  PlanSession,
  PutMyMentorProfile,
  RolesChanged,
  SessionReminder,
  SessionRemindersDue,
  SetActionItemDone,
  RenewCalendarFeed,
  GetCalendarFeed,
  GetOwnCalendarFeed,
  GetSessionCalendar,
  GetReminderSettings,
  PutReminderSettings,
  GetAssignmentTeam,
  GetPersonNames,
} from '@cirkel/contracts';
import { jobIdFor, JobQueue } from '@cirkel/jobs';
import { createServiceApp } from '@cirkel/runtime';
import { eventually, FakeService, publishTestEvent, runDelayedJobsNow, ServiceUnderTest, sleep, startServiceUnderTest, testEvent, TestRequests, waitForJob } from '@cirkel/testing';
import { CoachingModule } from '../src/coaching.module';
import { brusselsInstant, dayAfter } from '../src/sessions/brussels-time';
import { ReminderFiring } from '../src/sessions/reminder-firing.service';
import { ReminderLeads } from '../src/sessions/reminder-leads';
import { SessionRepository } from '../src/sessions/session.repository';
import { bucketJobId, bucketOf, SessionReminders } from '../src/sessions/session-reminders';

/**
 * Coaching sessions and their reminders through coaching's requests and jobs, against real
 * Postgres, NATS and Redis. Reminders go out 24 h and 1 minute before a session here
 * (COACHING_REMINDER_LEADS_MINUTES=1440,1), so one can be seen firing on its own. Session reminders
 * are rows of `session_reminder`; BullMQ holds one job per due bucket (`SessionRemindersDue`); jobs
 * queued one per reminder (`SessionReminder`, before those rows) still run.
 */
let sut: ServiceUnderTest;
let requests: TestRequests;
/** Partners' names (`partners.get-person-names`): every person of the hub has one; the lead organisation's one member. */
let partners: FakeService;
const NAMES = new Map<string, string>();
const hubId = randomUUID();
const leadOrganisationId = randomUUID();
const mentor: Caller = { personId: randomUUID(), hubId, hubRoles: ['mentor'], memberships: [] };
const member: Caller = { personId: randomUUID(), hubId, hubRoles: [], memberships: [{ organisationId: leadOrganisationId, role: 'member' }] };
const outsider: Caller = { personId: randomUUID(), hubId, hubRoles: [], memberships: [] };
const hubAdmin: Caller = { personId: randomUUID(), hubId, hubRoles: ['hub_admin'], memberships: [] };
let assignmentId: string;
const publish = (event: EventEnvelope) => publishTestEvent(sut.nc, sut.config.nats.subjectPrefix, event);
const reminders = (): Queue => sut.app.get(JobQueue).queueOf(SessionReminder);
const inDays = (d: number) => new Date(Date.now() + d * 86_400_000).toISOString().slice(0, 10);
const inMinutes = (m: number) => new Date(Date.now() + m * 60_000).toISOString();
const outbox = (type: string, sessionId: string) =>
  sut.query<{ envelope: EventEnvelope<Record<string, unknown>> }>(`SELECT envelope FROM outbox WHERE envelope->>'type' = $1 AND envelope->'data'->>'sessionId' = $2 ORDER BY seq`, [type, sessionId]);
const reminderJobId = (sessionId: string, lead: number, startsAt: string) => jobIdFor(SessionReminder, sessionId, String(lead), String(Date.parse(startsAt)));
const buckets = (): Queue => sut.app.get(JobQueue).queueOf(SessionRemindersDue);
/** The session's reminder rows: lead and due time (ms), by lead, largest first. */
const reminderRows = async (sessionId: string) =>
  (await sut.query<{ lead: number; due: Date }>('SELECT lead_minutes AS lead, due_at AS due FROM session_reminder WHERE session_id = $1 ORDER BY lead_minutes DESC', [sessionId])).map((r) => ({ lead: r.lead, due: r.due.getTime() }));
let fired = 0;
/** Runs a bucket job now (a job of its own: sends what is due by now) and waits for it. */
const runBucketNow = async () => {
  const id = bucketJobId(Date.now() * 1000 + (fired++ % 1000));
  await buckets().add(SessionRemindersDue.name, {}, { jobId: id });
  return (await waitForJob(buckets(), id)).job.returnvalue as { sent: number };
};

beforeAll(async () => {
  sut = await startServiceUnderTest('coaching', (config) => createServiceApp(CoachingModule.forRoot(config), config), { COACHING_REMINDER_LEADS_MINUTES: '1440,1' });
  requests = await TestRequests.connect(sut.config);
  for (const [who, name] of [[member, 'An Peeters'], [outsider, 'Olaf Buiten'], [hubAdmin, 'Hilde Admin']] as const) NAMES.set(who.personId, name);
  partners = await new FakeService()
    .on(GetPersonNames, ({ data, hubId: asked }) => {
      const wanted = 'organisationId' in (data as object) ? ((data as { organisationId: string }).organisationId === leadOrganisationId ? [member.personId] : []) : (data as { personIds: string[] }).personIds;
      return { items: asked === hubId ? wanted.filter((id) => NAMES.has(id)).map((personId) => ({ personId, name: NAMES.get(personId) as string })) : [] };
    })
    .start(sut.config, [GetPersonNames]);
  await publish(testEvent(RolesChanged, hubId, { personId: mentor.personId, name: 'Mentor M', language: 'nl', hubRoles: ['mentor'] }, { aggregateVersion: 1 }));
  for (const who of [member, outsider, hubAdmin]) await publish(testEvent(RolesChanged, hubId, { personId: who.personId, name: 'Lid', language: 'nl', hubRoles: who.hubRoles }, { aggregateVersion: 1 }));
  await publish(testEvent(MemberJoined, hubId, { organisationId: leadOrganisationId, personId: member.personId, name: 'Lid', language: 'nl', role: 'member' }, { aggregateVersion: 1 }));
  await eventually(async () => expect(await sut.query('SELECT 1 FROM copied_membership')).toHaveLength(1));
  await eventually(async () => expect(await sut.query('SELECT 1 FROM mentor WHERE active')).toHaveLength(1));
  await requests.request(PutMyMentorProfile, mentor, { workDomains: ['industry'], capacity: 2 });
  const ideaId = randomUUID();
  await publish(testEvent(IdeaSubmitted, hubId, { ideaId, title: 'Fietsherstel', workDomain: 'industry', strategies: ['repair'], leadOrganisationId }, { aggregateVersion: 1 }));
  const proposal = await eventually(async () => {
    const found = (await requests.request(ListMyAssignments, mentor, {})).items.find((a) => a.idea.id === ideaId);
    expect(found).toBeDefined();
    return found!;
  });
  assignmentId = (await requests.request(AnswerAssignment, mentor, { assignmentId: proposal.id, accept: true })).id;
});

afterAll(async () => {
  await partners?.stop();
  await requests?.close();
  await sut?.stop();
});

it('lets the mentor plan a session with the team, queues its reminders, and shows it to the mentor and the participants only', async () => {
  const startsAt = inMinutes(3 * 24 * 60);
  const session = await requests.request(PlanSession, mentor, { assignmentId, startsAt, durationMinutes: 90, place: 'Portavida, Genk', participantIds: [member.personId] });
  expect(session).toMatchObject({ status: 'planned', idea: { title: 'Fietsherstel' }, mentor: { name: 'Mentor M' }, participantIds: [member.personId], durationMinutes: 90 });
  const [planned] = await outbox('coaching.session-planned', session.id);
  expect(planned.envelope.data).toMatchObject({ startsAt: session.startsAt, durationMinutes: 90, mentorId: mentor.personId, participantIds: [member.personId] });

  // Its reminders are rows (beyond the horizon: no job yet, the sweep queues them when they come near).
  expect(await reminderRows(session.id)).toEqual([
    { lead: 1440, due: Date.parse(startsAt) - 1440 * 60_000 },
    { lead: 1, due: Date.parse(startsAt) - 60_000 },
  ]);
  expect(await reminders().getJob(reminderJobId(session.id, 1440, startsAt))).toBeUndefined();

  expect((await requests.request(ListMySessions, member, {})).items.map((s) => s.id)).toContain(session.id);
  expect((await requests.request(ListMySessions, mentor, { from: startsAt, to: inMinutes(4 * 24 * 60) })).items.map((s) => s.id)).toEqual([session.id]);
  expect((await requests.request(ListMySessions, outsider, {})).items).toEqual([]);
  expect(await requests.problem(PlanSession, mentor, { assignmentId, startsAt, durationMinutes: 60, place: 'Genk', participantIds: [outsider.personId] })).toMatchObject({ type: 'not-in-the-team', status: 422 });
  expect(await requests.problem(PlanSession, mentor, { assignmentId, startsAt: inMinutes(-5), durationMinutes: 60, place: 'Genk' })).toMatchObject({ type: 'session-in-the-past', status: 422 });
  expect(await requests.problem(PlanSession, outsider, { assignmentId, startsAt, durationMinutes: 60, place: 'Genk' })).toMatchObject({ type: 'forbidden', status: 403 });
  expect(await requests.problem(PlanSession, mentor, { assignmentId, startsAt, durationMinutes: 5, place: 'Genk' })).toMatchObject({ type: 'validation-failed', status: 400 });
});

it("names a session's participants and the mentor's team, asking partners on coaching's own account for those people only", async () => {
  const asked = () => partners.envelopesOf(GetPersonNames);
  const before = asked().length;
  expect(await requests.problem(GetAssignmentTeam, outsider, { assignmentId })).toMatchObject({ status: 403 });
  const otherMentor: Caller = { personId: randomUUID(), hubId, hubRoles: ['mentor'], memberships: [] };
  await publish(testEvent(RolesChanged, hubId, { personId: otherMentor.personId, name: 'Mentor N', language: 'nl', hubRoles: ['mentor'] }, { aggregateVersion: 1 }));
  await eventually(async () => expect(await requests.problem(GetAssignmentTeam, otherMentor, { assignmentId })).toMatchObject({ status: 404, type: 'assignment-not-found' }));
  expect(asked()).toHaveLength(before); // no one but the assignment's mentor gets partners asked for the organisation's people

  expect(await requests.request(GetAssignmentTeam, mentor, { assignmentId })).toEqual({ items: [{ personId: member.personId, name: 'An Peeters' }] });
  expect(asked().at(-1)).toMatchObject({ hubId, caller: null, token: expect.any(String), data: { organisationId: leadOrganisationId } });

  const session = await requests.request(PlanSession, mentor, { assignmentId, startsAt: inMinutes(5 * 24 * 60), durationMinutes: 60, place: 'Genk', participantIds: [member.personId] });
  expect(session.participants).toEqual([{ personId: member.personId, name: 'An Peeters' }]);
  expect(asked().at(-1)).toMatchObject({ hubId, caller: null, data: { personIds: [member.personId] } });
  const seen = (await requests.request(ListMySessions, member, {})).items.find((s) => s.id === session.id);
  expect(seen?.participants).toEqual([{ personId: member.personId, name: 'An Peeters' }]);
  // every name partners was asked for is a participant of a session the asker sees: never the outsider's or the admin's
  const namedIds = asked().flatMap((e) => (e.data as { personIds?: string[] }).personIds ?? []);
  expect(namedIds).not.toContain(outsider.personId);
  expect(namedIds).not.toContain(hubAdmin.personId);
  await requests.request(CancelSession, mentor, { sessionId: session.id, reason: null });
});

it('moves the reminders with a moved session and removes them with a cancelled one; an old reminder that still runs sends nothing', async () => {
  const startsAt = inMinutes(2 * 24 * 60);
  const session = await requests.request(PlanSession, mentor, { assignmentId, startsAt, durationMinutes: 60, place: 'Genk' });
  expect((await reminderRows(session.id)).map((r) => r.lead)).toEqual([1440, 1]);

  const later = inMinutes(5 * 24 * 60);
  const moved = await requests.request(MoveSession, mentor, { sessionId: session.id, startsAt: later, place: 'https://meet.example/cirkel' });
  expect(moved).toMatchObject({ startsAt: new Date(later).toISOString(), place: 'https://meet.example/cirkel', status: 'planned' });
  expect(await reminderRows(session.id)).toEqual([
    { lead: 1440, due: Date.parse(later) - 1440 * 60_000 },
    { lead: 1, due: Date.parse(later) - 60_000 },
  ]);
  expect((await outbox('coaching.session-moved', session.id))[0].envelope.data).toMatchObject({ previousStartsAt: new Date(startsAt).toISOString(), startsAt: new Date(later).toISOString() });

  // A reminder of the old start that runs anyway — a job queued per reminder before the rows, or a row left (its deletion lost, say) — sends nothing: the session starts at another time now.
  const oldDay = reminderJobId(session.id, 1440, startsAt);
  await reminders().add(SessionReminder.name, { sessionId: session.id, leadMinutes: 1440, startsAt }, { jobId: oldDay });
  expect((await waitForJob(reminders(), oldDay)).job.returnvalue).toEqual({ sent: false });
  await sut.query(`INSERT INTO session_reminder (session_id, lead_minutes, starts_at, due_at) VALUES ($1, 1440, $2, now() - interval '1 second')`, [session.id, startsAt]);
  await runBucketNow();
  expect(await sut.query('SELECT 1 FROM session_reminder WHERE session_id = $1 AND starts_at = $2', [session.id, startsAt])).toEqual([]);
  expect(await outbox('coaching.session-reminder-due', session.id)).toEqual([]);

  const cancelled = await requests.request(CancelSession, mentor, { sessionId: session.id, reason: 'Ziek' });
  expect(cancelled).toMatchObject({ status: 'cancelled', cancelReason: 'Ziek' });
  expect(await reminderRows(session.id)).toEqual([]);
  expect(await outbox('coaching.session-cancelled', session.id)).toHaveLength(1);
  expect(await requests.problem(MoveSession, mentor, { sessionId: session.id, place: 'Genk' })).toMatchObject({ type: 'session-not-planned', status: 409 });
  expect(await requests.problem(CancelSession, member, { sessionId: session.id })).toMatchObject({ type: 'forbidden', status: 403 });
});

it('sends nothing at the old due time of a moved session: its bucket job runs and finds no reminder then', async () => {
  const startsAt = new Date(Date.now() + 63_000).toISOString(); // its 1-minute reminder is due in about 3 s
  const session = await requests.request(PlanSession, mentor, { assignmentId, startsAt, durationMinutes: 30, place: 'Genk' });
  const [{ due }] = await reminderRows(session.id);
  const oldBucket = bucketJobId(bucketOf(due));
  expect(await buckets().getJob(oldBucket)).toBeDefined();
  await requests.request(MoveSession, mentor, { sessionId: session.id, startsAt: inMinutes(3 * 24 * 60) });
  expect((await waitForJob(buckets(), oldBucket, { timeoutMs: 15_000 })).state).toBe('completed');
  expect(await outbox('coaching.session-reminder-due', session.id)).toEqual([]);
  expect((await reminderRows(session.id)).map((r) => r.lead)).toEqual([1440, 1]);
});

it('sends a reminder at its time, once, and neither loses nor doubles one across a restart of coaching', async () => {
  const startsAt = new Date(Date.now() + 64_000).toISOString(); // its 1-minute reminder is due in about 4 s
  const session = await requests.request(PlanSession, mentor, { assignmentId, startsAt, durationMinutes: 30, place: 'Genk', participantIds: [member.personId] });
  const [row] = await reminderRows(session.id);
  expect(row).toEqual({ lead: 1, due: Date.parse(startsAt) - 60_000 });
  const bucket = bucketJobId(bucketOf(row.due));
  const job = await buckets().getJob(bucket);
  expect(job!.timestamp + job!.delay).toBeCloseTo(bucketOf(row.due), -2);

  // Coaching restarts between queueing and the due time; meanwhile Redis lost the bucket's job: the start queues it again.
  await buckets().remove(bucket);
  await sut.restart();
  expect(await buckets().getJob(bucket)).toBeDefined();

  const sent = await eventually(async () => {
    const rows = await outbox('coaching.session-reminder-due', session.id);
    expect(rows).toHaveLength(1);
    return rows[0].envelope;
  }, { timeoutMs: 20_000, intervalMs: 200 });
  expect(sent.data).toMatchObject({ leadMinutes: 1, startsAt: session.startsAt, participantIds: [member.personId], mentorId: mentor.personId, ideaTitle: 'Fietsherstel' });
  const lateness = Date.parse(sent.occurredAt) - (Date.parse(startsAt) - 60_000);
  expect(lateness).toBeGreaterThanOrEqual(0);
  expect(lateness).toBeLessThan(5_000);
  expect(await reminderRows(session.id)).toEqual([]);

  // Again (a retry, its row back as if its deletion were lost, a job queued per reminder, a second restart): nothing more goes out.
  await runBucketNow();
  await sut.query(`INSERT INTO session_reminder (session_id, lead_minutes, starts_at, due_at) VALUES ($1, 1, $2, now() - interval '1 second')`, [session.id, startsAt]);
  expect(await runBucketNow()).toMatchObject({ sent: 0 });
  const soonId = reminderJobId(session.id, 1, startsAt);
  await reminders().add(SessionReminder.name, { sessionId: session.id, leadMinutes: 1, startsAt }, { jobId: soonId });
  expect((await waitForJob(reminders(), soonId)).job.returnvalue).toEqual({ sent: false });
  await sut.restart();
  await runBucketNow();
  expect(await outbox('coaching.session-reminder-due', session.id)).toHaveLength(1);
});

it('upserts the sweep on every replica, also one that finds the start-up scan taken by another', async () => {
  const sweep = `${SessionRemindersDue.name}.sweep`;
  expect(await buckets().getJobScheduler(sweep)).toBeDefined();
  await buckets().removeJobScheduler(sweep);
  // Another replica holds the scan's lock: this one leaves the scan to it, but not the sweep.
  const lock = `hashtext(current_schema() || ':coaching.reminders')`;
  await sut.query(`SELECT pg_advisory_lock(${lock})`);
  try {
    await sut.restart();
  } finally {
    await sut.query(`SELECT pg_advisory_unlock(${lock})`);
  }
  expect(await buckets().getJobScheduler(sweep)).toMatchObject({ every: 60_000 });
});

it('tries a failed start-up scan again until it is done', async () => {
  const session = await requests.request(PlanSession, mentor, { assignmentId, startsAt: inMinutes(10 * 24 * 60), durationMinutes: 60, place: 'Genk' });
  // Its rows were lost (a session written without coaching's requests, say): the scan writes them; the first scan at the start fails.
  await sut.query('DELETE FROM session_reminder WHERE session_id = $1', [session.id]);
  const fill = jest.spyOn(SessionReminders.prototype, 'fill').mockRejectedValueOnce(new Error('connection lost'));
  try {
    await sut.restart();
    expect(fill).toHaveBeenCalledTimes(1);
    expect(await reminderRows(session.id)).toEqual([]);
    await eventually(async () => expect((await reminderRows(session.id)).map((r) => r.lead)).toEqual([1440, 1]), { timeoutMs: 5_000, intervalMs: 100 });
  } finally {
    fill.mockRestore();
  }
});

it('sends no reminder of a session being moved or cancelled when a claim runs after the session is saved and before the change commits', async () => {
  const firing = sut.app.get(ReminderFiring, { strict: false });
  const saveSession = SessionRepository.prototype.save;
  // Only the injected claim may fire: the app's own (a bucket's job, the sweep) would send the reminder made due
  // below before the change begins, which is right, and the test would see it. Paused until none is running.
  await buckets().pause();
  await eventually(async () => expect(await buckets().getActiveCount()).toBe(0), { timeoutMs: 10_000, intervalMs: 50 });
  try {
    await movedOrCancelledWhileClaimed(firing, saveSession);
  } finally {
    await buckets().resume();
  }
});

async function movedOrCancelledWhileClaimed(firing: ReminderFiring, saveSession: SessionRepository['save']) {
  for (const change of ['move', 'cancel'] as const) {
    const startsAt = inMinutes(8 * 24 * 60);
    const session = await requests.request(PlanSession, mentor, { assignmentId, startsAt, durationMinutes: 60, place: 'Genk' });
    await sut.query(`UPDATE session_reminder SET due_at = now() - interval '1 second' WHERE session_id = $1 AND lead_minutes = 1440`, [session.id]);
    // A claim (a bucket's job, the sweep) runs in the change's transaction, right after the session is saved.
    const save = jest.spyOn(SessionRepository.prototype, 'save').mockImplementationOnce(async function (this: SessionRepository, manager, changed) {
      await saveSession.call(this, manager, changed);
      await firing.fireDue(new Date());
    });
    try {
      if (change === 'move') await requests.request(MoveSession, mentor, { sessionId: session.id, startsAt: inMinutes(9 * 24 * 60) });
      else await requests.request(CancelSession, mentor, { sessionId: session.id });
      expect(save).toHaveBeenCalled();
    } finally {
      save.mockRestore();
    }
    expect(await outbox('coaching.session-reminder-due', session.id)).toEqual([]);
  }
}

it('sends a reminder whose row was committed after its bucket’s job ran at once, not at the next sweep', async () => {
  const session = await requests.request(PlanSession, mentor, { assignmentId, startsAt: inMinutes(3 * 24 * 60), durationMinutes: 60, place: 'Genk' });
  // Its bucket's job ran (and is kept, completed) before the row's transaction committed.
  const due = Date.now() - 2_000;
  const ran = bucketJobId(bucketOf(due));
  await buckets().add(SessionRemindersDue.name, {}, { jobId: ran });
  expect((await waitForJob(buckets(), ran)).state).toBe('completed');
  await sut.query(`UPDATE session_reminder SET due_at = $2 WHERE session_id = $1 AND lead_minutes = 1440`, [session.id, new Date(due)]);
  await sut.app.get(SessionReminders, { strict: false }).queue([due]);
  await eventually(async () => expect(await outbox('coaching.session-reminder-due', session.id)).toHaveLength(1), { timeoutMs: 3_000, intervalMs: 100 });
});

it('sends reminders that fall due together in one transaction, each once, for the sessions as they are then', async () => {
  const startsAt = inMinutes(4 * 24 * 60);
  const planned = [];
  for (let i = 0; i < 20; i++) planned.push(await requests.request(PlanSession, mentor, { assignmentId, startsAt, durationMinutes: 60, place: 'Genk', participantIds: [member.personId] }));
  const [moved, cancelled] = planned;
  await requests.request(MoveSession, mentor, { sessionId: moved.id, startsAt: inMinutes(6 * 24 * 60) });
  await requests.request(CancelSession, mentor, { sessionId: cancelled.id });

  // All twenty fall due at once (the moved and cancelled ones' rows of the old start left, say): one job takes them together.
  const ids = planned.map((s) => s.id);
  await sut.query(`UPDATE session_reminder SET due_at = now() - interval '1 second' WHERE lead_minutes = 1440 AND starts_at = $2 AND session_id = ANY($1::uuid[])`, [ids, startsAt]);
  await sut.query(`INSERT INTO session_reminder (session_id, lead_minutes, starts_at, due_at) SELECT id, 1440, $2, now() - interval '1 second' FROM unnest($1::uuid[]) AS id`, [[moved.id, cancelled.id], startsAt]);
  await runBucketNow();
  for (const session of [moved, cancelled]) expect(await outbox('coaching.session-reminder-due', session.id)).toEqual([]);
  const kept = planned.slice(2);
  for (const session of kept) {
    const events = await outbox('coaching.session-reminder-due', session.id);
    expect(events.map((e) => e.envelope.data)).toEqual([expect.objectContaining({ sessionId: session.id, leadMinutes: 1440, startsAt: session.startsAt, participantIds: [member.personId], ideaTitle: 'Fietsherstel' })]);
  }
  expect(await sut.query('SELECT 1 FROM session_reminder WHERE lead_minutes = 1440 AND starts_at = $2 AND session_id = ANY($1::uuid[])', [ids, startsAt])).toEqual([]);
  // Together: their reminder_sent rows were written by one transaction (two if the sweep took some at the same time).
  const keys = kept.map((s) => `session.${s.id}.1440.${Date.parse(s.startsAt)}`);
  const [{ transactions }] = await sut.query<{ transactions: number }>('SELECT count(DISTINCT xmin::text)::int AS transactions FROM reminder_sent WHERE key = ANY($1)', [keys]);
  expect(transactions).toBeLessThanOrEqual(2);
});

it('sends each reminder once when claims run at the same time (replicas, buckets that came due together, the sweep)', async () => {
  const startsAt = inMinutes(7 * 24 * 60);
  const planned = [];
  for (let i = 0; i < 40; i++) planned.push((await requests.request(PlanSession, mentor, { assignmentId, startsAt, durationMinutes: 60, place: 'Genk' })).id);
  await sut.query(`UPDATE session_reminder SET due_at = now() - interval '1 second' WHERE starts_at = $2 AND session_id = ANY($1::uuid[])`, [planned, startsAt]);
  // Four claims at once, five rows a transaction: they interleave, each taking rows the others do not hold.
  const firing = sut.app.get(ReminderFiring, { strict: false });
  const claims = await Promise.all([0, 1, 2, 3].map(() => firing.fireDue(new Date(), 5)));
  expect(claims.reduce((sum, c) => sum + c.sent, 0)).toBeLessThanOrEqual(80);
  for (const id of planned) expect((await outbox('coaching.session-reminder-due', id)).map((e) => e.envelope.data.leadMinutes).sort()).toEqual([1, 1440]);
  expect(await sut.query('SELECT 1 FROM session_reminder WHERE session_id = ANY($1::uuid[])', [planned])).toEqual([]);
});

it('completes a session that has started with notes and action items, counts its hours, and marks an open action item overdue the day after it was due', async () => {
  const startsAt = new Date(Date.now() + 2_000).toISOString();
  const session = await requests.request(PlanSession, mentor, { assignmentId, startsAt, durationMinutes: 45, place: 'Genk', participantIds: [member.personId] });
  expect(await requests.problem(CompleteSession, mentor, { sessionId: session.id })).toMatchObject({ type: 'session-not-started', status: 409 });
  await new Promise((resolve) => setTimeout(resolve, 2_100));
  expect(await requests.problem(CompleteSession, mentor, { sessionId: session.id, actionItems: [{ description: 'Offerte', ownerId: outsider.personId, dueOn: inDays(1) }] })).toMatchObject({
    type: 'not-in-the-team',
    status: 422,
  });
  const held = await requests.request(CompleteSession, mentor, {
    sessionId: session.id,
    notes: 'Verdienmodel besproken.',
    actionItems: [
      { description: 'Offerte opvragen', ownerId: member.personId, dueOn: inDays(3) },
      { description: 'Contact leggen met IN-Z', ownerId: mentor.personId, dueOn: inDays(4) },
    ],
  });
  expect(held).toMatchObject({ status: 'held', notes: 'Verdienmodel besproken.' });
  expect(held.actionItems.map((a) => [a.description, a.dueOn, a.done])).toEqual([
    ['Offerte opvragen', inDays(3), false],
    ['Contact leggen met IN-Z', inDays(4), false],
  ]);
  expect((await outbox('coaching.session-held', session.id))[0].envelope.data).toMatchObject({ hours: 0.75, durationMinutes: 45, actionItemCount: 2 });
  expect(await requests.problem(CompleteSession, mentor, { sessionId: session.id })).toMatchObject({ type: 'session-not-planned', status: 409 });

  // Overdue checks: the day after each due day, 09:00 Brussels.
  const [offerte, contact] = held.actionItems;
  const checks = sut.app.get(JobQueue).queueOf(ActionOverdueCheck);
  const offerteJob = await checks.getJob(jobIdFor(ActionOverdueCheck, offerte.id, offerte.dueOn));
  expect(offerteJob!.timestamp + offerteJob!.delay).toBeCloseTo(brusselsInstant(dayAfter(offerte.dueOn), 9).getTime(), -3);
  expect(await requests.request(SetActionItemDone, member, { actionItemId: offerte.id, done: true })).toMatchObject({ done: true });
  expect(await requests.problem(SetActionItemDone, member, { actionItemId: contact.id, done: true })).toMatchObject({ type: 'action-item-not-found', status: 404 });
  expect(await requests.problem(SetActionItemDone, outsider, { actionItemId: offerte.id, done: false })).toMatchObject({ type: 'action-item-not-found', status: 404 });

  // Their days come: the open one is overdue (once), the done one is not.
  const promoted = await runDelayedJobsNow(checks, { dueBy: new Date(Date.now() + 10 * 86_400_000) });
  expect(promoted).toEqual(expect.arrayContaining([offerteJob!.id, jobIdFor(ActionOverdueCheck, contact.id, contact.dueOn)]));
  expect((await waitForJob(checks, offerteJob!.id!)).job.returnvalue).toEqual({ sent: false });
  expect((await waitForJob(checks, jobIdFor(ActionOverdueCheck, contact.id, contact.dueOn))).job.returnvalue).toEqual({ sent: true });
  const overdue = await sut.query<{ envelope: EventEnvelope<Record<string, unknown>> }>(`SELECT envelope FROM outbox WHERE envelope->>'type' = 'coaching.action-overdue' AND envelope->'data'->>'sessionId' = $1`, [session.id]);
  expect(overdue.map((o) => o.envelope.data)).toEqual([expect.objectContaining({ actionItemId: contact.id, ownerId: mentor.personId, dueOn: contact.dueOn, description: 'Contact leggen met IN-Z' })]);
});

it('puts sessions in a secret iCalendar feed per person, in Brussels time, following moves and cancellations; renewing the feed ends the old address', async () => {
  const startsAt = '2027-01-12T13:30:00.000Z'; // 14:30 in Brussels (winter time)
  const session = await requests.request(PlanSession, mentor, { assignmentId, startsAt, durationMinutes: 90, place: 'https://meet.example/fiets', participantIds: [member.personId] });
  const feed = await requests.request(RenewCalendarFeed, member, {});
  const token = feed.path.split('/').pop()!;
  const eventOf = async (t: string) => {
    const { ics } = await requests.request(GetCalendarFeed, null, { token: t });
    const calendar = new ICAL.Component(ICAL.parse(ics));
    const zone = calendar.getFirstSubcomponent('vtimezone');
    if (zone) ICAL.TimezoneService.register(zone);
    const vevent = calendar.getAllSubcomponents('vevent').find((e) => e.getFirstPropertyValue('uid') === `${session.id}@coaching.cirkel`)!;
    return { ics, vevent, event: new ICAL.Event(vevent) };
  };

  const planned = await eventOf(token);
  expect(planned.ics).toContain('DTSTART;TZID=Europe/Brussels:20270112T143000');
  expect(planned.event.startDate.toJSDate().toISOString()).toBe(startsAt);
  expect(planned.event.endDate.toJSDate().toISOString()).toBe('2027-01-12T15:00:00.000Z');
  expect(planned.event.summary).toBe('Coaching: Fietsherstel');
  expect(planned.event.location).toBe('https://meet.example/fiets');
  expect(planned.vevent.getFirstPropertyValue('status')).toBe('CONFIRMED');
  expect(planned.vevent.getFirstPropertyValue('sequence')).toBe(0);

  await requests.request(MoveSession, mentor, { sessionId: session.id, startsAt: '2027-07-06T08:00:00.000Z' }); // 10:00 in Brussels (summer time)
  const moved = await eventOf(token);
  expect(moved.ics).toContain('DTSTART;TZID=Europe/Brussels:20270706T100000');
  expect(moved.event.startDate.toJSDate().toISOString()).toBe('2027-07-06T08:00:00.000Z');
  expect(moved.vevent.getFirstPropertyValue('sequence')).toBe(1); // a calendar client takes the move only from a higher SEQUENCE

  const file = await requests.request(GetSessionCalendar, mentor, { sessionId: session.id });
  expect(file.ics).toContain(`UID:${session.id}@coaching.cirkel`);
  expect(file.ics).toContain('SEQUENCE:1');
  expect(await requests.problem(GetSessionCalendar, outsider, { sessionId: session.id })).toMatchObject({ type: 'session-not-found', status: 404 });

  await requests.request(CancelSession, mentor, { sessionId: session.id });
  const gone = await eventOf(token);
  expect(gone.vevent.getFirstPropertyValue('status')).toBe('CANCELLED');
  expect(gone.vevent.getFirstPropertyValue('sequence')).toBe(2);

  const renewed = await requests.request(RenewCalendarFeed, member, {});
  expect(renewed.path).not.toBe(feed.path);
  expect(await requests.problem(GetCalendarFeed, null, { token })).toMatchObject({ type: 'calendar-feed-not-found', status: 404 });
  expect((await eventOf(renewed.path.split('/').pop()!)).vevent).toBeDefined();
});

it('shows a person their own calendar feed as it is, without renewing it; none is a 404', async () => {
  expect(await requests.problem(GetOwnCalendarFeed, hubAdmin, {})).toMatchObject({ type: 'calendar-feed-not-found', status: 404 });
  const made = await requests.request(RenewCalendarFeed, hubAdmin, {});
  expect(await requests.request(GetOwnCalendarFeed, hubAdmin, {})).toEqual(made);
  expect(await requests.request(GetOwnCalendarFeed, hubAdmin, {})).toEqual(made); // reading it renews nothing
  // the database keeps it sealed, with a key outside it: a copy of the database alone does not give the address
  const [kept] = await sut.query<{ token: string; token_hash: string }>('SELECT token, token_hash FROM calendar_feed WHERE person_id = $1', [hubAdmin.personId]);
  expect(kept.token).toMatch(/^v1\./);
  expect(kept.token).not.toContain(made.path.split('/').pop()!);
  await requests.request(GetCalendarFeed, null, { token: made.path.split('/').pop()! });
  const renewed = await requests.request(RenewCalendarFeed, hubAdmin, {});
  expect(await requests.request(GetOwnCalendarFeed, hubAdmin, {})).toEqual(renewed);
  expect(await requests.problem(GetOwnCalendarFeed, null, {})).toMatchObject({ status: 401 });
});

it('answers 404 for the feed of a person who holds no role or membership any more (a deactivation), and again once they hold one', async () => {
  const person: Caller = { personId: randomUUID(), hubId, hubRoles: [], memberships: [{ organisationId: leadOrganisationId, role: 'member' }] };
  await publish(testEvent(RolesChanged, hubId, { personId: person.personId, name: 'Lid', language: 'nl', hubRoles: ['mentor'] }, { aggregateVersion: 1 }));
  await publish(testEvent(MemberJoined, hubId, { organisationId: leadOrganisationId, personId: person.personId, name: 'Lid', language: 'nl', role: 'member' }, { aggregateVersion: 1 }));
  const token = await eventually(async () => (await requests.request(RenewCalendarFeed, person, {})).path.split('/').pop()!);
  await eventually(async () => expect(await requests.request(GetCalendarFeed, null, { token })).toMatchObject({ filename: 'cirkel-coaching.ics' }));
  // partners deactivates them: no hub roles, and the membership ends
  await publish(testEvent(RolesChanged, hubId, { personId: person.personId, name: 'Lid', language: 'nl', hubRoles: [] }, { aggregateVersion: 2 }));
  await eventually(async () => expect(await sut.query("SELECT 1 FROM copied_hub_roles WHERE person_id = $1 AND hub_roles = '{}'", [person.personId])).toHaveLength(1));
  expect(await requests.request(GetCalendarFeed, null, { token })).toMatchObject({ filename: 'cirkel-coaching.ics' }); // the membership still holds
  await publish(testEvent(MemberLeft, hubId, { organisationId: leadOrganisationId, personId: person.personId, role: 'member' }, { aggregateVersion: 2 }));
  await eventually(async () => expect(await requests.problem(GetCalendarFeed, null, { token })).toMatchObject({ type: 'calendar-feed-not-found', status: 404 }));
  // reactivated and given a role again: the address works again until renewed (docs/security.md)
  await publish(testEvent(RolesChanged, hubId, { personId: person.personId, name: 'Lid', language: 'nl', hubRoles: ['mentor'] }, { aggregateVersion: 3 }));
  await eventually(async () => expect(await requests.request(GetCalendarFeed, null, { token })).toMatchObject({ filename: 'cirkel-coaching.ics' }));
});

it('pages the caller’s sessions by start (then id), a cursor to the next page', async () => {
  const at = inMinutes(30 * 24 * 60);
  const later = inMinutes(31 * 24 * 60);
  const planned: string[] = [];
  for (const startsAt of [at, at, later]) planned.push((await requests.request(PlanSession, mentor, { assignmentId, startsAt, durationMinutes: 60, place: 'Genk' })).id);
  const to = new Date(Date.parse(later) + 1).toISOString();
  const first = await requests.request(ListMySessions, mentor, { from: at, to, limit: 2 });
  expect(first.items).toHaveLength(2);
  expect(first.nextCursor).toEqual(expect.any(String));
  const second = await requests.request(ListMySessions, mentor, { from: at, to, limit: 2, cursor: first.nextCursor! });
  expect(second.nextCursor).toBeNull();
  expect([...first.items, ...second.items].map((s) => s.id)).toEqual(planned);
  expect(await requests.problem(ListMySessions, mentor, { cursor: Buffer.from('["x"]').toString('base64url') })).toMatchObject({ type: 'validation-failed', status: 400 });
  expect(await requests.problem(ListMySessions, mentor, { limit: 501 })).toMatchObject({ type: 'validation-failed', status: 400 });
});

it('lists one idea’s sessions (ideaId): every one of it for a hub admin, only their own for anyone else', async () => {
  const ideaId = (await sut.query<{ idea_id: string }>('SELECT idea_id FROM assignment WHERE id = $1', [assignmentId]))[0].idea_id;
  const withMember = await requests.request(PlanSession, mentor, { assignmentId, startsAt: inMinutes(40 * 24 * 60), durationMinutes: 60, place: 'Genk', participantIds: [member.personId] });
  const without = await requests.request(PlanSession, mentor, { assignmentId, startsAt: inMinutes(41 * 24 * 60), durationMinutes: 60, place: 'Genk' });
  // A session of another idea, run by someone else, in the same hub: never among this idea's.
  const otherIdea = randomUUID();
  await sut.query(
    `INSERT INTO coaching_session (id, hub_id, assignment_id, idea_id, mentor_id, participant_ids, starts_at, duration_minutes, place, status) VALUES ($1, $2, $3, $4, $5, '{}', $6, 60, 'Elders', 'planned')`,
    [randomUUID(), hubId, assignmentId, otherIdea, randomUUID(), inMinutes(40 * 24 * 60)],
  );
  const ids = async (who: Caller, query: Record<string, unknown>) => (await requests.request(ListMySessions, who, query)).items.map((s) => s.id);
  const range = { from: inMinutes(39 * 24 * 60), to: inMinutes(42 * 24 * 60) };

  expect(await ids(hubAdmin, { ...range, ideaId })).toEqual([withMember.id, without.id]);
  expect(await ids(hubAdmin, range)).toEqual([]); // without ideaId: their own, as before
  expect(await ids(mentor, { ...range, ideaId })).toEqual([withMember.id, without.id]);
  expect(await ids(member, { ...range, ideaId })).toEqual([withMember.id]);
  expect(await ids(outsider, { ...range, ideaId })).toEqual([]);
  expect(await ids(hubAdmin, { ...range, ideaId: otherIdea })).toHaveLength(1);
  expect(await ids(mentor, { ...range, ideaId: otherIdea })).toEqual([]);
  const first = await requests.request(ListMySessions, hubAdmin, { ...range, ideaId, limit: 1 });
  expect(first.items.map((s) => s.id)).toEqual([withMember.id]);
  expect((await requests.request(ListMySessions, hubAdmin, { ...range, ideaId, limit: 1, cursor: first.nextCursor! })).items.map((s) => s.id)).toEqual([without.id]);
  expect(await requests.problem(ListMySessions, hubAdmin, { ideaId: 'not-a-uuid' })).toMatchObject({ type: 'validation-failed', status: 400 });
});

// Last: it gives the hub lead times of its own, which the tests above do not expect.
it('sends reminders at the hub’s own lead times once a hub admin sets them, for sessions planned before and after', async () => {
  const before = await requests.request(PlanSession, mentor, { assignmentId, startsAt: inMinutes(5 * 24 * 60), durationMinutes: 60, place: 'Genk' });
  expect(await requests.request(GetReminderSettings, hubAdmin, {})).toEqual({ sessionLeadMinutes: [1440, 1], isDefault: true });
  expect(await requests.problem(GetReminderSettings, mentor, {})).toMatchObject({ type: 'forbidden', status: 403 });
  expect(await requests.problem(PutReminderSettings, mentor, { sessionLeadMinutes: [120] })).toMatchObject({ type: 'forbidden', status: 403 });
  for (const bad of [[], [120, 120], [1], [30, 60, 90, 120, 150, 180], [15 * 24 * 60]]) {
    expect(await requests.problem(PutReminderSettings, hubAdmin, { sessionLeadMinutes: bad })).toMatchObject({ type: 'validation-failed', status: 400 });
  }
  expect(await requests.request(PutReminderSettings, hubAdmin, { sessionLeadMinutes: [30, 120] })).toEqual({ sessionLeadMinutes: [120, 30], isDefault: false });
  expect(await requests.request(GetReminderSettings, hubAdmin, {})).toEqual({ sessionLeadMinutes: [120, 30], isDefault: false });

  const after = await requests.request(PlanSession, mentor, { assignmentId, startsAt: inMinutes(6 * 24 * 60), durationMinutes: 60, place: 'Genk' });
  for (const session of [before, after]) {
    expect(await reminderRows(session.id)).toEqual([120, 30].map((lead) => ({ lead, due: Date.parse(session.startsAt) - lead * 60_000 })));
  }

  // `before`'s reminders at the old lead times are gone; one left (a row whose deletion was lost, a job queued per reminder) sends nothing; one at the hub's sends.
  await sut.query(`INSERT INTO session_reminder (session_id, lead_minutes, starts_at, due_at) VALUES ($1, 1440, $2, now() - interval '1 second')`, [before.id, before.startsAt]);
  await sut.query(`UPDATE session_reminder SET due_at = now() - interval '1 second' WHERE session_id = $1 AND lead_minutes = 120`, [before.id]);
  await runBucketNow();
  const stale = reminderJobId(before.id, 1440, before.startsAt);
  await reminders().add(SessionReminder.name, { sessionId: before.id, leadMinutes: 1440, startsAt: before.startsAt }, { jobId: stale });
  expect((await waitForJob(reminders(), stale)).job.returnvalue).toEqual({ sent: false });
  expect((await outbox('coaching.session-reminder-due', before.id)).map((e) => e.envelope.data.leadMinutes)).toEqual([120]);
  expect((await reminderRows(before.id)).map((r) => r.lead)).toEqual([30]);
});

it('gives a session planned while a hub admin changes the lead times reminders at the new ones', async () => {
  const readLeads = ReminderLeads.prototype.of;
  let put: Promise<unknown> = Promise.resolve();
  // The plan has read the hub's lead times when the hub admin sets new ones.
  const of = jest.spyOn(ReminderLeads.prototype, 'of').mockImplementationOnce(async function (this: ReminderLeads, manager, hub) {
    const read = await readLeads.call(this, manager, hub);
    put = requests.request(PutReminderSettings, hubAdmin, { sessionLeadMinutes: [90, 45] });
    await Promise.race([put, sleep(500)]); // the old code let it commit meanwhile
    return read;
  });
  try {
    const session = await requests.request(PlanSession, mentor, { assignmentId, startsAt: inMinutes(5 * 24 * 60), durationMinutes: 60, place: 'Genk' });
    await put;
    expect(of).toHaveBeenCalled();
    expect((await reminderRows(session.id)).map((r) => r.lead)).toEqual([90, 45]);
  } finally {
    of.mockRestore();
  }
});
