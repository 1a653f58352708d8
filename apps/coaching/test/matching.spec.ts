import { randomUUID } from 'node:crypto';
import { AnswerAssignment, AssignMentor, AssignmentView, ListMentorSuggestions, Caller, EventEnvelope, IdeaSubmitted, ListMentors, ListMyAssignments, ProposalTimeout, PutMyMentorProfile, RolesChanged, WorkDomain } from '@cirkel/contracts';
import { jobIdFor, JobQueue } from '@cirkel/jobs';
import { createServiceApp } from '@cirkel/runtime';
import { eventually, publishTestEvent, runDelayedJobsNow, ServiceUnderTest, sleep, startServiceUnderTest, testEvent, TestRequests, waitForJob } from '@cirkel/testing';
import { Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { CoachingModule } from '../src/coaching.module';
import { startUpScan } from '../src/start-up-scan';

/** Mentor profiles and matching through coaching's requests and events, against real Postgres and NATS. */
let sut: ServiceUnderTest;
let requests: TestRequests;
const hubId = randomUUID();
const mentor = (): Caller => ({ personId: randomUUID(), hubId, hubRoles: ['mentor'], memberships: [] });
const [careA, careB, green] = [mentor(), mentor(), mentor()];
const admin: Caller = { personId: randomUUID(), hubId, hubRoles: ['hub_admin'], memberships: [] };
const publish = (event: EventEnvelope) => publishTestEvent(sut.nc, sut.config.nats.subjectPrefix, event);

const submitted = (workDomain: WorkDomain) => {
  const ideaId = randomUUID();
  return testEvent(IdeaSubmitted, hubId, { ideaId, title: `Idee ${ideaId.slice(0, 4)}`, workDomain, strategies: ['repair'], leadOrganisationId: randomUUID() }, { aggregateVersion: 1 });
};

/** The proposals of an idea, in order, as mentor ids and statuses. */
const proposals = (ideaId: string) => sut.query<{ mentor_id: string; status: string }>('SELECT mentor_id, status FROM assignment WHERE idea_id = $1 ORDER BY proposed_at, id', [ideaId]);
const proposalFor = async (who: Caller, ideaId: string): Promise<AssignmentView> =>
  (await requests.request(ListMyAssignments, who, {})).items.find((a) => a.idea.id === ideaId && a.status === 'proposed')!;

beforeAll(async () => {
  sut = await startServiceUnderTest('coaching', (config) => createServiceApp(CoachingModule.forRoot(config), config));
  requests = await TestRequests.connect(sut.config);
  for (const [who, name] of [[careA, 'Mentor A'], [careB, 'Mentor B'], [green, 'Mentor G']] as const) {
    await publish(testEvent(RolesChanged, hubId, { personId: who.personId, name, language: 'nl', hubRoles: ['mentor'] }, { aggregateVersion: 1 }));
  }
  await publish(testEvent(RolesChanged, hubId, { personId: admin.personId, name: 'Admin', language: 'nl', hubRoles: ['hub_admin'] }, { aggregateVersion: 1 }));
  await eventually(async () => expect(await sut.query('SELECT 1 FROM copied_hub_roles')).toHaveLength(4));
  await requests.request(PutMyMentorProfile, careA, { workDomains: ['care'], capacity: 1, bio: 'Zorg en welzijn.' });
  await requests.request(PutMyMentorProfile, careB, { workDomains: ['care', 'green'], capacity: 3 });
  await requests.request(PutMyMentorProfile, green, { workDomains: ['green'], capacity: 5 });
});

afterAll(async () => {
  await requests?.close();
  await sut?.stop();
});

it('keeps mentors’ own profiles, for mentors only, and shows hub admins every mentor with their load', async () => {
  const listed = await requests.request(ListMentors, admin, {});
  expect(listed.items.find((m) => m.personId === careA.personId)).toMatchObject({ name: 'Mentor A', workDomains: ['care'], capacity: 1, load: 0, bio: 'Zorg en welzijn.' });
  expect(await requests.problem(PutMyMentorProfile, admin, { workDomains: ['care'], capacity: 2 })).toMatchObject({ type: 'forbidden', status: 403 });
  expect(await requests.problem(ListMentors, careA, {})).toMatchObject({ type: 'forbidden', status: 403 });
  expect(await requests.problem(PutMyMentorProfile, careA, { workDomains: [], capacity: 2 })).toMatchObject({ type: 'validation-failed', status: 400 });
});

it('proposes a submitted idea to the mentor of its domain with the most free places, and on a decline to the next', async () => {
  const idea = submitted('care');
  await publish(idea);
  await eventually(async () => expect(await proposals(idea.data.ideaId)).toEqual([{ mentor_id: careB.personId, status: 'proposed' }]));
  const events = await sut.query<{ envelope: EventEnvelope }>(`SELECT envelope FROM outbox WHERE envelope->'data'->>'ideaId' = $1 ORDER BY seq`, [idea.data.ideaId]);
  expect(events.map((e) => [e.envelope.type, (e.envelope.data as { mentorId: string }).mentorId])).toEqual([['coaching.assignment-proposed', careB.personId]]);

  const declined = await requests.request(AnswerAssignment, careB, { assignmentId: (await proposalFor(careB, idea.data.ideaId)).id, accept: false });
  expect(declined.status).toBe('declined');
  expect(await proposals(idea.data.ideaId)).toEqual([
    { mentor_id: careB.personId, status: 'declined' },
    { mentor_id: careA.personId, status: 'proposed' },
  ]);
  expect(await requests.problem(AnswerAssignment, careB, { assignmentId: declined.id, accept: true })).toMatchObject({ type: 'assignment-answered', status: 409 });
});

it('lets a mentor accept within their capacity only, and says so with coaching.assignment-accepted', async () => {
  const [first, second] = [submitted('care'), submitted('care')];
  await publish(first);
  await eventually(async () => expect((await proposals(first.data.ideaId)).length).toBe(1));
  await publish(second);
  await eventually(async () => expect((await proposals(second.data.ideaId)).length).toBe(1));
  // careA (capacity 1) may hold a proposal from before; accept one of theirs, then the next one is refused.
  const theirs = (await requests.request(ListMyAssignments, careA, {})).items.filter((a) => a.status === 'proposed');
  expect(theirs.length).toBeGreaterThanOrEqual(1);
  const accepted = await requests.request(AnswerAssignment, careA, { assignmentId: theirs[0].id, accept: true });
  expect(accepted.status).toBe('accepted');
  const events = await sut.query<{ envelope: EventEnvelope }>(`SELECT envelope FROM outbox WHERE envelope->>'type' = 'coaching.assignment-accepted' AND envelope->'data'->>'assignmentId' = $1`, [accepted.id]);
  expect(events).toHaveLength(1);
  if (theirs[1]) expect(await requests.problem(AnswerAssignment, careA, { assignmentId: theirs[1].id, accept: true })).toMatchObject({ type: 'mentor-at-capacity', status: 409 });
  expect(await requests.problem(AnswerAssignment, careB, { assignmentId: accepted.id, accept: true })).toMatchObject({ type: 'assignment-not-found', status: 404 });
  expect((await requests.request(ListMentors, admin, {})).items.find((m) => m.personId === careA.personId)?.load).toBe(1);
});

it('passes a proposal left unanswered to the next mentor when its time is up (its delayed job), and leaves an answered one alone', async () => {
  const queue = sut.app.get(JobQueue).queueOf(ProposalTimeout);
  const idea = submitted('green');
  await publish(idea);
  await eventually(async () => expect((await proposals(idea.data.ideaId)).length).toBe(1));
  const [first] = await sut.query<{ id: string; mentor_id: string }>('SELECT id, mentor_id FROM assignment WHERE idea_id = $1', [idea.data.ideaId]);
  const job = await queue.getJob(jobIdFor(ProposalTimeout, first.id));
  expect(job?.delay).toBe(72 * 3_600_000); // COACHING_PROPOSAL_TIMEOUT_HOURS' default: three days

  // Three days later (the delayed job run now): the proposal expires and the next mentor is asked.
  expect(await runDelayedJobsNow(queue, { dueBy: new Date(Date.now() + 73 * 3_600_000) })).toContain(job!.id);
  expect((await waitForJob(queue, job!.id!)).job.returnvalue).toEqual({ expired: true });
  const after = await proposals(idea.data.ideaId);
  expect(after[0]).toEqual({ mentor_id: first.mentor_id, status: 'expired' });
  expect(after[1]?.status).toBe('proposed');
  expect(after[1]?.mentor_id).not.toBe(first.mentor_id);

  // The second proposal is accepted in time: its job, when it comes, changes nothing.
  const [second] = await sut.query<{ id: string; mentor_id: string }>(`SELECT id, mentor_id FROM assignment WHERE idea_id = $1 AND status = 'proposed'`, [idea.data.ideaId]);
  const who = [careA, careB, green].find((m) => m.personId === second.mentor_id)!;
  await requests.request(AnswerAssignment, who, { assignmentId: second.id, accept: true });
  await runDelayedJobsNow(queue, { dueBy: new Date(Date.now() + 73 * 3_600_000) });
  expect((await waitForJob(queue, jobIdFor(ProposalTimeout, second.id))).job.returnvalue).toEqual({ expired: false });
  expect((await proposals(idea.data.ideaId)).map((p) => p.status)).toEqual(['expired', 'accepted']);
});

it('shows hub admins every mentor weighed for an idea with the reasons, and lets them propose it to a mentor of their choice', async () => {
  const idea = submitted('green');
  await publish(idea);
  await eventually(async () => expect((await proposals(idea.data.ideaId)).length).toBe(1));
  const [first] = await proposals(idea.data.ideaId);

  const { items } = await requests.request(ListMentorSuggestions, admin, { ideaId: idea.data.ideaId });
  expect(items.map((m) => m.personId).sort()).toEqual([careA, careB, green].map((m) => m.personId).sort());
  const eligible = items.filter((m) => m.eligible);
  expect(items.slice(0, eligible.length)).toEqual(eligible); // those matching may propose to come first
  expect(items.find((m) => m.personId === green.personId)).toMatchObject({ name: 'Mentor G', inDomain: true, capacity: 5, availableNow: true, askedBefore: false });
  expect(items.find((m) => m.personId === careA.personId)).toMatchObject({ inDomain: false, reasons: expect.arrayContaining(['does not list green']) });
  for (const m of items) expect(m.free).toBe(Math.max(0, m.capacity - m.load));
  // The mentor matching asked is marked as such (the open proposal waits for their answer), no one else.
  expect(items.filter((m) => m.openProposalSince !== null).map((m) => m.personId)).toEqual([first.mentor_id]);

  // By hand to the other green mentor: the open proposal is withdrawn, the chosen mentor asked.
  const chosen = [green, careB].find((m) => m.personId !== first.mentor_id)!;
  const byHand = await requests.request(AssignMentor, admin, { ideaId: idea.data.ideaId, mentorId: chosen.personId });
  expect(byHand).toMatchObject({ status: 'proposed', mentor: { personId: chosen.personId }, idea: { id: idea.data.ideaId } });
  expect(await proposals(idea.data.ideaId)).toEqual([
    { mentor_id: first.mentor_id, status: 'withdrawn' },
    { mentor_id: chosen.personId, status: 'proposed' },
  ]);
  const events = await sut.query<{ envelope: EventEnvelope }>(`SELECT envelope FROM outbox WHERE envelope->>'type' = 'coaching.assignment-proposed' AND envelope->'data'->>'assignmentId' = $1`, [byHand.id]);
  expect(events).toHaveLength(1);
  expect(await requests.problem(AssignMentor, admin, { ideaId: idea.data.ideaId, mentorId: chosen.personId })).toMatchObject({ type: 'already-proposed', status: 409 });
  const afterHand = (await requests.request(ListMentorSuggestions, admin, { ideaId: idea.data.ideaId })).items;
  expect(afterHand.find((m) => m.personId === first.mentor_id)).toMatchObject({ askedBefore: true, eligible: false, openProposalSince: null });
  expect(afterHand.filter((m) => m.openProposalSince !== null).map((m) => m.personId)).toEqual([chosen.personId]);
  expect(Date.parse(afterHand.find((m) => m.personId === chosen.personId)!.openProposalSince!)).toBeGreaterThan(Date.now() - 60_000);

  expect(await requests.problem(AssignMentor, careB, { ideaId: idea.data.ideaId, mentorId: careB.personId })).toMatchObject({ type: 'forbidden', status: 403 });
  expect(await requests.problem(ListMentorSuggestions, careB, { ideaId: idea.data.ideaId })).toMatchObject({ type: 'forbidden', status: 403 });
  expect(await requests.problem(ListMentorSuggestions, admin, { ideaId: randomUUID() })).toMatchObject({ type: 'idea-not-found', status: 404 });
  expect(await requests.problem(AssignMentor, admin, { ideaId: idea.data.ideaId, mentorId: admin.personId })).toMatchObject({ type: 'mentor-not-found', status: 404 });

  // Accepted: no proposal by hand any more.
  await requests.request(AnswerAssignment, chosen, { assignmentId: byHand.id, accept: true });
  expect(await requests.problem(AssignMentor, admin, { ideaId: idea.data.ideaId, mentorId: careA.personId })).toMatchObject({ type: 'idea-has-mentor', status: 409 });
});

it('queues an open proposal’s timeout again when coaching starts after Redis lost it, due when it was', async () => {
  const queue = () => sut.app.get(JobQueue).queueOf(ProposalTimeout);
  const idea = submitted('green');
  await publish(idea);
  await eventually(async () => expect((await proposals(idea.data.ideaId)).length).toBe(1));
  const [open] = await sut.query<{ id: string; proposed_at: Date }>('SELECT id, proposed_at FROM assignment WHERE idea_id = $1', [idea.data.ideaId]);
  const id = jobIdFor(ProposalTimeout, open.id);
  await queue().remove(id);
  expect(await queue().getJob(id)).toBeUndefined();

  await sut.restart();
  const job = await queue().getJob(id);
  expect(job?.data).toEqual({ assignmentId: open.id });
  // Due at the proposal + three days, not three days after the restart.
  expect(Math.abs(job!.timestamp + job!.opts.delay! - (open.proposed_at.getTime() + 72 * 3_600_000))).toBeLessThan(5_000);
});

it('lets one of the replicas that start together make a start-up scan, the others leave it to it', async () => {
  const dataSource = sut.app.get(DataSource);
  const logger = new Logger('test');
  let finish = () => undefined as void;
  const held = new Promise<void>((resolve) => (finish = resolve));
  const first = startUpScan(dataSource, 'test.start-up-scan', logger, () => held);
  await sleep(300);
  let scannedTwice = false;
  expect(await startUpScan(dataSource, 'test.start-up-scan', logger, async () => void (scannedTwice = true))).toBe('left');
  finish();
  expect(await first).toBe('scanned');
  expect(scannedTwice).toBe(false);
  // One that starts later scans again.
  expect(await startUpScan(dataSource, 'test.start-up-scan', logger, async () => undefined)).toBe('scanned');
});
