import { randomUUID } from 'node:crypto';
import {
  AssignmentAccepted,
  Caller,
  EventOf,
  CreateIdea,
  EventEnvelope,
  GetIdea,
  IdeaView,
  ListIdeas,
  MemberJoined,
  OrganisationApproved,
  OrganisationRegistered,
  RolesChanged,
  SentInputOf,
  CANVAS_BLOCKS,
  CanvasView,
  IDEA_STAGES,
  DecideCollaboration,
  PutCanvas,
  RequestCollaboration,
  SubmitIdea,
  TransitionIdea,
  UpdateIdea,
} from '@cirkel/contracts';
import { createServiceApp } from '@cirkel/runtime';
import { DataSource } from 'typeorm';
import { eventually, handleInTransaction, publishTestEvent, ServiceUnderTest, startServiceUnderTest, testEvent, TestRequests } from '@cirkel/testing';
import { IdeasModule } from '../src/ideas.module';
import { ALLOWED } from './allowed-moves';
import { MentorAcceptedHandler } from '../src/ideas/mentor-accepted.handler';

/** The idea pipeline through ideas' requests, against real Postgres and NATS; who belongs where comes from partners' events. */
let sut: ServiceUnderTest;
let requests: TestRequests;
const hubId = randomUUID();
const [atelier, bakkerij, pending] = [randomUUID(), randomUUID(), randomUUID()];
const person = (organisationId: string | null, hubRoles: Caller['hubRoles'] = []): Caller => ({
  personId: randomUUID(),
  hubId,
  hubRoles,
  memberships: organisationId ? [{ organisationId, role: 'member' }] : [],
});
const anna = person(atelier);
const bert = person(bakkerij);
const pia = person(pending);
const admin = person(null, ['hub_admin']);

const publish = (event: EventEnvelope) => publishTestEvent(sut.nc, sut.config.nats.subjectPrefix, event);

function organisation(id: string, name: string) {
  return testEvent(OrganisationRegistered, hubId, {
    organisationId: id,
    name,
    type: 'social',
    enterpriseNumber: null,
    workDomains: ['green'],
    status: 'pending',
    registeredBy: { personId: randomUUID(), name: 'Someone' },
  }, { aggregateVersion: 1 });
}

const draft = (overrides: Partial<SentInputOf<typeof CreateIdea>> = {}): SentInputOf<typeof CreateIdea> => ({
  title: 'Fietsherstelplaats Winterslag',
  summary: 'Een werkplaats voor de herstelling van fietsen, met mensen die werk zoeken.',
  workDomain: 'mobility',
  strategies: ['repair', 'reuse'],
  sdgs: [8, 12],
  expectedJobs: { regular: 1, social: 3 },
  ...overrides,
});

beforeAll(async () => {
  sut = await startServiceUnderTest('ideas', (config) => createServiceApp(IdeasModule.forRoot(config), config));
  requests = await TestRequests.connect(sut.config);
  for (const [id, name] of [[atelier, 'Atelier A'], [bakkerij, 'Bakkerij B'], [pending, 'Pending P']]) await publish(organisation(id, name));
  for (const [id, name] of [[atelier, 'Atelier A'], [bakkerij, 'Bakkerij B']]) await publish(testEvent(OrganisationApproved, hubId, { organisationId: id, name, approvedBy: admin.personId }, { aggregateVersion: 2 }));
  for (const caller of [anna, bert, pia]) {
    const { organisationId, role } = caller.memberships[0];
    await publish(testEvent(MemberJoined, hubId, { organisationId, personId: caller.personId, name: 'Iemand', language: 'nl', role }, { aggregateVersion: 1 }));
  }
  await publish(testEvent(RolesChanged, hubId, { personId: admin.personId, name: 'Admin', language: 'nl', hubRoles: ['hub_admin'] }, { aggregateVersion: 1 }));
  await eventually(async () => {
    expect(await sut.query(`SELECT 1 FROM known_organisation WHERE status = 'active'`)).toHaveLength(2);
    expect(await sut.query('SELECT 1 FROM copied_membership')).toHaveLength(3);
    expect(await sut.query('SELECT 1 FROM copied_hub_roles')).toHaveLength(1);
  });
});

afterAll(async () => {
  await requests?.close();
  await sut?.stop();
});

describe('drafts', () => {
  it('creates a draft of the caller’s organisation, with its history, that only its members and hub admins see', async () => {
    const idea = await requests.request(CreateIdea, anna, draft());
    expect(idea).toMatchObject({ stage: 'draft', leadOrganisation: { id: atelier, name: 'Atelier A' }, sdgs: [8, 12], canvas: null, history: [{ from: null, to: 'draft', by: anna.personId }] });
    expect((await requests.request(GetIdea, admin, { ideaId: idea.id })).id).toBe(idea.id);
    expect(await requests.problem(GetIdea, bert, { ideaId: idea.id })).toMatchObject({ type: 'idea-not-found', status: 404 });
    expect((await requests.request(ListIdeas, bert, {})).items.map((i) => i.id)).not.toContain(idea.id);
    const listed = (await requests.request(ListIdeas, anna, {})).items.find((i) => i.id === idea.id);
    // The list shows the idea as the idea itself does, its lead organisation named (one statement with the names joined).
    expect(listed).toMatchObject({ leadOrganisation: { id: atelier, name: 'Atelier A' }, sdgs: [8, 12], expectedJobs: idea.expectedJobs, strategies: idea.strategies });
    expect(listed).toEqual(Object.fromEntries(Object.keys(listed!).map((key) => [key, idea[key as keyof typeof idea]])));
  });

  it('refuses a draft for an organisation the hub has not approved, or by someone of no organisation', async () => {
    expect(await requests.problem(CreateIdea, pia, draft())).toMatchObject({ type: 'lead-organisation-not-active', status: 409 });
    expect(await requests.problem(CreateIdea, admin, draft())).toMatchObject({ type: 'forbidden', status: 403 });
    expect(await requests.problem(CreateIdea, anna, draft({ leadOrganisationId: bakkerij }))).toMatchObject({ type: 'forbidden', status: 403 });
    expect(await requests.problem(CreateIdea, anna, draft({ strategies: [] }))).toMatchObject({ type: 'validation-failed', status: 400 });
    expect(await sut.query('SELECT 1 FROM idea WHERE lead_organisation_id = $1', [pending])).toEqual([]);
  });
});

describe('the pipeline', () => {
  let idea: IdeaView;

  beforeAll(async () => {
    idea = await requests.request(CreateIdea, anna, draft({ title: 'Herstelcafé Zwartberg' }));
  });

  it('submits once by the lead organisation, publishes ideas.submitted and ideas.stage-changed, and shows it to the hub', async () => {
    expect(idea.moves).toEqual([{ to: 'submitted', by: 'lead' }, { to: 'withdrawn', by: 'lead' }]);
    expect((await requests.request(GetIdea, admin, { ideaId: idea.id })).moves).toEqual([]); // a draft: the hub admin moves nothing yet
    expect(await requests.problem(SubmitIdea, admin, { ideaId: idea.id })).toMatchObject({ type: 'forbidden', status: 403 });
    const submitted = await requests.request(SubmitIdea, anna, { ideaId: idea.id });
    expect(submitted.stage).toBe('submitted');
    expect(submitted.history.map((t) => [t.from, t.to])).toEqual([[null, 'draft'], ['draft', 'submitted']]);
    const events = await sut.query<{ envelope: EventEnvelope }>(`SELECT envelope FROM outbox WHERE envelope->'data'->>'ideaId' = $1 ORDER BY seq`, [idea.id]);
    expect(events.map((e) => [e.envelope.type, e.envelope.aggregate?.version])).toEqual([['ideas.submitted', 1], ['ideas.stage-changed', 2]]);
    expect((await requests.request(GetIdea, bert, { ideaId: idea.id })).stage).toBe('submitted');
    expect(await requests.problem(SubmitIdea, anna, { ideaId: idea.id })).toMatchObject({ type: 'idea-transition-not-allowed', status: 409 });
  });

  it('lets hub admins move it on and refuses what the rules refuse, naming the rule', async () => {
    // The moves each caller may ask for, as the web app offers them: the hub admin's, the lead's, none for another organisation.
    expect((await requests.request(GetIdea, admin, { ideaId: idea.id })).moves).toEqual([{ to: 'screening', by: 'hub_admin' }, { to: 'parked', by: 'hub_admin' }]);
    expect((await requests.request(GetIdea, anna, { ideaId: idea.id })).moves).toEqual([{ to: 'withdrawn', by: 'lead' }]);
    expect((await requests.request(GetIdea, bert, { ideaId: idea.id })).moves).toEqual([]);
    expect(await requests.problem(TransitionIdea, bert, { ideaId: idea.id, to: 'screening' })).toMatchObject({ type: 'forbidden', status: 403 });
    const screened = await requests.request(TransitionIdea, admin, { ideaId: idea.id, to: 'screening', reason: 'Past in de werkdomeinen van de hub.' });
    expect(screened.history.at(-1)).toMatchObject({ from: 'submitted', to: 'screening', by: admin.personId, reason: 'Past in de werkdomeinen van de hub.' });
    expect(screened.moves).toEqual([{ to: 'coaching', by: 'hub_admin' }, { to: 'parked', by: 'hub_admin' }]);
    const noMentor = await requests.problem(TransitionIdea, admin, { ideaId: idea.id, to: 'coaching' });
    expect(noMentor).toMatchObject({ type: 'idea-needs-mentor', status: 409 });
    expect(await requests.problem(TransitionIdea, admin, { ideaId: idea.id, to: 'launched' })).toMatchObject({ type: 'idea-transition-not-allowed', status: 409, detail: expect.stringContaining('screening') });
    expect((await requests.request(TransitionIdea, anna, { ideaId: idea.id, to: 'withdrawn' })).stage).toBe('withdrawn');
  });
});

describe('every pair of stages, through ideas', () => {
  it('makes every allowed move for whom it is allowed (kept and published) and refuses the others: 403 to the wrong role, 409 naming the rule for a move the pipeline lacks', async () => {
    const filled = Object.fromEntries(CANVAS_BLOCKS.map((block) => [block, `Over ${block}`])) as CanvasView;
    const wrong: string[] = [];
    const status = (caller: Caller, ideaId: string, to: (typeof IDEA_STAGES)[number]) =>
      requests.request(TransitionIdea, caller, { ideaId, to }).then(
        () => '200',
        (error: { status?: number; type?: string }) => `${error.status} ${error.type}`,
      );
    // One idea per stage, one request at a time (some 150; at once they outran the request timeout at load 20).
    for (const from of IDEA_STAGES) {
      const { id } = await requests.request(CreateIdea, anna, draft({ title: `Van ${from}`, canvas: filled }));
      const setStage = () => sut.query('UPDATE idea SET stage = $2, has_accepted_mentor = true WHERE id = $1', [id, from]);
      await setStage();
      let moves = 0;
      for (const to of IDEA_STAGES) {
        const allowed = ALLOWED.find(([f, t]) => f === from && t === to);
        if (!allowed) {
          for (const caller of [anna, admin]) {
            const got = await status(caller, id, to);
            if (got !== '409 idea-transition-not-allowed') wrong.push(`${from}→${to} by ${caller === anna ? 'lead' : 'admin'}: ${got}`);
          }
          continue;
        }
        const [right, other] = allowed[2] === 'lead' ? [anna, admin] : [admin, anna];
        const refused = await status(other, id, to);
        if (refused !== '403 forbidden') wrong.push(`${from}→${to} by the other role: ${refused}`);
        const made = await status(right, id, to);
        if (made !== '200') wrong.push(`${from}→${to} by ${allowed[2]}: ${made}`);
        moves += 1;
        await setStage();
      }
      const [{ count }] = await sut.query<{ count: number }>(`SELECT count(*)::int AS count FROM idea_transition WHERE idea_id = $1 AND from_stage = $2`, [id, from]);
      const [{ published }] = await sut.query<{ published: number }>(`SELECT count(*)::int AS published FROM outbox WHERE envelope->>'type' = 'ideas.stage-changed' AND envelope->'data'->>'ideaId' = $1`, [id]);
      if (count !== moves || published !== moves) wrong.push(`${from}: ${moves} moves, ${count} kept, ${published} published`);
    }
    expect(wrong).toEqual([]);
  }, 180_000);
});

describe('its mentor', () => {
  it("shows the mentor who accepted the idea: coaching's newest acceptance, whatever order they arrive in", async () => {
    const idea = await requests.request(CreateIdea, anna, draft({ title: 'Repair café Waterschei' }));
    await requests.request(SubmitIdea, anna, { ideaId: idea.id });
    expect((await requests.request(GetIdea, bert, { ideaId: idea.id })).mentor).toBeNull();
    const accepted = (mentorId: string, mentorName: string | undefined, version: number) =>
      testEvent(AssignmentAccepted, hubId, { assignmentId: randomUUID(), ideaId: idea.id, mentorId, ...(mentorName ? { mentorName } : {}) }, { aggregateVersion: version });
    const [wim, leen, els] = [randomUUID(), randomUUID(), randomUUID()];
    await publish(accepted(wim, 'Wim Goossens', 2));
    await eventually(async () => expect((await requests.request(GetIdea, bert, { ideaId: idea.id })).mentor).toEqual({ id: wim, name: 'Wim Goossens' }));
    const handler = sut.app.get(MentorAcceptedHandler);
    const apply = (event: EventEnvelope) => handleInTransaction(sut.app.get(DataSource), event, (e, ctx) => handler.accepted(e as EventOf<typeof AssignmentAccepted>, ctx));
    await apply(accepted(leen, undefined, 5));
    await apply(accepted(els, 'Els Peeters', 4)); // older: changes nothing
    expect((await requests.request(GetIdea, anna, { ideaId: idea.id })).mentor).toEqual({ id: leen, name: '' });
  });
});

describe('search and filters', () => {
  it('finds an idea about "herstelling" when searching "herstellen" (Dutch stemming), and filters by stage, domain, strategy and organisation', async () => {
    const bike = await requests.request(CreateIdea, bert, draft({ title: 'Fietsen van Bakkerij B', workDomain: 'mobility', strategies: ['repair'] }));
    await requests.request(SubmitIdea, bert, { ideaId: bike.id });
    const other = await requests.request(CreateIdea, bert, draft({ title: 'Broodresten', summary: 'Oud brood wordt bier, in plaats van afval.', workDomain: 'hospitality', strategies: ['repurpose'] }));
    await requests.request(SubmitIdea, bert, { ideaId: other.id });
    const ids = async (data: Record<string, unknown>) => (await requests.request(ListIdeas, anna, data as never)).items.map((i) => i.id);
    expect(await ids({ q: 'herstellen', organisation: bakkerij })).toEqual([bike.id]);
    expect(await ids({ workDomain: 'hospitality', organisation: bakkerij })).toEqual([other.id]);
    expect(await ids({ strategy: 'repurpose', organisation: bakkerij })).toEqual([other.id]);
    expect(await ids({ stage: 'submitted', organisation: bakkerij })).toEqual([other.id, bike.id]);
    const first = await requests.request(ListIdeas, anna, { organisation: bakkerij, limit: 1 });
    expect(first.items.map((i) => i.id)).toEqual([other.id]);
    expect((await requests.request(ListIdeas, anna, { organisation: bakkerij, limit: 1, cursor: first.nextCursor ?? undefined })).items.map((i) => i.id)).toEqual([bike.id]);
    // Oldest first, a page at a time: a queue (the hub admin's screening).
    const oldest = await requests.request(ListIdeas, admin, { stage: 'submitted', organisation: bakkerij, order: 'oldest', limit: 1 });
    expect(oldest.items.map((i) => i.id)).toEqual([bike.id]);
    const next = await requests.request(ListIdeas, admin, { stage: 'submitted', organisation: bakkerij, order: 'oldest', limit: 1, cursor: oldest.nextCursor ?? undefined });
    expect([next.items.map((i) => i.id), next.nextCursor]).toEqual([[other.id], null]);
    expect(await requests.problem(ListIdeas, anna, { order: 'random' })).toMatchObject({ type: 'validation-failed', status: 400 });
    expect(await requests.problem(ListIdeas, anna, { stage: 'dreaming' })).toMatchObject({ type: 'validation-failed', status: 400 });
  });

  it('keeps the words of ideas just written in the search tree, not in a pending list every search reads', async () => {
    // With GIN's fastupdate a search read each entry written since the last vacuum (33 ms over 20,000 ideas loaded; bench:ideas).
    const [index] = await sut.query<{ reloptions: string[] | null }>(`SELECT reloptions FROM pg_class WHERE relname = 'idea_search_idx' AND relnamespace = current_schema()::regnamespace`);
    expect(index.reloptions).toContain('fastupdate=off');
  });
});

describe('changes, canvas and collaborators', () => {
  const canvas = Object.fromEntries(CANVAS_BLOCKS.map((block) => [block, `Over ${block}`])) as CanvasView;
  let idea: IdeaView;

  beforeAll(async () => {
    idea = await requests.request(CreateIdea, anna, draft({ title: 'Kledingbibliotheek' }));
  });

  it('lets the lead organisation and hub admins change the description, not others, and not once it is withdrawn', async () => {
    const changed = await requests.request(UpdateIdea, anna, { ideaId: idea.id, changes: { title: 'Kledingbib Genk', sdgs: [12, 5] } });
    expect(changed).toMatchObject({ title: 'Kledingbib Genk', sdgs: [5, 12] });
    expect(await requests.problem(UpdateIdea, bert, { ideaId: idea.id, changes: { title: 'Overgenomen' } })).toMatchObject({ type: 'idea-not-found', status: 404 });
    expect(await requests.problem(UpdateIdea, anna, { ideaId: idea.id, changes: {} })).toMatchObject({ type: 'validation-failed', status: 400 });
  });

  it('lets another active organisation ask to collaborate once it is submitted; the lead organisation answers; a collaborator fills in the canvas', async () => {
    expect(await requests.problem(RequestCollaboration, bert, { ideaId: idea.id })).toMatchObject({ type: 'idea-not-found', status: 404 }); // a draft
    await requests.request(SubmitIdea, anna, { ideaId: idea.id });
    expect(await requests.problem(PutCanvas, bert, { ideaId: idea.id, canvas })).toMatchObject({ type: 'forbidden', status: 403 });

    const asked = await requests.request(RequestCollaboration, bert, { ideaId: idea.id });
    expect(asked).toMatchObject({ status: 'requested', organisation: { id: bakkerij, name: 'Bakkerij B' } });
    expect(await requests.problem(RequestCollaboration, bert, { ideaId: idea.id })).toMatchObject({ type: 'already-collaborating', status: 409 });
    expect(await requests.problem(RequestCollaboration, anna, { ideaId: idea.id })).toMatchObject({ type: 'already-collaborating', status: 409 });
    expect(await requests.problem(RequestCollaboration, pia, { ideaId: idea.id })).toMatchObject({ type: 'lead-organisation-not-active', status: 409 });
    expect((await requests.request(GetIdea, anna, { ideaId: idea.id })).collaborationRequests?.map((r) => r.id)).toEqual([asked.id]);
    expect((await requests.request(GetIdea, bert, { ideaId: idea.id })).collaborationRequests).toBeNull();

    expect(await requests.problem(DecideCollaboration, bert, { ideaId: idea.id, requestId: asked.id, accept: true })).toMatchObject({ type: 'forbidden', status: 403 });
    expect((await requests.request(DecideCollaboration, anna, { ideaId: idea.id, requestId: asked.id, accept: true })).status).toBe('accepted');
    expect(await requests.problem(DecideCollaboration, anna, { ideaId: idea.id, requestId: asked.id, accept: false })).toMatchObject({ type: 'collaboration-decided', status: 409 });
    const joined = await sut.query<{ envelope: EventEnvelope }>(`SELECT envelope FROM outbox WHERE envelope->>'type' = 'ideas.collaborator-joined' AND envelope->'data'->>'ideaId' = $1`, [idea.id]);
    expect(joined.map((e) => e.envelope.data)).toEqual([{ ideaId: idea.id, organisationId: bakkerij, leadOrganisationId: atelier }]);

    const filled = await requests.request(PutCanvas, bert, { ideaId: idea.id, canvas });
    expect(filled.canvas).toEqual(canvas);
    expect(filled.collaborators).toEqual([{ id: bakkerij, name: 'Bakkerij B' }]);
  });

  it('changes nothing of a withdrawn idea', async () => {
    await requests.request(TransitionIdea, anna, { ideaId: idea.id, to: 'withdrawn' });
    expect(await requests.problem(UpdateIdea, anna, { ideaId: idea.id, changes: { title: 'Toch nog' } })).toMatchObject({ type: 'idea-closed', status: 409 });
    expect(await requests.problem(PutCanvas, admin, { ideaId: idea.id, canvas })).toMatchObject({ type: 'idea-closed', status: 409 });
    expect(await requests.problem(RequestCollaboration, bert, { ideaId: idea.id })).toMatchObject({ type: 'collaboration-not-open', status: 409 });
  });
});
