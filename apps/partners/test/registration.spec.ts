import { connect, NatsConnection, StoredMsg } from 'nats';
import {
  Authenticate,
  ConfirmRegistration,
  GetIdentity,
  GetMe,
  HubView,
  IdentityView,
  MeView,
  RegisterOrganisation,
  RegistrationView,
  SetHubRoles,
} from '@cirkel/contracts';
import { eventually } from '@cirkel/testing';
import { enterpriseNumber, registrationInput, TEST_PASSWORD } from './partners-factories';
import { PartnersTestApp } from './partners-test-app';

let sut: PartnersTestApp;
let nc: NatsConnection;
let genk: HubView;
let hasselt: HubView;

beforeAll(async () => {
  sut = await PartnersTestApp.start();
  nc = await connect({ servers: sut.config.nats.servers });
  genk = await sut.hub('genk', 'Genk');
  hasselt = await sut.hub('hasselt', 'Hasselt');
});

afterAll(async () => {
  await nc?.close();
  await sut?.stop();
});

/** Registers and opens the e-mailed confirmation link, as the address's owner does. */
async function registered(input: ReturnType<typeof registrationInput>): Promise<RegistrationView> {
  await sut.send(RegisterOrganisation, input);
  return sut.send<RegistrationView>(ConfirmRegistration, { token: await sut.confirmationToken(input.person.email) });
}

/** Organisations, people and events but the e-mails' (`partners.email-queued`, which a registration always publishes). */
const created = async () =>
  (await sut.count('organisation')) + (await sut.count('person')) + (await sut.count('outbox', `envelope->>'type' <> 'partners.email-queued'`));

describe('register-organisation', () => {
  it('creates nothing but a confirmation e-mail until the address confirms, and answers only that it sent one', async () => {
    const input = registrationInput('genk');
    const before = await created();
    expect(await sut.send(RegisterOrganisation, input)).toEqual({ email: input.person.email, status: 'confirmation-sent' });
    expect(await created()).toBe(before);
    const [delivery] = await sut.query<{ id: string; kind: string; link: string; language: string }>('SELECT id, kind, link, language FROM email_delivery WHERE to_address = $1', [input.person.email]);
    expect(delivery.kind).toBe('registration-confirmation');
    expect(delivery.language).toBe(input.person.language);
    // Notifications is told, without the address or the link, and asks for them when it sends.
    const told = await sut.query<{ data: unknown }>(`SELECT envelope->'data' AS data FROM outbox WHERE envelope->>'type' = 'partners.email-queued' AND envelope->'data'->>'deliveryId' = $1`, [delivery.id]);
    expect(told).toEqual([{ data: { deliveryId: delivery.id, kind: 'registration-confirmation' } }]);
    expect(delivery.link).toMatch(/\/registrations\/confirm\/[A-Za-z0-9_-]{43}$/);
    expect(await sut.problem(Authenticate, { email: input.person.email, password: TEST_PASSWORD })).toMatchObject({ type: 'invalid-credentials', status: 401 });
  });

  it('on confirmation creates a pending organisation whose person is its first org admin, and publishes both events through the outbox', async () => {
    const input = registrationInput('genk', { name: 'Kringwinkel Limburg', type: 'social', workDomains: ['green', 'care'], enterpriseNumber: '0123.456.749' });
    const answer = await registered(input);

    expect(answer.organisation).toMatchObject({
      hubId: genk.id,
      name: 'Kringwinkel Limburg',
      type: 'social',
      enterpriseNumber: '0123456749',
      workDomains: ['green', 'care'],
      status: 'pending',
      approvedAt: null,
      charter: null,
      members: [{ personId: answer.person.id, name: input.person.name, email: input.person.email, role: 'org_admin' }],
    });
    expect(answer.person).toMatchObject({
      hubId: genk.id,
      email: input.person.email,
      hubRoles: [],
      memberships: [{ organisationId: answer.organisation.id, organisationName: 'Kringwinkel Limburg', role: 'org_admin' }],
    });

    const rows = await sut.query<{ subject: string; envelope: { hubId: string; actor: unknown; data: Record<string, unknown> } }>(
      `SELECT subject, envelope FROM outbox WHERE envelope->'data'->>'organisationId' = $1 ORDER BY seq`,
      [answer.organisation.id],
    );
    expect(rows.map((r) => r.subject)).toEqual(['partners.organisation-registered', 'partners.member-joined']);
    expect(rows[0].envelope).toMatchObject({
      hubId: genk.id,
      actor: { kind: 'person', personId: answer.person.id },
      data: { organisationId: answer.organisation.id, status: 'pending', enterpriseNumber: '0123456749', registeredBy: { personId: answer.person.id, name: input.person.name } },
    });
    expect(rows[1].envelope.data).toMatchObject({ personId: answer.person.id, role: 'org_admin', language: 'nl' });

    // The relay publishes it to the PARTNERS stream of this namespace.
    const jsm = await nc.jetstreamManager();
    const subject = `${sut.config.nats.subjectPrefix}partners.organisation-registered`;
    const message: StoredMsg = await eventually(() => jsm.streams.getMessage(`${sut.config.nats.streamPrefix}PARTNERS`, { last_by_subj: subject }));
    expect(message.json<{ data: { organisationId: string } }>().data.organisationId).toBe(answer.organisation.id);
    await eventually(async () => expect(await sut.count('outbox', 'published_at IS NULL')).toBe(0));
  });

  it('stores an argon2id hash of the password, never the password', async () => {
    const input = registrationInput('genk');
    await sut.send(RegisterOrganisation, input);
    const [waiting] = await sut.query<{ password_hash: string }>('SELECT password_hash FROM registration_request WHERE email = $1', [input.person.email]);
    expect(waiting.password_hash).toMatch(/^\$argon2id\$v=19\$m=\d+,/);
    const { person } = await sut.send<RegistrationView>(ConfirmRegistration, { token: await sut.confirmationToken(input.person.email) });
    const [row] = await sut.query<{ password_hash: string }>('SELECT password_hash FROM person WHERE id = $1', [person.id]);
    expect(row.password_hash).toMatch(/^\$argon2id\$v=19\$m=\d+,/);
    expect(row.password_hash).not.toContain(TEST_PASSWORD);
  });

  describe('refuses bad input with its own problem type, and writes nothing', () => {
    let before: number;
    beforeEach(async () => {
      before = await created();
    });
    afterEach(async () => {
      expect(await created()).toBe(before);
    });

    it('an unknown field', async () => {
      const input = registrationInput('genk');
      const problem = await sut.problem(RegisterOrganisation, { ...input, organisation: { ...input.organisation, colour: 'green' } });
      expect(problem).toMatchObject({ type: 'validation-failed', status: 400, errors: [{ field: 'organisation.colour', message: 'unknown field' }] });
    });

    it('an enterprise number that fails the mod-97 check', async () => {
      const problem = await sut.problem(RegisterOrganisation, registrationInput('genk', { enterpriseNumber: '0123.456.748' }));
      expect(problem).toMatchObject({ type: 'validation-failed', status: 400 });
      expect(problem.errors?.map((e) => e.field)).toEqual(['organisation.enterpriseNumber']);
    });

    it('an enterprise number another organisation of the hub has (in either notation)', async () => {
      const number = enterpriseNumber('04567890');
      await registered(registrationInput('genk', { enterpriseNumber: number }));
      before = await created();
      const dotted = `${number.slice(0, 4)}.${number.slice(4, 7)}.${number.slice(7)}`;
      const problem = await sut.problem(RegisterOrganisation, registrationInput('genk', { enterpriseNumber: dotted }));
      expect(problem).toMatchObject({ type: 'enterprise-number-taken', status: 409 });
    });

    it('an e-mail address that has an account, whatever its case: the same answer as for a new one, and its owner is told', async () => {
      const first = registrationInput('genk');
      const { person } = await registered(first);
      before = await created();
      const again = registrationInput('genk', { email: first.person.email.toUpperCase() });
      expect(await sut.send(RegisterOrganisation, again)).toEqual({ email: first.person.email, status: 'confirmation-sent' });
      const deliveries = await sut.query<{ kind: string; link: string | null }>(`SELECT kind, link FROM email_delivery WHERE about_id = $1`, [person.id]);
      expect(deliveries).toEqual([{ kind: 'registration-for-existing-account', link: null }]);
      expect(await sut.count('registration_request', 'email = $1', [first.person.email])).toBe(1);
      // registering again and again within five minutes tells the owner once: no e-mail bombing of a chosen address
      for (let i = 0; i < 3; i += 1) expect(await sut.send(RegisterOrganisation, again)).toEqual({ email: first.person.email, status: 'confirmation-sent' });
      expect(await sut.count('email_delivery', 'about_id = $1', [person.id])).toBe(1);
      await sut.query(`UPDATE email_delivery SET created_at = created_at - interval '5 minutes 1 second' WHERE about_id = $1`, [person.id]);
      await sut.send(RegisterOrganisation, again);
      expect(await sut.count('email_delivery', 'about_id = $1', [person.id])).toBe(2);
    });

    it('an unknown hub', async () => {
      const problem = await sut.problem(RegisterOrganisation, registrationInput('atlantis'));
      expect(problem).toMatchObject({ type: 'hub-not-found', status: 404 });
    });

    it('a password that is too short', async () => {
      const input = registrationInput('genk');
      const problem = await sut.problem(RegisterOrganisation, { ...input, person: { ...input.person, password: 'short' } });
      expect(problem).toMatchObject({ type: 'validation-failed', errors: [{ field: 'person.password' }] });
    });
  });

  it('allows the same enterprise number in another hub', async () => {
    const number = enterpriseNumber('07654321');
    await registered(registrationInput('genk', { enterpriseNumber: number }));
    const { organisation } = await registered(registrationInput(hasselt.slug, { enterpriseNumber: number }));
    expect(organisation).toMatchObject({ hubId: hasselt.id, enterpriseNumber: number });
  });
});

describe('confirm-registration', () => {
  it('confirms once: a second opening of the link is a conflict, and two at once create one organisation', async () => {
    const input = registrationInput('genk');
    await sut.send(RegisterOrganisation, input);
    const token = await sut.confirmationToken(input.person.email);
    const results = await Promise.allSettled([sut.send(ConfirmRegistration, { token }), sut.send(ConfirmRegistration, { token })]);
    expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
    expect(await sut.problem(ConfirmRegistration, { token })).toMatchObject({ type: 'registration-confirmed', status: 409 });
    expect(await sut.count('person', 'email = $1', [input.person.email])).toBe(1);
  });

  it('refuses an unknown or an expired link, and creates nothing', async () => {
    const input = registrationInput('genk');
    await sut.send(RegisterOrganisation, input);
    const token = await sut.confirmationToken(input.person.email);
    const forged = `${token.slice(0, -1)}${token.endsWith('A') ? 'B' : 'A'}`;
    expect(await sut.problem(ConfirmRegistration, { token: forged })).toMatchObject({ type: 'registration-unknown', status: 404 });
    await sut.query(`UPDATE registration_request SET expires_at = now() - interval '1 second' WHERE email = $1`, [input.person.email]);
    expect(await sut.problem(ConfirmRegistration, { token })).toMatchObject({ type: 'registration-expired', status: 410 });
    expect(await sut.count('person', 'email = $1', [input.person.email])).toBe(0);
  });

  it('lets the first of two registrations of one address that is confirmed win', async () => {
    const first = registrationInput('genk');
    const second = registrationInput('genk', { email: first.person.email });
    await sut.send(RegisterOrganisation, first);
    const firstToken = await sut.confirmationToken(first.person.email);
    await sut.send(RegisterOrganisation, second);
    const secondToken = await sut.confirmationToken(first.person.email);
    expect(secondToken).not.toBe(firstToken);
    await sut.send(ConfirmRegistration, { token: secondToken });
    expect(await sut.problem(ConfirmRegistration, { token: firstToken })).toMatchObject({ type: 'email-taken', status: 409 });
    expect(await sut.count('organisation', 'name = $1', [second.organisation.name])).toBe(1);
    expect(await sut.count('organisation', 'name = $1', [first.organisation.name])).toBe(0);
  });
});

describe('authenticate', () => {
  it('answers the identity for the right password', async () => {
    const { registration, identity } = await sut.register(genk);
    expect(identity).toEqual<IdentityView>({
      caller: { personId: registration.person.id, hubId: genk.id, hubRoles: [], memberships: [{ organisationId: registration.organisation.id, role: 'org_admin' }] },
      name: registration.person.name,
      language: 'nl',
    });
  });

  it('gives a wrong password and an unknown e-mail address the same 401', async () => {
    const { registration } = await sut.register(genk);
    const wrongPassword = await sut.problem(Authenticate, { email: registration.person.email, password: 'not the password' });
    const unknownEmail = await sut.problem(Authenticate, { email: 'nobody@test.cirkel.example', password: TEST_PASSWORD });
    expect(wrongPassword).toMatchObject({ type: 'invalid-credentials', status: 401 });
    expect(unknownEmail).toEqual(wrongPassword);
  });
});

describe('get-identity and get-me', () => {
  it('get-identity answers the roles held now, and only for oneself', async () => {
    const admin = await sut.staff(genk, ['hub_admin']);
    const { identity } = await sut.register(genk);
    await sut.send(SetHubRoles, { personId: identity.caller.personId, roles: ['mentor'] }, { caller: admin.caller });

    const refreshed = await sut.send<IdentityView>(GetIdentity, { personId: identity.caller.personId });
    expect(refreshed.caller.hubRoles).toEqual(['mentor']);
    expect(await sut.problem(GetIdentity, { personId: admin.caller.personId }, { caller: identity.caller })).toMatchObject({ type: 'forbidden', status: 403 });
  });

  it('get-me answers the person, the hub and their organisations with members', async () => {
    const { registration, identity } = await sut.register(genk, { name: 'Fietsatelier Genk' });
    const me = await sut.send<MeView>(GetMe, {}, { caller: identity.caller });
    expect(me.person.id).toBe(registration.person.id);
    expect(me.hub).toEqual({ id: genk.id, slug: 'genk', name: 'Genk' });
    expect(me.organisations).toHaveLength(1);
    expect(me.organisations[0]).toMatchObject({ name: 'Fietsatelier Genk', members: [{ personId: registration.person.id, role: 'org_admin' }] });
  });

  it('get-me refuses an anonymous caller, and a caller whose token names another hub than the request', async () => {
    expect(await sut.problem(GetMe, {})).toMatchObject({ type: 'unauthenticated', status: 401 });
    const { identity } = await sut.register(genk);
    expect(await sut.problem(GetMe, {}, { caller: identity.caller, hubId: hasselt.id })).toMatchObject({ type: 'forbidden', status: 403 });
  });
});
