import { randomUUID } from 'node:crypto';
import { AccessTokenService } from '@cirkel/auth';
import {
  AcceptInvitation,
  ApproveOrganisation,
  Caller,
  ConfirmRegistration,
  DomainError,
  GetCurrentCharter,
  GetHub,
  GetOrganisation,
  InviteMember,
  ListNotifications,
  ListOrganisations,
  NotFound,
  PublishCharter,
  RegisterOrganisation,
  RequestContract,
  RequestEnvelope,
  SignCharter,
  UpdateOrganisation,
  validate,
} from '@cirkel/contracts';
import { aCaller, aCharterSignatureView, aCharterView, aHub, anInvitationView, anOrganisationView, aPage, aPersonView, aRegistrationReceivedView, aRegistrationView, FakeService } from '@cirkel/testing';
import { holdsToken } from '../src/http/idempotency.interceptor';
import { GatewayHarness, startGateway } from './support/gateway-harness';
import { expectProblem } from './support/problems';

/** What the gateway sends the services, and what it does with their answers, with fake services over NATS. */
describe('gateway: requests to the services', () => {
  let gw: GatewayHarness;
  let services: FakeService;
  let admin: Caller;
  let adminToken: string;
  let member: Caller;
  let memberToken: string;
  const genk = aHub();
  /** The envelope the service received last for a contract. */
  const last = (contract: RequestContract): RequestEnvelope | undefined => services.envelopesOf(contract).at(-1);

  beforeAll(async () => {
    gw = await startGateway({ NATS_REQUEST_TIMEOUT_MS: '1000' });
    services = new FakeService()
      .on(GetHub, ({ data }) => {
        if ((data as { slug: string }).slug !== 'genk') throw new NotFound('Hub', 'hub-not-found');
        return genk;
      })
      .on(GetCurrentCharter, () => aCharterView({ hubId: genk.id }))
      .on(ListOrganisations, () => aPage([anOrganisationView()]))
      .on(GetOrganisation, () => {
        throw new NotFound('Organisation', 'organisation-not-found');
      })
      .on(UpdateOrganisation, () => anOrganisationView())
      .on(ApproveOrganisation, () => anOrganisationView())
      .on(InviteMember, () => anInvitationView())
      .on(AcceptInvitation, () => aPersonView())
      .on(SignCharter, () => aCharterSignatureView())
      .on(ListNotifications, () => aPage())
      .on(RegisterOrganisation, () => aRegistrationReceivedView())
      .on(ConfirmRegistration, () => aRegistrationView())
      .on(PublishCharter, () => aCharterView({ hubId: genk.id, version: 2 }));
    await services.start(gw.config, [
      GetHub,
      GetCurrentCharter,
      ListOrganisations,
      GetOrganisation,
      UpdateOrganisation,
      ApproveOrganisation,
      InviteMember,
      AcceptInvitation,
      SignCharter,
      ListNotifications,
      RegisterOrganisation,
      ConfirmRegistration,
      PublishCharter,
    ]);
    const tokens = gw.app.get(AccessTokenService);
    admin = aCaller({ hubId: genk.id, hubRoles: ['hub_admin'], memberships: [] });
    member = aCaller({ hubId: genk.id });
    adminToken = (await tokens.sign(admin)).token;
    memberToken = (await tokens.sign(member)).token;
  });

  afterAll(async () => {
    await services?.stop();
    await gw?.close();
  });

  const as = (token: string) => ({ authorization: `Bearer ${token}` });

  it('forwards the query as the client sent it, which the service then parses with the same schema', async () => {
    const response = await gw.app.inject({ method: 'GET', url: '/api/v1/notifications?unread=true&limit=5', headers: as(memberToken) });
    expect(response.statusCode).toBe(200);
    expect(validate(ListNotifications.input, last(ListNotifications)?.data)).toMatchObject({ unread: true, limit: 5 });
  });

  it('forwards filters and the cursor of a listing', async () => {
    const response = await gw.app.inject({ method: 'GET', url: '/api/v1/organisations?type=social&workDomain=care&q=kring&cursor=abc', headers: as(memberToken) });
    expect(response.statusCode).toBe(200);
    expect(last(ListOrganisations)).toMatchObject({ version: ListOrganisations.version, caller: member, hubId: genk.id, data: { type: 'social', workDomain: 'care', q: 'kring', cursor: 'abc' } });
  });

  it('turns the path and body into the contract: PATCH carries { organisationId, changes }', async () => {
    const id = randomUUID();
    const response = await gw.app.inject({ method: 'PATCH', url: `/api/v1/organisations/${id}`, headers: as(memberToken), payload: { name: 'Kringwinkel Genk' } });
    expect(response.statusCode).toBe(200);
    expect(last(UpdateOrganisation)).toMatchObject({ data: { organisationId: id, changes: { name: 'Kringwinkel Genk' } } });
  });

  it('refuses the organisation id in a body: the path carries it', async () => {
    const id = randomUUID();
    const response = await gw.app.inject({ method: 'POST', url: `/api/v1/organisations/${id}/invitations`, headers: as(memberToken), payload: { organisationId: id, email: 'x@y.be', role: 'member' } });
    expect(expectProblem(response, 400, 'validation-failed').errors).toEqual([{ field: 'organisationId', message: 'unknown field' }]);
  });

  it('answers with the status each route promises', async () => {
    const id = randomUUID();
    const invite = await gw.app.inject({ method: 'POST', url: `/api/v1/organisations/${id}/invitations`, headers: as(memberToken), payload: { email: 'x@y.be', role: 'member' } });
    expect(invite.statusCode).toBe(201);
    const approve = await gw.app.inject({ method: 'POST', url: `/api/v1/organisations/${id}/approval`, headers: as(adminToken) });
    expect(approve.statusCode).toBe(200);
    const sign = await gw.app.inject({ method: 'POST', url: `/api/v1/organisations/${id}/charter-signatures`, headers: as(memberToken), payload: { version: 2 } });
    expect(sign.statusCode).toBe(201);
    expect(last(SignCharter)).toMatchObject({ data: { organisationId: id, version: 2 } });
    const accept = await gw.app.inject({
      method: 'POST',
      url: `/api/v1/invitations/${'t'.repeat(32)}/acceptance`,
      payload: { name: 'Jef Peeters', password: 'correct horse battery', language: 'nl' },
    });
    expect(accept.statusCode).toBe(201);
    const registered = await gw.app.inject({ method: 'POST', url: '/api/v1/registrations', payload: { hub: 'genk', organisation: { name: 'Kringwinkel Z', type: 'social' }, person: { name: 'Zoë', email: 'zoe@kringwinkel.test', password: 'correct horse battery' } } });
    expect(registered.statusCode).toBe(202);
    expect(registered.json()).toEqual({ email: expect.any(String), status: 'confirmation-sent' });
    const confirmed = await gw.app.inject({ method: 'POST', url: '/api/v1/registrations/confirmation', payload: { token: 'c'.repeat(43) } });
    expect(confirmed.statusCode).toBe(201);
    expect(last(ConfirmRegistration)).toMatchObject({ caller: null, hubId: null, data: { token: 'c'.repeat(43) } });
    expect(last(AcceptInvitation)).toMatchObject({ caller: null, hubId: null, data: { token: 't'.repeat(32), name: 'Jef Peeters' } });
  });

  it("passes a service's domain error on as problem+json with its own type", async () => {
    const response = await gw.app.inject({ method: 'GET', url: `/api/v1/organisations/${randomUUID()}`, headers: as(memberToken) });
    expectProblem(response, 404, 'organisation-not-found');
  });

  it('never passes on an answer outside the contract: 502 bad-answer', async () => {
    services.on(ApproveOrganisation, () => ({ ...anOrganisationView(), status: 'approved' }));
    try {
      const response = await gw.app.inject({ method: 'POST', url: `/api/v1/organisations/${randomUUID()}/approval`, headers: as(adminToken) });
      // what was wrong with the answer is logged, not sent
      expect(expectProblem(response, 502, 'bad-answer').detail).not.toMatch(/approve-organisation|status|approved/);
    } finally {
      services.on(ApproveOrganisation, () => anOrganisationView());
    }
  });

  describe('the current charter', () => {
    it('resolves the hub an anonymous caller names, and asks for that hub', async () => {
      const response = await gw.app.inject({ method: 'GET', url: '/api/v1/charters/current?hub=genk' });
      expect(response.statusCode).toBe(200);
      expect(last(GetCurrentCharter)).toMatchObject({ caller: null, hubId: genk.id, data: {} });
    });

    it("uses the caller's hub when there is a token", async () => {
      const asked = services.envelopesOf(GetHub).length;
      const response = await gw.app.inject({ method: 'GET', url: '/api/v1/charters/current', headers: as(memberToken) });
      expect(response.statusCode).toBe(200);
      // the charter is anonymous: the caller's hub, without their token
      expect(last(GetCurrentCharter)).toMatchObject({ token: null, caller: null, hubId: genk.id });
      expect(services.envelopesOf(GetHub)).toHaveLength(asked);
    });

    it('answers an unknown hub with the 404 of partners', async () => {
      expectProblem(await gw.app.inject({ method: 'GET', url: '/api/v1/charters/current?hub=hasselt' }), 404, 'hub-not-found');
    });
  });

  describe('Idempotency-Key on POST', () => {
    const registration = (name: string) => ({
      hub: 'genk',
      organisation: { name, type: 'social', workDomains: ['care'] },
      person: { name: 'An Verhoeven', email: 'an@kringwinkel.test', password: 'correct horse battery' },
    });
    const register = (payload: object, key?: string) =>
      gw.app.inject({ method: 'POST', url: '/api/v1/registrations', payload, headers: key ? { 'idempotency-key': key } : {} });

    it('answers a repeat with the same key and body with the first answer, without registering twice', async () => {
      const key = randomUUID();
      const before = services.envelopesOf(RegisterOrganisation).length;
      const first = await register(registration('Kringwinkel A'), key);
      const again = await register(registration('Kringwinkel A'), key);
      expect(first.statusCode).toBe(202);
      expect(again.statusCode).toBe(202);
      expect(again.json()).toEqual(first.json());
      expect(again.headers['idempotent-replayed']).toBe('true');
      expect(services.envelopesOf(RegisterOrganisation)).toHaveLength(before + 1);
    });

    it('refuses the same key with another body (422)', async () => {
      const key = randomUUID();
      await register(registration('Kringwinkel B'), key);
      expectProblem(await register(registration('Kringwinkel C'), key), 422, 'idempotency-key-reused');
    });

    it('frees the key when the request fails, so a retry runs', async () => {
      const key = randomUUID();
      services.on(RegisterOrganisation, () => {
        throw new DomainError('enterprise-number-taken', 409, 'Conflict', 'taken');
      });
      expectProblem(await register(registration('Kringwinkel D'), key), 409, 'enterprise-number-taken');
      services.on(RegisterOrganisation, () => aRegistrationReceivedView());
      expect((await register(registration('Kringwinkel D'), key)).statusCode).toBe(202);
    });

    it('keeps the keys of one caller apart from another\'s', async () => {
      const key = randomUUID();
      const otherAdmin = (await gw.app.get(AccessTokenService).sign(aCaller({ hubId: genk.id, hubRoles: ['hub_admin'] }))).token;
      const text = { nl: 'De intentieverklaring van de hub, versie twee.', en: 'The charter of the hub, version two, in English.' };
      const publish = (token: string) => gw.app.inject({ method: 'POST', url: '/api/v1/charters', headers: { ...as(token), 'idempotency-key': key }, payload: { text } });
      const before = services.envelopesOf(PublishCharter).length;
      expect((await publish(adminToken)).statusCode).toBe(201);
      expect(last(PublishCharter)).toMatchObject({ caller: admin });
      expect((await publish(otherAdmin)).headers['idempotent-replayed']).toBeUndefined();
      expect((await publish(adminToken)).headers['idempotent-replayed']).toBe('true');
      expect(services.envelopesOf(PublishCharter)).toHaveLength(before + 2);
    });

    it('scopes a key to the actual path: the key used on A\'s approval does not replay A for C', async () => {
      const key = randomUUID();
      const [a, c] = [randomUUID(), randomUUID()];
      services.on(ApproveOrganisation, ({ data }) => anOrganisationView({ id: (data as { organisationId: string }).organisationId }));
      const approve = (id: string) => gw.app.inject({ method: 'POST', url: `/api/v1/organisations/${id}/approval`, headers: { ...as(adminToken), 'idempotency-key': key } });
      expect((await approve(a)).json()).toMatchObject({ id: a });
      const forC = await approve(c);
      expect(forC.headers['idempotent-replayed']).toBeUndefined();
      expect(forC.json()).toMatchObject({ id: c });
      expect(last(ApproveOrganisation)).toMatchObject({ data: { organisationId: c } });
      expect((await approve(a)).headers['idempotent-replayed']).toBe('true');
    });

    it('keeps no answer that holds a token; an invitation no longer holds one, so it replays', async () => {
      expect([{ token: 'x' }, { accessToken: 'a', refreshToken: 'r' }, { items: [{ nested: { resetToken: 's' } }] }].map(holdsToken)).toEqual([true, true, true]);
      const key = randomUUID();
      const id = randomUUID();
      const invitation = anInvitationView({ organisationId: id });
      expect(holdsToken(invitation)).toBe(false);
      services.on(InviteMember, () => invitation);
      const invite = () => gw.app.inject({ method: 'POST', url: `/api/v1/organisations/${id}/invitations`, headers: { ...as(memberToken), 'idempotency-key': key }, payload: { email: 'x@y.be', role: 'member' } });
      expect((await invite()).json()).toEqual(invitation);
      const before = services.envelopesOf(InviteMember).length;
      const repeat = await invite();
      expect(repeat.headers['idempotent-replayed']).toBe('true');
      expect(repeat.json()).toEqual(invitation);
      expect(services.envelopesOf(InviteMember)).toHaveLength(before);
    });

    it('runs every request without a key', async () => {
      const before = services.envelopesOf(RegisterOrganisation).length;
      await register(registration('Kringwinkel E'));
      await register(registration('Kringwinkel E'));
      expect(services.envelopesOf(RegisterOrganisation)).toHaveLength(before + 2);
    });
  });
});
