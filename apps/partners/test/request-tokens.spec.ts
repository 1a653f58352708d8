import { randomUUID, generateKeyPairSync } from 'node:crypto';
import { JwtService } from '@nestjs/jwt';
import { claimsOf } from '@cirkel/auth';
import { Caller, DeactivatePerson, GetContact, GetEmailDelivery, GetIdentity, GetPersonNames, HubView, IdentityView, MarkEmailDeliverySent, SetHubRoles } from '@cirkel/contracts';
import { problemOf, TestRequests, TestTokens } from '@cirkel/testing';
import { PartnersTestApp } from './partners-test-app';

/**
 * Whoever reaches NATS cannot act as someone else: partners believes only a token signed with the
 * gateway's private key. The example: a partner making themselves hub admin with
 * `partners.set-hub-roles`, by naming the hub admin in the envelope or forging the token.
 */
let sut: PartnersTestApp;
let requests: TestRequests;
let hub: HubView;
let admin: IdentityView;
let partner: IdentityView;

beforeAll(async () => {
  sut = await PartnersTestApp.start();
  requests = await TestRequests.connect(sut.config);
  hub = await sut.hub('tokens', 'Tokens');
  admin = await sut.staff(hub, ['hub_admin']);
  partner = (await sut.register(hub)).identity;
});

afterAll(async () => {
  await requests?.close();
  await sut?.stop();
});

const { issuer, audience } = TestTokens.get().config.tokens;
const developmentKey = TestTokens.get().config.auth.privateKey;

function signed(caller: Caller, privateKey: string, times: { iat?: number; exp?: number } = {}): string {
  const expiry = times.exp === undefined ? { expiresIn: 60 } : {};
  return new JwtService().sign({ ...claimsOf(caller), ...times }, { privateKey, algorithm: 'ES256', issuer, audience, ...expiry });
}

const makeMeHubAdmin = () => ({ personId: partner.caller.personId, roles: ['hub_admin' as const] });

async function partnerRoles(): Promise<string[]> {
  return (await requests.request(GetIdentity, partner.caller, { personId: partner.caller.personId })).caller.hubRoles;
}

it('refuses a caller named in plain fields, a token of another key pair, an expired token and an altered one, and changes nothing', async () => {
  const otherKey = generateKeyPairSync('ec', { namedCurve: 'prime256v1' }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  const now = Math.floor(Date.now() / 1000);
  const partnerToken = await TestTokens.get().tokenOf(partner.caller);
  const [header, , signature] = partnerToken.split('.');
  const asAdmin = Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(partnerToken.split('.')[1], 'base64url').toString()), sub: admin.caller.personId, hubRoles: ['hub_admin'] })).toString('base64url');

  const plainCaller = { version: SetHubRoles.version, caller: admin.caller, hubId: hub.id, correlationId: randomUUID(), data: makeMeHubAdmin() };
  expect(await problemOf(requests.raw(SetHubRoles.pattern, plainCaller))).toMatchObject({ status: 401, type: 'unauthenticated' });
  const forged = {
    'another key pair': signed(admin.caller, otherKey),
    expired: signed(admin.caller, developmentKey, { iat: now - 1000, exp: now - 100 }),
    'an altered payload': `${header}.${asAdmin}.${signature}`,
  };
  for (const [what, token] of Object.entries(forged)) {
    expect([what, await requests.problem(SetHubRoles, admin.caller, makeMeHubAdmin(), { token })]).toEqual([what, expect.objectContaining({ status: 401, type: 'unauthenticated' })]);
  }
  expect(await partnerRoles()).toEqual([]);
});

it("does what the hub admin's own token asks", async () => {
  await requests.request(SetHubRoles, admin.caller, makeMeHubAdmin());
  expect(await partnerRoles()).toEqual(['hub_admin']);
});

it("answers a request for services only to a service's own token, and refuses a person's, even a hub admin's", async () => {
  const personId = partner.caller.personId;
  expect(await requests.problem(GetContact, admin.caller, { personId })).toMatchObject({ status: 403, type: 'forbidden' });
  const contact = await requests.request(GetContact, null, { personId }, { hubId: hub.id, token: TestTokens.get().serviceToken(GetContact, hub.id, 'notifications') });
  expect(contact).toMatchObject({ personId, email: expect.any(String) });
});

it('answers a request for services only to the services its contract names: coaching\'s own token asking for a contact or an e-mail, or notifications\' asking for names, is refused', async () => {
  const personId = partner.caller.personId;
  const coaching = { hubId: hub.id, token: TestTokens.get().serviceToken('partners', hub.id, 'coaching') };
  const notifications = { hubId: hub.id, token: TestTokens.get().serviceToken('partners', hub.id, 'notifications') };
  expect(await requests.problem(GetContact, null, { personId }, coaching)).toMatchObject({ status: 403, type: 'forbidden' });
  expect(await requests.problem(GetEmailDelivery, null, { deliveryId: randomUUID() }, coaching)).toMatchObject({ status: 403, type: 'forbidden' });
  expect(await requests.problem(GetPersonNames, null, { personIds: [personId] }, notifications)).toMatchObject({ status: 403, type: 'forbidden' });
  // nor the gateway's own token, which is for the gateway's requests (an identity at a refresh)
  expect(await requests.problem(GetContact, null, { personId }, { hubId: hub.id, token: TestTokens.get().serviceToken(GetContact, hub.id) })).toMatchObject({ status: 403, type: 'forbidden' });
  // and a service asks nothing else on its own account: coaching making a partner hub admin
  const someone = (await sut.register(hub)).identity;
  expect(await requests.problem(SetHubRoles, null, { personId: someone.caller.personId, roles: ['hub_admin'] }, coaching)).toMatchObject({ status: 403, type: 'forbidden' });
  expect((await requests.request(GetIdentity, someone.caller, { personId: someone.caller.personId })).caller.hubRoles).toEqual([]);
  expect(await requests.request(GetContact, null, { personId }, notifications)).toMatchObject({ personId });
});

it("names people of the request's hub only to a service's own token: names, for the ids asked or an organisation's members, never another hub's or a deactivated person", async () => {
  const service = { hubId: hub.id, token: TestTokens.get().serviceToken(GetPersonNames, hub.id, 'coaching') };
  const { registration, identity: member } = await sut.register(hub);
  const gone = (await sut.register(hub)).identity;
  await requests.request(DeactivatePerson, admin.caller, { personId: gone.caller.personId });
  const otherHub = await sut.hub('tokens-other', 'Elders');
  const elsewhere = (await sut.register(otherHub)).identity;
  const ids = [member.caller.personId, gone.caller.personId, elsewhere.caller.personId];

  expect(await requests.problem(GetPersonNames, admin.caller, { personIds: ids })).toMatchObject({ status: 403, type: 'forbidden' });
  expect(await requests.request(GetPersonNames, null, { personIds: ids }, service)).toEqual({ items: [{ personId: member.caller.personId, name: member.name }] });
  expect(await requests.request(GetPersonNames, null, { organisationId: registration.organisation.id }, service)).toEqual({ items: [{ personId: member.caller.personId, name: member.name }] });
  const forOtherHub = { hubId: otherHub.id, token: TestTokens.get().serviceToken(GetPersonNames, otherHub.id, 'coaching') };
  expect(await requests.request(GetPersonNames, null, { organisationId: registration.organisation.id }, forOtherHub)).toEqual({ items: [] });
  expect(await requests.request(GetPersonNames, null, { personIds: ids }, forOtherHub)).toEqual({ items: [{ personId: elsewhere.caller.personId, name: elsewhere.name }] });
  expect(await requests.problem(GetPersonNames, null, { personIds: ids, organisationId: registration.organisation.id } as never, service)).toMatchObject({ status: 400 });
});

it("takes the hub from the service's token: coaching's token for one hub, with an envelope naming another, is refused and names no one", async () => {
  const otherHub = await sut.hub('tokens-third', 'Derde');
  const there = (await sut.register(otherHub)).identity;
  const forThisHub = TestTokens.get().serviceToken(GetPersonNames, hub.id, 'coaching');
  expect(await requests.problem(GetPersonNames, null, { personIds: [there.caller.personId] }, { hubId: otherHub.id, token: forThisHub })).toMatchObject({ status: 403, type: 'forbidden' });
  // the envelope may leave the hub out: the token's counts
  expect(await requests.request(GetPersonNames, null, { personIds: [there.caller.personId, partner.caller.personId] }, { hubId: null, token: forThisHub })).toEqual({ items: [{ personId: partner.caller.personId, name: partner.name }] });
  // notifications' token the same; and a person's token is for their own hub
  expect(await requests.problem(GetContact, null, { personId: there.caller.personId }, { hubId: otherHub.id, token: TestTokens.get().serviceToken(GetContact, hub.id, 'notifications') })).toMatchObject({ status: 403 });
  expect(await requests.problem(GetIdentity, admin.caller, { personId: admin.caller.personId }, { hubId: otherHub.id })).toMatchObject({ status: 403 });
});

it('refuses (401) a service token minted for another app, whoever signed it: one for ideas is not taken by partners', async () => {
  const personId = partner.caller.personId;
  for (const [contract, asker] of [
    [GetContact, 'notifications'],
    [GetPersonNames, 'coaching'],
    [GetIdentity, 'gateway'],
  ] as const) {
    const forIdeas = TestTokens.get().serviceToken('ideas', hub.id, asker);
    const data = contract === GetPersonNames ? { personIds: [personId] } : { personId };
    expect([asker, await requests.problem(contract, null, data, { hubId: hub.id, token: forIdeas })]).toEqual([asker, expect.objectContaining({ status: 401, type: 'unauthenticated' })]);
    // the same asker's token for partners is answered
    await requests.request(contract, null, data as never, { hubId: hub.id, token: TestTokens.get().serviceToken(contract, hub.id, asker) });
  }
});

it("answers notifications within the hub its token is for: another hub's person or e-mail is not found", async () => {
  const otherHub = await sut.hub('tokens-fourth', 'Vierde');
  const personId = partner.caller.personId;
  const [delivery] = await sut.query<{ id: string }>('SELECT id FROM email_delivery WHERE hub_id = $1 ORDER BY created_at LIMIT 1', [hub.id]);
  const forThisHub = { hubId: hub.id, token: TestTokens.get().serviceToken('partners', hub.id, 'notifications') };
  const forOtherHub = { hubId: otherHub.id, token: TestTokens.get().serviceToken('partners', otherHub.id, 'notifications') };
  expect(await requests.request(GetEmailDelivery, null, { deliveryId: delivery.id }, forThisHub)).toMatchObject({ deliveryId: delivery.id });
  expect(await requests.problem(GetContact, null, { personId }, forOtherHub)).toMatchObject({ status: 404 });
  expect(await requests.problem(GetEmailDelivery, null, { deliveryId: delivery.id }, forOtherHub)).toMatchObject({ status: 404 });
  expect(await requests.problem(MarkEmailDeliverySent, null, { deliveryId: delivery.id }, forOtherHub)).toMatchObject({ status: 404 });
  expect(await requests.request(GetEmailDelivery, null, { deliveryId: delivery.id }, forThisHub)).toMatchObject({ deliveryId: delivery.id }); // not marked sent
  // a token for no hub is asked for nothing
  expect(await requests.problem(GetContact, null, { personId }, { hubId: null, token: TestTokens.get().serviceToken('partners', null, 'notifications') })).toMatchObject({ status: 400 });
});
