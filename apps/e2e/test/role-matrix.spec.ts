import { createHmac, randomUUID } from 'node:crypto';
import { Queue } from 'bullmq';
import { Client } from 'pg';
import { DEVELOPMENT_UNSUBSCRIBE_SECRET } from '@cirkel/config';
import { CityDigest } from '@cirkel/contracts';
import { jobsPrefix, redisOptionsFromUrl } from '@cirkel/jobs';
import { eventually, startSystem, SystemUnderTest, TEST_DATABASE_URL, testConfig } from '@cirkel/testing';
import { Api, ApiResponse } from './api-client';
import { apiOperations, Operation, urlOf } from './support/openapi-operations';

/**
 * Every endpoint of `/api/docs-json` tried by each kind of person of hub Genk, and by the hub admin
 * of another hub, against every app running as its own process. The table says who may get a 2xx
 * for each operation; anyone else getting one (or anyone a 5xx) fails the test. The organisation
 * the requests aim at is OCMW Genk; its own org admin is a column too, as is the hub admin: each row
 * must give someone a 2xx, so a request that is simply malformed cannot pass for a refusal. An
 * endpoint with no row fails the test until it gets one.
 */
const PASSWORD = 'cirkel-demo';
const ACTORS = ['anonymous', 'member', 'orgAdminElsewhere', 'mentor', 'jobCoach', 'cityStaff', 'otherHubAdmin', 'owner', 'hubAdmin'] as const;
type Actor = (typeof ACTORS)[number];
const SIGNED_IN: Actor[] = ACTORS.filter((a) => a !== 'anonymous');
const HUB_A_SIGNED_IN: Actor[] = SIGNED_IN.filter((a) => a !== 'otherHubAdmin');

interface Request {
  path?: Record<string, string>;
  query?: string;
  body?: unknown;
}

interface Row {
  /** Who may get a 2xx. */
  may: readonly Actor[];
  /** The request, made afresh for each actor (a fresh e-mail, the charter version of now). */
  request: (actor: Actor) => Promise<Request>;
  /** Why no one can get a 2xx here, when no one can. */
  noneCan?: string;
}

let system: SystemUnderTest;
let api: Api;
const tokens = new Map<Actor, string>();
let ocmw: string; // the organisation the rows aim at, active, not signed
let pending: string; // a pending organisation, for the approval
let memberId: string;
let adminNotification: string;
/** Ids of hub Genk (organisations, people): the other hub's admin must never see one. */
const genkIds = new Set<string>();

const as = (actor: Actor) => tokens.get(actor);
const call = (method: string, path: string, actor: Actor, body?: unknown) => api.call(method, path, { token: as(actor), body });
const email = (who: string) => `${who}-${randomUUID().slice(0, 8)}@matrix.cirkel.test`;

async function login(address: string): Promise<string> {
  return api.login(address, PASSWORD);
}

/** The token of an invitation's link, from the e-mail partners queued for the invited address (no answer carries it). */
async function emailedToken(invitationId: string): Promise<string> {
  const [row] = await system.query<{ link: string }>('partners', 'SELECT link FROM email_delivery WHERE about_id = $1', [invitationId]);
  return row.link.slice(row.link.lastIndexOf('/') + 1);
}

const IDEA = { title: 'Matrix idee', summary: 'Een idee om de rechten te proberen.', workDomain: 'care', strategies: ['reuse'], expectedJobs: { regular: 0, social: 1 } };

/** A fresh draft of OCMW Genk by its org admin (submitted when asked): its id. A draft is private to OCMW and the hub admins. */
async function ideaOfOcmw(submitted: boolean): Promise<string> {
  const res = await call('POST', '/api/v1/ideas', 'owner', IDEA);
  if (res.status !== 201) throw new Error(`idea: ${res.status} ${JSON.stringify(res.body)}`);
  if (submitted) await call('POST', `/api/v1/ideas/${res.body.id}/submission`, 'owner');
  return res.body.id;
}

const MENTOR_PROFILE = { workDomains: ['care', 'green', 'mobility', 'hospitality', 'industry', 'mentoring', 'other'], capacity: 20, bio: 'Matrix' };

/** A fresh proposal to the demo mentor: an OCMW idea submitted, and matching's proposal of it (the mentor has room in every domain). */
async function proposalToMentor(): Promise<string> {
  await call('PUT', '/api/v1/mentors/me', 'mentor', MENTOR_PROFILE);
  const ideaId = await ideaOfOcmw(true);
  return eventually(async () => {
    const items = (await call('GET', '/api/v1/assignments', 'mentor')).body.items as { id: string; status: string; idea: { id: string } }[];
    const proposal = items.find((a) => a.idea.id === ideaId && a.status === 'proposed');
    expect(proposal).toBeDefined();
    return proposal!.id;
  }, { timeoutMs: 15_000 });
}

const declinedIdeas = new Map<string, Promise<{ ideaId: string; mentorId: string }>>();

/**
 * A submitted OCMW idea whose proposal the demo mentor declined (so coaching knows it and it waits
 * for a mentor): its id and the mentor's id. One per row (`key`): only the hub admin, the last
 * actor, gets past the role check, so the others never change it.
 */
async function ideaDeclinedByMentor(key: string): Promise<{ ideaId: string; mentorId: string }> {
  if (!declinedIdeas.has(key)) {
    declinedIdeas.set(key, (async () => {
      const assignmentId = await proposalToMentor();
      const declined = await call('POST', `/api/v1/assignments/${assignmentId}/decision`, 'mentor', { accept: false });
      return { ideaId: declined.body.idea.id, mentorId: declined.body.mentor.personId };
    })());
  }
  return declinedIdeas.get(key)!;
}

const enrolment = () => ({
  reference: `matrix-${randomUUID().slice(0, 8)}`,
  gender: 'man',
  ageBand: '30_54',
  labourMarketStatus: 'unemployed',
  education: 'isced_3_4',
  disability: 'no',
  thirdCountNational: 'no',
  foreignBackground: 'declined',
  minority: 'declined',
  entryDate: '2026-02-02',
});

/** A fresh participant of Alternatief, enrolled by the demo job coach (who works there): its id. */
async function participantOfAlternatief(): Promise<string> {
  const res = await call('POST', '/api/v1/participants', 'jobCoach', enrolment());
  if (res.status !== 201) throw new Error(`participant: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.id;
}

const placementAt = (ideaId: string) => ({ ideaId, employerOrganisationId: ocmw, sector: 'regular', contractType: 'temporary', hoursPerWeek: 30.4, startDate: '2026-05-04' });
let placementIdea: Promise<string> | undefined;

/** A placement's fields at OCMW Genk for a submitted OCMW idea, once reporting has heard of the idea (a first placement is recorded). */
async function placementFields() {
  placementIdea ??= (async () => {
    const ideaId = await ideaOfOcmw(true);
    const participantId = await participantOfAlternatief();
    await eventually(async () => expect((await call('POST', `/api/v1/participants/${participantId}/placements`, 'jobCoach', placementAt(ideaId))).status).toBe(201), { timeoutMs: 15_000 });
    return ideaId;
  })();
  return placementAt(await placementIdea);
}

/** A fresh placement of a fresh participant of Alternatief: its id. */
async function placementOfAlternatief(): Promise<string> {
  const res = await call('POST', `/api/v1/participants/${await participantOfAlternatief()}/placements`, 'jobCoach', await placementFields());
  if (res.status !== 201) throw new Error(`placement: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.id;
}

let acceptedByMentor: Promise<string> | undefined;

/** An assignment the demo mentor accepted (one for every row: the mentor's capacity is finite): its id. */
async function acceptedAssignment(): Promise<string> {
  acceptedByMentor ??= (async () => {
    const id = await proposalToMentor();
    const res = await call('POST', `/api/v1/assignments/${id}/decision`, 'mentor', { accept: true });
    if (res.status !== 200) throw new Error(`acceptance: ${res.status} ${JSON.stringify(res.body)}`);
    return id;
  })();
  return acceptedByMentor;
}

/** A fresh session planned by the demo mentor; `started` moves its start into the past in coaching's schema (so it may be completed). */
async function plannedSession(started = false): Promise<string> {
  const res = await call('POST', `/api/v1/assignments/${await acceptedAssignment()}/sessions`, 'mentor', { startsAt: new Date(Date.now() + 86_400_000).toISOString(), durationMinutes: 60, place: 'Portavida' });
  if (res.status !== 201) throw new Error(`session: ${res.status} ${JSON.stringify(res.body)}`);
  if (started) await system.query('coaching', `UPDATE coaching_session SET starts_at = now() - interval '1 hour' WHERE id = $1`, [res.body.id]);
  return res.body.id;
}

/** An open action item of the demo mentor's, from a fresh session completed: its id. */
async function actionItemOfMentor(): Promise<string> {
  const mentorId = (await call('GET', '/api/v1/mentors/me', 'mentor')).body.personId;
  const res = await call('POST', `/api/v1/sessions/${await plannedSession(true)}/completion`, 'mentor', { notes: 'Matrix', actionItems: [{ description: 'Matrix', ownerId: mentorId, dueOn: '2027-01-15' }] });
  if (res.status !== 200) throw new Error(`completion: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.actionItems[0].id;
}

const PROGRAMME = { title: 'Matrix 1+1=11', capacity: 50, sessions: [{ startsAt: '2027-01-12T13:00:00+01:00', endsAt: '2027-01-12T17:00:00+01:00', location: 'Portavida' }] };

let genkProgramme: Promise<{ id: string; sessionId: string }> | undefined;

/** A programme of hub Genk (by its hub admin; one for every row, 50 places): its id and its session's. */
async function programmeOfGenk(): Promise<{ id: string; sessionId: string }> {
  genkProgramme ??= (async () => {
    const res = await call('POST', '/api/v1/programmes', 'hubAdmin', PROGRAMME);
    if (res.status !== 201) throw new Error(`programme: ${res.status} ${JSON.stringify(res.body)}`);
    return { id: res.body.id, sessionId: res.body.sessions[0].id };
  })();
  return genkProgramme;
}

/** The open registration of OCMW's member for the programme (made when there is none): the programme's and the registration's ids. */
async function memberRegistration(): Promise<{ id: string; registrationId: string }> {
  const { id } = await programmeOfGenk();
  const res = await call('POST', `/api/v1/programmes/${id}/registrations`, 'member', {});
  if (res.status === 201) return { id, registrationId: res.body.id };
  const own = (await call('GET', `/api/v1/programmes/${id}`, 'member')).body.myRegistration;
  if (!own) throw new Error(`registration: ${res.status} ${JSON.stringify(res.body)}`);
  return { id, registrationId: own.id };
}

/** A fresh invitation to OCMW Genk by its org admin: its id and token. */
async function invite(): Promise<{ id: string; token: string }> {
  const res = await call('POST', `/api/v1/organisations/${ocmw}/invitations`, 'owner', { email: email('invited'), role: 'member' });
  if (res.status !== 201) throw new Error(`invitation: ${res.status} ${JSON.stringify(res.body)}`);
  return { id: res.body.id, token: await emailedToken(res.body.id) };
}

/** A pending organisation: registered, and confirmed with the link e-mailed to its address. */
/** OCMW Genk with a new name its org admin proposed, waiting for a hub admin (issue 7). */
async function proposedChange(): Promise<string> {
  const res = await call('PATCH', `/api/v1/organisations/${ocmw}`, 'owner', { name: `OCMW Genk ${randomUUID().slice(0, 8)}` });
  if (res.status !== 200 || !res.body.proposedChange) throw new Error(`proposing a change: ${res.status} ${JSON.stringify(res.body)}`);
  return ocmw;
}

async function registered(): Promise<string> {
  return (await api.call('POST', '/api/v1/registrations/confirmation', { body: { token: await registrationToken() } })).body.organisation.id;
}

/** Registers in Genk and answers the token of the confirmation link e-mailed to the address. */
async function registrationToken(): Promise<string> {
  const body = await registration('genk');
  const res = await api.call('POST', '/api/v1/registrations', { body });
  if (res.status !== 202) throw new Error(`registration: ${res.status} ${JSON.stringify(res.body)}`);
  const [row] = await system.query<{ link: string }>('partners', `SELECT link FROM email_delivery WHERE kind = 'registration-confirmation' AND to_address = $1`, [body.person.email]);
  return row.link.slice(row.link.lastIndexOf('/') + 1);
}

/** A new member of OCMW Genk (invited and accepted): their person id. */
async function newMemberOfOcmw(): Promise<string> {
  const accepted = await api.call('POST', `/api/v1/invitations/${(await invite()).token}/acceptance`, { body: { name: 'Nieuw Lid', password: PASSWORD } });
  if (accepted.status !== 201) throw new Error(`acceptance: ${accepted.status} ${JSON.stringify(accepted.body)}`);
  return accepted.body.id;
}

/** A new member of the OCMW, deactivated by the hub admin (each actor gets one of their own to reactivate). */
async function deactivatedMemberOfOcmw(): Promise<string> {
  const id = await newMemberOfOcmw();
  const res = await api.call('POST', `/api/v1/people/${id}/deactivation`, { token: as('hubAdmin') });
  if (res.status !== 200) throw new Error(`deactivation: ${res.status} ${JSON.stringify(res.body)}`);
  return id;
}

/** Asks for a password reset of an address and answers the token of the link e-mailed to it. */
async function passwordResetToken(address: string): Promise<string> {
  await api.call('POST', '/api/v1/password-resets', { body: { email: address } });
  const [row] = await system.query<{ link: string }>('partners', `SELECT link FROM email_delivery WHERE kind = 'password-reset' AND to_address = $1 ORDER BY created_at DESC, id DESC LIMIT 1`, [address]);
  return row.link.slice(row.link.lastIndexOf('/') + 1);
}

/** A login unlock link's token, e-mailed to a new member of the OCMW (a link of its own for each actor: it works once). */
async function loginUnlockToken(): Promise<string> {
  const [person] = await system.query<{ email: string }>('partners', 'SELECT email FROM person WHERE id = $1', [await newMemberOfOcmw()]);
  await api.call('POST', '/api/v1/auth/login-unlocks', { body: { email: person.email } });
  const [row] = await system.query<{ link: string }>('partners', `SELECT link FROM email_delivery WHERE kind = 'login-unlock' AND to_address = $1`, [person.email]);
  return row.link.slice(row.link.lastIndexOf('/') + 1);
}

let cityDigest: Promise<string> | undefined;
/** Hub Genk's city digest of last week, built now by notifications' own job (its scheduler fires on Mondays only): its id. */
function genkCityDigest(): Promise<string> {
  cityDigest ??= (async () => {
    const hubId = (await call('GET', '/api/v1/me', 'hubAdmin')).body.hub.id as string;
    const { redis } = testConfig('notifications', system.namespace);
    const queue = new Queue(CityDigest.name, { connection: redisOptionsFromUrl(redis.url), prefix: jobsPrefix(redis) });
    await queue.add(CityDigest.name, { hubId }).finally(() => queue.close());
    return eventually(
      async () => {
        const items = (await call('GET', '/api/v1/digests', 'hubAdmin')).body.items as { id: string }[];
        expect(items).toHaveLength(1);
        return items[0].id;
      },
      { timeoutMs: 30_000 },
    );
  })();
  return cityDigest;
}

let deadLetter: Promise<string> | undefined;
/**
 * A dead letter of notifications in hub Genk that replays: partners' member-joined of the member,
 * written as notifications keeps a letter it gave up (under the service's own name, as a letter from
 * before handlers had consumers: its handlers of the type run). Its event was applied, so the replay
 * applies nothing, and marks the letter replayed.
 */
function genkDeadLetter(): Promise<string> {
  deadLetter ??= (async () => {
    const [event] = await system.query<{ subject: string; envelope: { id: string; type: string; hubId: string } }>(
      'partners',
      `SELECT subject, envelope FROM outbox WHERE envelope->>'type' = 'partners.member-joined' AND envelope->'data'->>'personId' = $1`,
      [memberId],
    );
    const [letter] = await system.query<{ id: string }>(
      'notifications',
      `INSERT INTO dead_letter (consumer, stream, stream_seq, subject, event_id, event_type, hub_id, payload, reason, deliveries) VALUES ('notifications', 'PARTNERS', 1, $1, $2, $3, $4, $5, 'the role matrix', 5) RETURNING id`,
      [event.subject, event.envelope.id, event.envelope.type, event.envelope.hubId, JSON.stringify(event.envelope)],
    );
    return String(letter.id);
  })();
  return deadLetter;
}

/** The member's unsubscribe link for new ideas, signed as notifications signs it (apps/notifications/src/preferences/unsubscribe-token.ts), with the secret it runs with in a test. */
function unsubscribeToken(): string {
  const claim = `${memberId}.new-ideas`;
  return `${claim}.${createHmac('sha256', DEVELOPMENT_UNSUBSCRIBE_SECRET).update(`unsubscribe:${memberId}:new-ideas`).digest('base64url')}`;
}

async function registration(hub: string, contact = email('registrant')) {
  return { hub, organisation: { name: `Matrix ${randomUUID().slice(0, 6)}`, type: 'citizen' }, person: { name: 'Ria Matrix', email: contact, password: PASSWORD } };
}

const ROWS: Record<string, Row> = {
  'POST /api/v1/auth/login': { may: ACTORS, request: async () => ({ body: { email: 'ocmw@cirkel.test', password: PASSWORD } }) },
  'POST /api/v1/auth/refresh': {
    may: ACTORS,
    request: async () => ({ body: { refreshToken: (await api.call('POST', '/api/v1/auth/login', { body: { email: 'ocmw@cirkel.test', password: PASSWORD } })).body.refreshToken } }),
  },
  'POST /api/v1/auth/logout': {
    may: ACTORS,
    request: async () => ({ body: { refreshToken: (await api.call('POST', '/api/v1/auth/login', { body: { email: 'ocmw@cirkel.test', password: PASSWORD } })).body.refreshToken } }),
  },
  'POST /api/v1/auth/login-unlocks': { may: ACTORS, request: async () => ({ body: { email: email('locked-out') } }) },
  'POST /api/v1/auth/login-unlocks/confirmation': { may: ACTORS, request: async () => ({ body: { token: await loginUnlockToken() } }) },
  'DELETE /api/v1/me/sessions': { may: SIGNED_IN, request: async () => ({}) },
  'PUT /api/v1/me/password': { may: SIGNED_IN, request: async () => ({ body: { currentPassword: PASSWORD, newPassword: PASSWORD } }) },
  'POST /api/v1/password-resets': { may: ACTORS, request: async () => ({ body: { email: email('forgetful') } }) },
  'POST /api/v1/password-resets/confirmation': { may: ACTORS, request: async () => ({ body: { token: await passwordResetToken('partner@cirkel.test'), password: PASSWORD } }) },
  'POST /api/v1/people/{id}/deactivation': { may: ['hubAdmin'], request: async () => ({ path: { id: await newMemberOfOcmw() } }) },
  'DELETE /api/v1/people/{id}/deactivation': { may: ['hubAdmin'], request: async () => ({ path: { id: await deactivatedMemberOfOcmw() } }) },
  'GET /api/v1/admin/dead-letters': { may: ['hubAdmin', 'otherHubAdmin'], request: async () => ({ query: 'service=partners' }) },
  'POST /api/v1/admin/dead-letters/{service}/{id}/replay': { may: ['hubAdmin'], request: async () => ({ path: { service: 'notifications', id: await genkDeadLetter() } }) },
  'POST /api/v1/registrations': { may: ACTORS, request: async () => ({ body: await registration('genk') }) },
  'POST /api/v1/registrations/confirmation': { may: ACTORS, request: async () => ({ body: { token: await registrationToken() } }) },
  'GET /api/v1/me': { may: SIGNED_IN, request: async () => ({}) },
  'PUT /api/v1/me/language': { may: SIGNED_IN, request: async () => ({ body: { language: 'nl' } }) },
  'GET /api/v1/organisations': { may: SIGNED_IN, request: async () => ({}) },
  'GET /api/v1/organisations/{id}': { may: HUB_A_SIGNED_IN, request: async () => ({ path: { id: ocmw } }) },
  'PATCH /api/v1/organisations/{id}': { may: ['owner', 'hubAdmin'], request: async () => ({ path: { id: ocmw }, body: { workDomains: ['care', 'mentoring'] } }) },
  'POST /api/v1/organisations/{id}/approval': { may: ['hubAdmin'], request: async () => ({ path: { id: pending } }) },
  'POST /api/v1/organisations/{id}/invitations': { may: ['owner'], request: async () => ({ path: { id: ocmw }, body: { email: email('invited'), role: 'member' } }) },
  'POST /api/v1/invitations/{token}/acceptance': { may: ACTORS, request: async () => ({ path: { token: (await invite()).token }, body: { name: 'Nieuw Lid', password: PASSWORD } }) },
  'POST /api/v1/organisations/{id}/proposed-change/approval': { may: ['hubAdmin'], request: async () => ({ path: { id: await proposedChange() } }) },
  'DELETE /api/v1/organisations/{id}/proposed-change': { may: ['owner', 'hubAdmin'], request: async () => ({ path: { id: await proposedChange() } }) },
  'POST /api/v1/organisations/{id}/rejection': { may: ['hubAdmin'], request: async () => ({ path: { id: await registered() }, body: { reason: 'Niet gevestigd in Genk.' } }) },
  'GET /api/v1/organisations/{id}/invitations': { may: ['owner'], request: async () => ({ path: { id: ocmw } }) },
  'DELETE /api/v1/organisations/{id}/invitations/{invitationId}': { may: ['owner'], request: async () => ({ path: { id: ocmw, invitationId: (await invite()).id } }) },
  'GET /api/v1/people': { may: ['hubAdmin', 'otherHubAdmin'], request: async () => ({}) },
  'PUT /api/v1/people/{id}/roles': { may: ['hubAdmin'], request: async () => ({ path: { id: memberId }, body: { roles: ['job_coach'] } }) },
  'GET /api/v1/charters/current': { may: ACTORS, request: async () => ({ query: 'hub=genk' }) },
  'POST /api/v1/charters': {
    may: ['hubAdmin', 'otherHubAdmin'],
    request: async () => ({ body: { text: { nl: 'Wij werken samen aan een circulaire economie, versie matrix.', en: 'We work together on a circular economy, matrix version.' } } }),
  },
  'POST /api/v1/organisations/{id}/charter-signatures': {
    may: ['owner'],
    request: async () => ({ path: { id: ocmw }, body: { version: (await call('GET', '/api/v1/charters/current', 'hubAdmin')).body.version } }),
  },
  // The demo job coach works for Alternatief (a partner): as its member, they may draft ideas and ask to join others'.
  'POST /api/v1/ideas': { may: ['member', 'owner', 'orgAdminElsewhere', 'jobCoach'], request: async () => ({ body: IDEA }) },
  'GET /api/v1/ideas': { may: SIGNED_IN, request: async () => ({ query: 'limit=5' }) },
  'GET /api/v1/ideas/{id}': { may: ['member', 'owner', 'hubAdmin'], request: async () => ({ path: { id: await ideaOfOcmw(false) } }) },
  'POST /api/v1/ideas/{id}/submission': { may: ['member', 'owner'], request: async () => ({ path: { id: await ideaOfOcmw(false) } }) },
  'POST /api/v1/ideas/{id}/transitions': { may: ['hubAdmin'], request: async () => ({ path: { id: await ideaOfOcmw(true) }, body: { to: 'screening' } }) },
  'PATCH /api/v1/ideas/{id}': { may: ['member', 'owner', 'hubAdmin'], request: async () => ({ path: { id: await ideaOfOcmw(false) }, body: { title: 'Matrix idee, herzien' } }) },
  'PUT /api/v1/ideas/{id}/canvas': { may: ['member', 'owner', 'hubAdmin'], request: async () => ({ path: { id: await ideaOfOcmw(false) }, body: { valuePropositions: 'Hergebruik in de buurt.' } }) },
  'POST /api/v1/ideas/{id}/collaboration-requests': { may: ['orgAdminElsewhere', 'jobCoach'], request: async () => ({ path: { id: await ideaOfOcmw(true) }, body: {} }) },
  'POST /api/v1/ideas/{id}/collaboration-requests/{requestId}/decision': {
    may: ['member', 'owner'],
    request: async () => {
      const id = await ideaOfOcmw(true);
      const asked = await call('POST', `/api/v1/ideas/${id}/collaboration-requests`, 'orgAdminElsewhere', {});
      if (asked.status !== 201) throw new Error(`collaboration request: ${asked.status} ${JSON.stringify(asked.body)}`);
      return { path: { id, requestId: asked.body.id }, body: { accept: true } };
    },
  },
  'PUT /api/v1/mentors/me': { may: ['mentor'], request: async () => ({ body: MENTOR_PROFILE }) },
  'GET /api/v1/mentors/me': { may: ['mentor'], request: async () => ({}) },
  'GET /api/v1/mentors': { may: ['hubAdmin', 'otherHubAdmin'], request: async () => ({}) },
  'GET /api/v1/assignments': { may: ['mentor'], request: async () => ({}) },
  'POST /api/v1/assignments/{id}/decision': { may: ['mentor'], request: async () => ({ path: { id: await proposalToMentor() }, body: { accept: false } }) },
  'GET /api/v1/ideas/{id}/mentor-suggestions': { may: ['hubAdmin'], request: async () => ({ path: { id: (await ideaDeclinedByMentor('suggestions')).ideaId } }) },
  'POST /api/v1/ideas/{id}/assignments': {
    may: ['hubAdmin'],
    request: async () => {
      const { ideaId, mentorId } = await ideaDeclinedByMentor('assignment');
      return { path: { id: ideaId }, body: { mentorId } };
    },
  },
  'POST /api/v1/participants': { may: ['jobCoach'], request: async () => ({ body: enrolment() }) },
  'GET /api/v1/participants': { may: ['jobCoach', 'hubAdmin', 'otherHubAdmin'], request: async () => ({}) },
  'GET /api/v1/participants/{id}': { may: ['jobCoach', 'hubAdmin'], request: async () => ({ path: { id: await participantOfAlternatief() } }) },
  'PATCH /api/v1/participants/{id}': { may: ['jobCoach'], request: async () => ({ path: { id: await participantOfAlternatief() }, body: { exitDate: '2026-10-30', resultsAtExit: ['employed'] } }) },
  'POST /api/v1/participants/{id}/placements': { may: ['jobCoach'], request: async () => ({ path: { id: await participantOfAlternatief() }, body: await placementFields() }) },
  'PATCH /api/v1/placements/{id}': { may: ['jobCoach'], request: async () => ({ path: { id: await placementOfAlternatief() }, body: { endDate: '2026-12-31' } }) },
  'GET /api/v1/audit-log': { may: ['hubAdmin', 'otherHubAdmin'], request: async () => ({}) },
  'GET /api/v1/statistics': { may: ['hubAdmin', 'cityStaff', 'otherHubAdmin'], request: async () => ({ query: 'period=2026&groupBy=indicator' }) },
  'POST /api/v1/statistics/runs': { may: ['hubAdmin', 'otherHubAdmin'], request: async () => ({ body: { year: 2026 } }) },
  'GET /api/v1/statistics/public': { may: ACTORS, request: async () => ({ query: 'hub=genk' }) },
  'GET /api/v1/targets': { may: ['hubAdmin', 'cityStaff', 'otherHubAdmin'], request: async () => ({}) },
  'PUT /api/v1/targets/{period}': { may: ['hubAdmin', 'otherHubAdmin'], request: async () => ({ path: { period: '2026' }, body: { jobs: 40, socialJobs: 25, fte: 30, participants: 60 } }) },
  'DELETE /api/v1/targets/{period}': {
    may: ['hubAdmin', 'otherHubAdmin'],
    request: async (actor) => {
      // A target of the actor's own hub when they may set one (else of Genk), so that there is one to remove.
      const owner = actor === 'otherHubAdmin' ? 'otherHubAdmin' : 'hubAdmin';
      const set = await call('PUT', '/api/v1/targets/2030', owner, { jobs: 4, socialJobs: 2, fte: 3, participants: 5 });
      if (set.status !== 200) throw new Error(`target: ${set.status} ${JSON.stringify(set.body)}`);
      return { path: { period: '2030' } };
    },
  },
  'GET /api/v1/esf-phases': { may: ['hubAdmin', 'cityStaff', 'otherHubAdmin'], request: async () => ({}) },
  'PUT /api/v1/esf-phases/{key}': { may: ['hubAdmin', 'otherHubAdmin'], request: async () => ({ path: { key: 'circulair-werkt-2' }, body: { name: 'circulair werk(t)! fase 2', from: '2021-05-01', to: '2022-12-31' } }) },
  'DELETE /api/v1/esf-phases/{key}': {
    may: ['hubAdmin', 'otherHubAdmin'],
    request: async (actor) => {
      // A phase of the actor's own hub when they may define one (else of Genk), without a target.
      const key = `weg-${randomUUID().slice(0, 8)}`;
      const owner = actor === 'otherHubAdmin' ? 'otherHubAdmin' : 'hubAdmin';
      const made = await call('PUT', `/api/v1/esf-phases/${key}`, owner, { name: 'Matrix fase', from: '2021-01-01', to: '2021-01-31' });
      if (made.status !== 200) throw new Error(`esf phase: ${made.status} ${JSON.stringify(made.body)}`);
      return { path: { key } };
    },
  },
  'GET /api/v1/statistics/export': { may: ['hubAdmin', 'otherHubAdmin'], request: async () => ({ query: 'period=2026&format=xlsx' }) },
  'POST /api/v1/assignments/{id}/sessions': {
    may: ['mentor'],
    request: async () => ({ path: { id: await acceptedAssignment() }, body: { startsAt: new Date(Date.now() + 2 * 86_400_000).toISOString(), durationMinutes: 90, place: 'Portavida, Genk' } }),
  },
  'GET /api/v1/assignments/{id}/team': { may: ['mentor'], request: async () => ({ path: { id: await acceptedAssignment() } }) },
  'PATCH /api/v1/sessions/{id}': { may: ['mentor'], request: async () => ({ path: { id: await plannedSession() }, body: { place: 'https://meet.example/matrix' } }) },
  'POST /api/v1/sessions/{id}/cancellation': { may: ['mentor'], request: async () => ({ path: { id: await plannedSession() }, body: { reason: 'Matrix' } }) },
  'POST /api/v1/sessions/{id}/completion': { may: ['mentor'], request: async () => ({ path: { id: await plannedSession(true) }, body: { notes: 'Matrix' } }) },
  'GET /api/v1/sessions': { may: SIGNED_IN, request: async () => ({}) },
  'PATCH /api/v1/action-items/{id}': { may: ['mentor'], request: async () => ({ path: { id: await actionItemOfMentor() }, body: { done: true } }) },
  'POST /api/v1/me/calendar-feed': { may: SIGNED_IN, request: async () => ({}) },
  'GET /api/v1/me/calendar-feed': {
    may: SIGNED_IN,
    request: async (actor) => {
      if (actor !== 'anonymous') await call('POST', '/api/v1/me/calendar-feed', actor); // without one, a 404 for everyone
      return {};
    },
  },
  'GET /api/v1/calendar-feeds/{token}': { may: ACTORS, request: async () => ({ path: { token: (await call('POST', '/api/v1/me/calendar-feed', 'mentor')).body.path.split('/').pop() } }) },
  'GET /api/v1/sessions/{id}/calendar': { may: ['mentor'], request: async () => ({ path: { id: await plannedSession() } }) },
  'GET /api/v1/reminder-settings': { may: ['hubAdmin', 'otherHubAdmin'], request: async () => ({}) },
  'PUT /api/v1/reminder-settings': { may: ['hubAdmin', 'otherHubAdmin'], request: async () => ({ body: { sessionLeadMinutes: [1440, 60] } }) },
  'POST /api/v1/programmes': { may: ['hubAdmin', 'otherHubAdmin'], request: async () => ({ body: PROGRAMME }) },
  'GET /api/v1/programmes': { may: SIGNED_IN, request: async () => ({}) },
  'GET /api/v1/programmes/{id}': { may: HUB_A_SIGNED_IN, request: async () => ({ path: { id: (await programmeOfGenk()).id } }) },
  'POST /api/v1/programmes/{id}/registrations': { may: HUB_A_SIGNED_IN, request: async () => ({ path: { id: (await programmeOfGenk()).id }, body: {} }) },
  'DELETE /api/v1/programmes/{id}/registrations/{registrationId}': { may: ['member', 'hubAdmin'], request: async () => ({ path: await memberRegistration() }) },
  'PUT /api/v1/programmes/{id}/sessions/{sessionId}/attendance': {
    may: ['hubAdmin'],
    request: async () => {
      const { id, sessionId } = await programmeOfGenk();
      return { path: { id, sessionId }, body: { presentRegistrationIds: [] } };
    },
  },
  'GET /api/v1/notifications': { may: SIGNED_IN, request: async () => ({}) },
  'POST /api/v1/notifications/{id}/read': { may: ['hubAdmin'], request: async () => ({ path: { id: adminNotification } }) },
  'GET /api/v1/notifications/unread-count': { may: SIGNED_IN, request: async () => ({}) },
  'POST /api/v1/notifications/read-all': { may: SIGNED_IN, request: async () => ({}) },
  'GET /api/v1/me/notification-preferences': { may: SIGNED_IN, request: async () => ({}) },
  'PUT /api/v1/me/notification-preferences': { may: SIGNED_IN, request: async () => ({ body: { preferences: [{ category: 'idea-updates', inApp: true, email: 'weekly' }] } }) },
  'GET /api/v1/digests': { may: ['cityStaff', 'hubAdmin', 'otherHubAdmin'], request: async () => ({}) },
  'GET /api/v1/digests/{id}': { may: ['cityStaff', 'hubAdmin'], request: async () => ({ path: { id: await genkCityDigest() } }) },
  // The token is the right (a mail client sends no login): anyone holding the member's link unsubscribes them; a forged one no one (notifications' mentor-alerts spec).
  'POST /api/v1/unsubscribe/{token}': { may: ACTORS, request: async () => ({ path: { token: unsubscribeToken() } }) },
};

beforeAll(async () => {
  system = await startSystem();
  api = new Api(system.gatewayUrl);
  const staff: [Actor, string][] = [['hubAdmin', 'admin@cirkel.test'], ['cityStaff', 'city@cirkel.test'], ['mentor', 'mentor@cirkel.test'], ['jobCoach', 'coach@cirkel.test'], ['owner', 'ocmw@cirkel.test'], ['orgAdminElsewhere', 'partner@cirkel.test']];
  for (const [actor, address] of staff) tokens.set(actor, await login(address));
  const organisations = (await call('GET', '/api/v1/organisations?limit=100', 'hubAdmin')).body.items as { id: string; name: string }[];
  ocmw = organisations.find((o) => o.name === 'OCMW Genk')!.id;
  pending = await registered();

  const memberEmail = email('member');
  const invitation = await call('POST', `/api/v1/organisations/${ocmw}/invitations`, 'owner', { email: memberEmail, role: 'member' });
  memberId = (await api.call('POST', `/api/v1/invitations/${await emailedToken(invitation.body.id)}/acceptance`, { body: { name: 'Lid van OCMW', password: PASSWORD } })).body.id;
  tokens.set('member', await login(memberEmail));

  tokens.set('otherHubAdmin', await otherHubAdmin());
  adminNotification = await eventually(async () => {
    const items = (await call('GET', '/api/v1/notifications', 'hubAdmin')).body.items as { id: string }[];
    expect(items.length).toBeGreaterThan(0);
    return items[0].id;
  });
  for (const page of ['/api/v1/organisations?limit=100&status=pending', '/api/v1/organisations?limit=100', '/api/v1/people?limit=100']) {
    for (const item of (await call('GET', page, 'hubAdmin')).body.items as { id: string }[]) genkIds.add(item.id);
  }
}, 240_000);

afterAll(async () => {
  await system?.stop();
});

/**
 * The admin of a second hub. Hubs have no endpoint: the hub is a row written into partners' schema,
 * and its first admin's role another, as a hub is bootstrapped; the rest goes through the API (the
 * registration, the role set again, so every service learns of it by the event).
 */
async function otherHubAdmin(): Promise<string> {
  const db = new Client({ connectionString: TEST_DATABASE_URL, options: `-c search_path=${system.namespace}_partners` });
  await db.connect();
  try {
    const hubId = randomUUID();
    await db.query(`INSERT INTO hub (id, slug, name) VALUES ($1, 'elders', 'Elders')`, [hubId]);
    const contact = email('elders');
    await api.call('POST', '/api/v1/registrations', { body: await registration('elders', contact) });
    const [link] = (await db.query<{ link: string }>(`SELECT link FROM email_delivery WHERE kind = 'registration-confirmation' AND to_address = $1`, [contact])).rows;
    const registered = await api.call('POST', '/api/v1/registrations/confirmation', { body: { token: link.link.slice(link.link.lastIndexOf('/') + 1) } });
    const personId = registered.body.person.id;
    await db.query(`INSERT INTO hub_role (hub_id, person_id, role) VALUES ($1, $2, 'hub_admin')`, [hubId, personId]);
    const bootstrap = await login(contact);
    expect((await api.call('PUT', `/api/v1/people/${personId}/roles`, { token: bootstrap, body: { roles: ['hub_admin', 'city_staff'] } })).status).toBe(200);
    const token = await login(contact);
    await eventually(async () => expect((await api.call('GET', '/api/v1/admin/dead-letters?service=notifications', { token })).status).toBe(200), { timeoutMs: 15_000 });
    return token;
  } finally {
    await db.end();
  }
}

it('gives a 2xx only to whom the table allows, and a 5xx to no one, on every endpoint', async () => {
  const operations = await apiOperations(system.gatewayUrl);
  expect(operations.map((op) => op.name).filter((name) => !ROWS[name])).toEqual([]);
  // …and no row for an endpoint the document no longer lists (it would be neither attacked nor fuzzed).
  expect(Object.keys(ROWS).filter((name) => !operations.some((op) => op.name === name))).toEqual([]);
  const unexpected: string[] = [];
  const unproven: string[] = [];
  for (const operation of operations) {
    const row = ROWS[operation.name];
    const succeeded: Actor[] = [];
    const answersToAllowed: string[] = [];
    for (const actor of ACTORS) {
      const res = await send(operation, row, actor);
      const ok = res.status >= 200 && res.status < 300;
      if (ok) succeeded.push(actor);
      if (row.may.includes(actor)) answersToAllowed.push(`${actor} ${res.status} ${JSON.stringify(res.body).slice(0, 160)}`);
      if (res.status >= 500 || (ok && !row.may.includes(actor))) unexpected.push(`${operation.name} as ${actor}: ${res.status} ${JSON.stringify(res.body).slice(0, 160)}`);
      if (ok && actor === 'otherHubAdmin' && operation.method === 'GET' && [...genkIds].some((id) => JSON.stringify(res.body).includes(id))) unexpected.push(`${operation.name} as ${actor}: shows an id of hub Genk`);
    }
    if (!row.noneCan && succeeded.length === 0) unproven.push(`${operation.name}: no one of ${row.may.join(', ')} got a 2xx (${answersToAllowed.join('; ')})`);
  }
  expect(unexpected).toEqual([]);
  expect(unproven).toEqual([]);
}, 240_000);

async function send(operation: Operation, row: Row, actor: Actor): Promise<ApiResponse> {
  const request = await row.request(actor);
  const url = urlOf(operation, Object.fromEntries(Object.entries(request.path ?? {}).map(([name, value]) => [name, { value }])), request.query);
  return api.call(operation.method, url, { token: as(actor), body: request.body });
}
