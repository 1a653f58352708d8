import { eventually, startSystem, SystemUnderTest } from '@cirkel/testing';
import { Api } from './api-client';

/**
 * The flow of the foundation issue, over HTTP against every app running as its own process:
 * an organisation registers, the hub admin is told and approves it, its person signs the charter.
 */
let system: SystemUnderTest;
let api: Api;

beforeAll(async () => {
  system = await startSystem();
  api = new Api(system.gatewayUrl);
}, 180_000);

afterAll(async () => {
  await system?.stop();
});

const registration = {
  hub: 'genk',
  organisation: { name: 'Repair Café Winterslag', type: 'citizen', enterpriseNumber: '0123.456.749', workDomains: ['other', 'green'] },
  person: { name: 'Fatma Yilmaz', email: 'fatma@repaircafe.test', password: 'herstel-is-de-toekomst', language: 'nl' },
};

function expectProblem(res: { status: number; headers: Headers; body: any }, status: number, type?: string): void {
  expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  expect(res.status).toBe(status);
  expect(res.body).toMatchObject({ status, title: expect.any(String), type: expect.any(String) });
  if (type) expect(String(res.body.type)).toMatch(new RegExp(`${type}$`));
}

describe('the demo hub', () => {
  it('has ideas in every stage and every work domain, each with its history', async () => {
    const token = await api.login('admin@cirkel.test');
    const ideas = (await api.call('GET', '/api/v1/ideas?limit=100', { token })).body.items as { id: string; stage: string; workDomain: string }[];
    expect(new Set(ideas.map((i) => i.stage))).toEqual(new Set(['draft', 'submitted', 'screening', 'coaching', 'business_model', 'pilot', 'launched', 'parked', 'withdrawn']));
    expect(new Set(ideas.map((i) => i.workDomain))).toEqual(new Set(['green', 'mobility', 'hospitality', 'industry', 'care', 'mentoring', 'other']));
    const launched = await api.call('GET', `/api/v1/ideas/${ideas.find((i) => i.stage === 'launched')!.id}`, { token });
    expect(launched.body.history.map((t: { to: string }) => t.to)).toEqual(['draft', 'submitted', 'screening', 'coaching', 'business_model', 'pilot', 'launched']);
  });
});

describe('a partner joins the hub', () => {
  let organisationId: string;
  let adminToken: string;
  let fatmaToken: string;

  it('refuses a registration with bad input, saying what is wrong', async () => {
    const unknownField = await api.call('POST', '/api/v1/registrations', { body: { ...registration, colour: 'green' } });
    expectProblem(unknownField, 400);
    expect(unknownField.body.errors).toEqual(expect.arrayContaining([expect.objectContaining({ field: 'colour' })]));

    const badNumber = await api.call('POST', '/api/v1/registrations', {
      body: { ...registration, organisation: { ...registration.organisation, enterpriseNumber: '0123.456.789' } },
    });
    expectProblem(badNumber, 400);
    expect(badNumber.body.errors).toEqual([expect.objectContaining({ field: 'organisation.enterpriseNumber' })]);

    const malformed = await api.call('POST', '/api/v1/registrations', { raw: '{"hub": "genk",' });
    expectProblem(malformed, 400);
  });

  it('registers an organisation as pending with its person as org_admin, once the address confirms it', async () => {
    const received = await api.call('POST', '/api/v1/registrations', { body: registration });
    expect(received.status).toBe(202);
    expect(received.body).toEqual({ email: 'fatma@repaircafe.test', status: 'confirmation-sent' });
    expect((await api.call('POST', '/api/v1/auth/login', { body: { email: registration.person.email, password: registration.person.password } })).status).toBe(401);

    // The link e-mailed to the address (partners keeps it for delivery).
    const [email] = await system.query<{ link: string }>('partners', `SELECT link FROM email_delivery WHERE kind = 'registration-confirmation' AND to_address = $1`, [registration.person.email]);
    expect(email.link).toMatch(new RegExp(`^${system.gatewayUrl}/registrations/confirm/[A-Za-z0-9_-]{43}$`));
    const res = await api.call('POST', '/api/v1/registrations/confirmation', { body: { token: email.link.slice(email.link.lastIndexOf('/') + 1) } });
    expect(res.status).toBe(201);
    expect(res.body.organisation).toMatchObject({ name: 'Repair Café Winterslag', status: 'pending', enterpriseNumber: '0123456749' });
    expect(res.body.person.memberships).toEqual([expect.objectContaining({ organisationId: res.body.organisation.id, role: 'org_admin' })]);
    organisationId = res.body.organisation.id;

    const again = await api.call('POST', '/api/v1/registrations', { body: { ...registration, person: { ...registration.person, email: 'other@repaircafe.test' } } });
    expectProblem(again, 409); // the enterprise number is taken in this hub
  });

  it('tells the hub admin, once', async () => {
    adminToken = await api.login('admin@cirkel.test');
    const notification = await eventually(
      async () => {
        const res = await api.call('GET', '/api/v1/notifications', { token: adminToken });
        expect(res.status).toBe(200);
        const found = res.body.items.filter((n: { link: string }) => n.link === `/organisations/${organisationId}`);
        expect(found).toHaveLength(1);
        return found[0];
      },
      { timeoutMs: 20_000, intervalMs: 250 },
    );
    expect(notification.title).toContain('Repair Café Winterslag');
    const read = await api.call('POST', `/api/v1/notifications/${notification.id}/read`, { token: adminToken });
    expect([200, 204]).toContain(read.status);
  });

  it('lets only a hub admin approve it, and only an active organisation sign the charter', async () => {
    fatmaToken = await api.login('fatma@repaircafe.test', 'herstel-is-de-toekomst');
    const charter = await api.call('GET', '/api/v1/charters/current', { token: fatmaToken });
    expect(charter.status).toBe(200);
    expect(charter.body.text.nl.length).toBeGreaterThan(20);

    const tooEarly = await api.call('POST', `/api/v1/organisations/${organisationId}/charter-signatures`, { token: fatmaToken, body: { version: charter.body.version } });
    expectProblem(tooEarly, 409);

    const selfApproval = await api.call('POST', `/api/v1/organisations/${organisationId}/approval`, { token: fatmaToken });
    expectProblem(selfApproval, 403);

    const approval = await api.call('POST', `/api/v1/organisations/${organisationId}/approval`, { token: adminToken });
    expect([200, 201]).toContain(approval.status);
    expect(approval.body.status).toBe('active');
  });

  it('signs the current charter and shows it on the organisation', async () => {
    const charter = await api.call('GET', '/api/v1/charters/current', { token: fatmaToken });
    const stale = await api.call('POST', `/api/v1/organisations/${organisationId}/charter-signatures`, { token: fatmaToken, body: { version: charter.body.version + 1 } });
    expectProblem(stale, 409);

    const signed = await api.call('POST', `/api/v1/organisations/${organisationId}/charter-signatures`, { token: fatmaToken, body: { version: charter.body.version } });
    expect(signed.status).toBe(201);

    const organisation = await api.call('GET', `/api/v1/organisations/${organisationId}`, { token: fatmaToken });
    expect(organisation.status).toBe(200);
    expect(organisation.body).toMatchObject({ status: 'active', charter: { version: charter.body.version } });
  });

  it('keeps one organisation out of another', async () => {
    const partnerToken = await api.login('partner@cirkel.test');
    const change = await api.call('PATCH', `/api/v1/organisations/${organisationId}`, { token: partnerToken, body: { name: 'Taken over' } });
    expectProblem(change, 403);
    const seen = await api.call('GET', `/api/v1/organisations/${organisationId}`, { token: partnerToken });
    expect(seen.status).toBe(200);
    expect(seen.body.members).toBeNull();
  });

  it('shows each service\'s dead letters to hub admins only', async () => {
    const adminToken = await api.login('admin@cirkel.test');
    const letters = await api.call('GET', '/api/v1/admin/dead-letters?service=notifications', { token: adminToken });
    expect(letters.status).toBe(200);
    expect(letters.body).toEqual({ items: [], nextCursor: null }); // the flow above left none
    expectProblem(await api.call('GET', '/api/v1/admin/dead-letters?service=partners', { token: await api.login('partner@cirkel.test') }), 403);
    expectProblem(await api.call('GET', '/api/v1/admin/dead-letters?service=nobody', { token: adminToken }), 400);
    expectProblem(await api.call('POST', '/api/v1/admin/dead-letters/ideas/12345/replay', { token: adminToken }), 404, 'dead-letter-not-found');
  });

  it('answers 503, not a hang, when a service is down', async () => {
    await system.stopApp('partners');
    const started = Date.now();
    const res = await api.call('POST', '/api/v1/auth/login', { body: { email: 'admin@cirkel.test', password: 'cirkel-demo' } });
    expectProblem(res, 503);
    expect(Date.now() - started).toBeLessThan(10_000);
  });
});

