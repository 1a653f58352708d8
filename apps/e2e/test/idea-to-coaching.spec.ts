import { eventually, startSystem, SystemUnderTest } from '@cirkel/testing';
import { Api } from './api-client';

/**
 * Issue 8 end to end, over HTTP against every app as its own process (seeded as `npm start` seeds):
 * a partner drafts and submits an idea in care; matching proposes it to the best mentor of care
 * (free places and load decide between two), who accepts; the hub admin moves the idea through
 * screening to coaching; the mentor plans a session with the partner, and its reminder event
 * reaches both as a notification. The reminder lead is shortened to one minute by configuration.
 */
let system: SystemUnderTest;
let api: Api;

beforeAll(async () => {
  system = await startSystem({ env: { COACHING_REMINDER_LEADS_MINUTES: '1' } });
  api = new Api(system.gatewayUrl);
}, 240_000);

afterAll(async () => {
  await system?.stop();
});

async function ok<T = any>(response: Promise<{ status: number; body: T }>): Promise<T> {
  const res = await response;
  if (res.status >= 300) throw new Error(`${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

it('seeds the demo of ideas and coaching: every stage and domain, mentors with loads, sessions, the "1+1=11" programme', async () => {
  const stages = await system.query<{ stage: string; n: number }>('ideas', 'SELECT stage, count(*)::int AS n FROM idea GROUP BY stage');
  expect(stages.map((s) => s.stage).sort()).toEqual(['business_model', 'coaching', 'draft', 'launched', 'parked', 'pilot', 'screening', 'submitted', 'withdrawn']);
  const domains = await system.query<{ work_domain: string; n: number }>('ideas', 'SELECT work_domain, count(*)::int AS n FROM idea GROUP BY work_domain');
  expect(domains.filter((d) => d.n >= 5).map((d) => d.work_domain).sort()).toEqual(['care', 'green', 'hospitality', 'industry', 'mentoring', 'mobility', 'other']);

  const admin = await api.login('admin@cirkel.test');
  const mentors = await ok(api.call('GET', '/api/v1/mentors', { token: admin }));
  const profile = (name: string) => mentors.items.find((m: { name: string }) => m.name === name);
  expect(profile('Prof. Elif Yilmaz')).toMatchObject({ workDomains: ['industry', 'mentoring'], capacity: 3, load: 1 });
  expect(profile('Leen Maes')).toMatchObject({ capacity: 4, load: 2 });
  expect(profile('Wim Goossens')).toMatchObject({ workDomains: ['green'], capacity: 2, load: 1 });
  expect(profile('Rik Vermeulen')).toMatchObject({ workDomains: ['care'], load: 0, unavailableUntil: expect.any(String) });
  const leen = await api.login('mentor.horeca@cirkel.test');
  const sessions = await ok(api.call('GET', '/api/v1/sessions', { token: leen }));
  expect(sessions.items.map((s: { status: string }) => s.status).sort()).toEqual(['held', 'held', 'planned', 'planned']);
  expect(sessions.items.find((s: { status: string }) => s.status === 'held')).toMatchObject({ notes: expect.stringContaining('Doelgroep'), actionItems: [expect.anything(), expect.anything()] });

  const programmes = await ok(api.call('GET', '/api/v1/programmes', { token: admin }));
  const workshop = programmes.items.find((p: { title: string }) => p.title === '1+1=11');
  expect(workshop.sessions).toHaveLength(3);
  expect(workshop).toMatchObject({ capacity: 8, confirmed: 8 });
  expect(workshop.waitlisted).toBeGreaterThan(0);
  const started = workshop.sessions.filter((s: { startsAt: string }) => Date.parse(s.startsAt) < Date.now()).map((s: { id: string }) => s.id);
  const attended = workshop.registrations.flatMap((r: { attendedSessionIds: string[] }) => r.attendedSessionIds);
  expect(new Set(attended)).toEqual(new Set(started));
});

it('takes an idea from a draft to a coached idea with a planned session whose reminder arrives', async () => {
  const admin = await api.login('admin@cirkel.test');
  // Two mentors of care: Rik (back from leave, 2 places, nothing yet) and Wim (green and now care, 2 places, one idea coached in the demo).
  const rik = await api.login('mentor.zorg@cirkel.test');
  const wim = await api.login('mentor.groen@cirkel.test');
  const rikProfile = await ok(api.call('PUT', '/api/v1/mentors/me', { token: rik, body: { workDomains: ['care'], capacity: 2, bio: 'Zorg', unavailableUntil: null } }));
  const wimProfile = await ok(api.call('PUT', '/api/v1/mentors/me', { token: wim, body: { workDomains: ['green', 'care'], capacity: 2, bio: 'Groen en zorg' } }));
  expect([rikProfile.load, wimProfile.load]).toEqual([0, 1]);

  const partner = await api.login('partner@cirkel.test');
  const me = await ok(api.call('GET', '/api/v1/me', { token: partner }));
  const title = `Herstelde rolstoelen voor de thuiszorg ${Date.now()}`;
  const draft = await ok(
    api.call('POST', '/api/v1/ideas', {
      token: partner,
      body: { title, summary: 'Rolstoelen uit de woonzorgcentra worden hersteld en uitgeleend aan de thuiszorg.', workDomain: 'care', strategies: ['repair', 'reuse'], sdgs: [3], expectedJobs: { regular: 0, social: 2 } },
    }),
  );
  expect(draft.stage).toBe('draft');
  expect((await ok(api.call('POST', `/api/v1/ideas/${draft.id}/submission`, { token: partner }))).stage).toBe('submitted');

  // Matching proposes it to Rik: in the domain, the most free places, the least load.
  const proposal = await eventually(
    async () => {
      const mine = await ok(api.call('GET', '/api/v1/assignments', { token: rik }));
      const found = mine.items.find((a: { idea: { id: string } }) => a.idea.id === draft.id);
      expect(found).toMatchObject({ status: 'proposed', mentor: { name: 'Rik Vermeulen' } });
      return found;
    },
    { timeoutMs: 30_000 },
  );
  expect((await ok(api.call('GET', '/api/v1/assignments', { token: wim }))).items.filter((a: { idea: { id: string } }) => a.idea.id === draft.id)).toEqual([]);
  const suggestions = await ok(api.call('GET', `/api/v1/ideas/${draft.id}/mentor-suggestions`, { token: admin }));
  const byName = new Map(suggestions.items.map((s: { name: string }) => [s.name, s]));
  expect(byName.get('Rik Vermeulen')).toMatchObject({ inDomain: true, load: 0, capacity: 2 });
  expect(byName.get('Wim Goossens')).toMatchObject({ inDomain: true, eligible: true, load: 1 });

  // Before a mentor accepts, the idea cannot enter coaching.
  expect((await ok(api.call('POST', `/api/v1/ideas/${draft.id}/transitions`, { token: admin, body: { to: 'screening', reason: 'Volledig.' } }))).stage).toBe('screening');
  expect(await api.call('POST', `/api/v1/ideas/${draft.id}/transitions`, { token: admin, body: { to: 'coaching', reason: 'Mentor gevonden.' } })).toMatchObject({ status: 409, body: { type: expect.stringContaining('idea-needs-mentor') } });
  const accepted = await ok(api.call('POST', `/api/v1/assignments/${proposal.id}/decision`, { token: rik, body: { accept: true } }));
  expect(accepted.status).toBe('accepted');

  // Ideas learns of the acceptance from coaching's event: the admin moves the idea to coaching.
  const coached = await eventually(async () => ok(api.call('POST', `/api/v1/ideas/${draft.id}/transitions`, { token: admin, body: { to: 'coaching', reason: 'Mentor gevonden.' } })), { timeoutMs: 30_000 });
  expect(coached.stage).toBe('coaching');
  const seen = await ok(api.call('GET', `/api/v1/ideas/${draft.id}`, { token: partner }));
  expect(seen.history.map((h: { to: string }) => h.to)).toEqual(['draft', 'submitted', 'screening', 'coaching']);
  expect(seen.mentor).toEqual({ id: proposal.mentor.personId, name: 'Rik Vermeulen' }); // its current mentor, named by coaching's event

  // Rik chooses the participants by name: coaching asks partners (on its own account) for the idea's organisation's people.
  const team = await ok(api.call('GET', `/api/v1/assignments/${proposal.id}/team`, { token: rik }));
  expect(team.items).toContainEqual({ personId: me.person.id, name: me.person.name });
  // Rik plans a session with the partner 80 s from now: its one-minute reminder is due in about 20 s.
  const startsAt = new Date(Date.now() + 80_000);
  const session = await ok(
    api.call('POST', `/api/v1/assignments/${proposal.id}/sessions`, {
      token: rik,
      body: { startsAt: startsAt.toISOString(), durationMinutes: 45, place: 'Portavida, Genk', participantIds: [me.person.id] },
    }),
  );
  expect(session).toMatchObject({ status: 'planned', participantIds: [me.person.id], participants: [{ personId: me.person.id, name: me.person.name }] });
  const reminded = async (token: string) => {
    const inbox = await ok(api.call('GET', '/api/v1/notifications?limit=50', { token }));
    return inbox.items.filter((n: { kind: string; link: string }) => n.kind === 'session-reminder-due' && n.link === `/ideas/${draft.id}`);
  };
  await eventually(async () => expect(await reminded(partner)).toHaveLength(1), { timeoutMs: 60_000 });
  await eventually(async () => expect(await reminded(rik)).toHaveLength(1), { timeoutMs: 10_000 });
  // It went out at its time (start − 1 minute), not at the planning; once.
  const [fired] = await system.query<{ envelope: { occurredAt: string; data: { sessionId: string; leadMinutes: number } } }>(
    'coaching',
    `SELECT envelope FROM outbox WHERE envelope->>'type' = 'coaching.session-reminder-due' AND envelope->'data'->>'sessionId' = $1`,
    [session.id],
  );
  expect(fired.envelope.data.leadMinutes).toBe(1);
  const lateness = Date.parse(fired.envelope.occurredAt) - (startsAt.getTime() - 60_000);
  expect(lateness).toBeGreaterThanOrEqual(0);
  expect(lateness).toBeLessThan(10_000);
});
