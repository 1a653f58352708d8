import { Authenticate, CredentialedIdentityView, DeactivatePerson, GetIdentity, GetIdentityV2, GetMe, HubView, IdentityView, ListPeople, Page, PersonView, ReactivatePerson, RequestPasswordReset } from '@cirkel/contracts';
import { PartnersTestApp } from './partners-test-app';

let sut: PartnersTestApp;
let hub: HubView;
let admin: IdentityView;

beforeAll(async () => {
  sut = await PartnersTestApp.start();
  hub = await sut.hub('uit', 'Uit');
  admin = await sut.staff(hub, ['hub_admin'], 'admin@deactivation.test.cirkel.example');
});

afterAll(() => sut?.stop());

let people = 0;
const uniqueEmail = () => `person${(people += 1)}@deactivation.test.cirkel.example`;

async function eventsAbout(personId: string): Promise<{ subject: string; data: Record<string, unknown> }[]> {
  const rows = await sut.query<{ subject: string; envelope: { data: Record<string, unknown> } }>(`SELECT subject, envelope FROM outbox WHERE envelope->'data'->>'personId' = $1 ORDER BY id`, [personId]);
  return rows.map((row) => ({ subject: row.subject, data: row.envelope.data }));
}

describe('deactivate-person', () => {
  it("ends the person's roles and memberships at once and tells every service, in events", async () => {
    const email = uniqueEmail();
    const { registration, identity } = await sut.register(hub, { personName: 'Dirk Weg', email });
    const mentor = await sut.staff(hub, ['mentor', 'job_coach']);
    for (const [person, caller] of [
      [registration.person.id, identity.caller],
      [mentor.caller.personId, mentor.caller],
    ] as const) {
      const answer = await sut.send<PersonView>(DeactivatePerson, { personId: person }, { caller: admin.caller });
      expect(answer).toMatchObject({ id: person, hubRoles: [], memberships: [] });
      // Partners itself no longer knows them as a caller, even with a token still alive.
      expect(await sut.problem(GetMe, {}, { caller })).toMatchObject({ status: 401 });
    }
    const dirk = await eventsAbout(registration.person.id);
    expect(dirk.slice(-2)).toEqual([
      { subject: 'partners.roles-changed', data: expect.objectContaining({ personId: registration.person.id, hubRoles: [] }) },
      { subject: 'partners.member-left', data: { organisationId: registration.organisation.id, personId: registration.person.id, role: 'org_admin' } },
    ]);
    expect((await eventsAbout(mentor.caller.personId)).at(-1)).toEqual({ subject: 'partners.roles-changed', data: expect.objectContaining({ hubRoles: [] }) });
    expect(await sut.count('membership', 'person_id = $1', [registration.person.id])).toBe(0);
    expect(await sut.count('hub_role', 'person_id = $1', [mentor.caller.personId])).toBe(0);
  });

  it('keeps a deactivated person from logging in (the same answer as a wrong password), refreshing and resetting their password', async () => {
    const email = uniqueEmail();
    const person = await sut.staff(hub, ['mentor'], email);
    await sut.send(DeactivatePerson, { personId: person.caller.personId }, { caller: admin.caller });
    expect(await sut.problem(Authenticate, { email, password: 'correct horse battery' })).toMatchObject({ status: 401, type: 'invalid-credentials' });
    expect(await sut.problem(GetIdentity, { personId: person.caller.personId }, { hubId: hub.id })).toMatchObject({ status: 401 });
    const deliveries = await sut.count('email_delivery');
    expect(await sut.send(RequestPasswordReset, { email })).toEqual({ status: 'reset-link-sent' });
    expect(await sut.count('email_delivery')).toBe(deliveries);
  });

  it('is for hub admins of the hub only; not oneself, and once', async () => {
    const person = await sut.staff(hub, ['mentor']);
    const mentor = await sut.staff(hub, ['mentor']);
    expect(await sut.problem(DeactivatePerson, { personId: person.caller.personId }, { caller: mentor.caller })).toMatchObject({ status: 403, type: 'forbidden' });
    expect(await sut.problem(DeactivatePerson, { personId: admin.caller.personId }, { caller: admin.caller })).toMatchObject({ status: 409, type: 'self-deactivation' });
    const elsewhere = await sut.staff(await sut.hub('ander', 'Ander'), ['hub_admin']);
    expect(await sut.problem(DeactivatePerson, { personId: person.caller.personId }, { caller: elsewhere.caller })).toMatchObject({ status: 404, type: 'person-not-found' });
    await sut.send(DeactivatePerson, { personId: person.caller.personId }, { caller: admin.caller });
    expect(await sut.problem(DeactivatePerson, { personId: person.caller.personId }, { caller: admin.caller })).toMatchObject({ status: 409, type: 'person-deactivated' });
    await expect(sut.login('admin@deactivation.test.cirkel.example')).resolves.toMatchObject({ caller: { hubRoles: ['hub_admin'] } });
  });
});

describe('reactivate-person', () => {
  it('lets a deactivated person log in again, with no roles or memberships, once a hub admin of the hub reactivates them', async () => {
    const email = uniqueEmail();
    const person = await sut.staff(hub, ['mentor'], email);
    const deactivated = await sut.send<PersonView>(DeactivatePerson, { personId: person.caller.personId }, { caller: admin.caller });
    const mentor = await sut.staff(hub, ['mentor']);
    expect(await sut.problem(ReactivatePerson, { personId: person.caller.personId }, { caller: mentor.caller })).toMatchObject({ status: 403, type: 'forbidden' });
    const elsewhere = await sut.staff(await sut.hub('elders', 'Elders'), ['hub_admin']);
    expect(await sut.problem(ReactivatePerson, { personId: person.caller.personId }, { caller: elsewhere.caller })).toMatchObject({ status: 404, type: 'person-not-found' });
    expect(await sut.problem(Authenticate, { email, password: 'correct horse battery' })).toMatchObject({ status: 401 });

    const view = await sut.send<PersonView>(ReactivatePerson, { personId: person.caller.personId }, { caller: admin.caller });
    expect(view).toMatchObject({ id: person.caller.personId, hubRoles: [], memberships: [] });
    await expect(sut.login(email)).resolves.toMatchObject({ caller: { personId: person.caller.personId, hubRoles: [], memberships: [] } });
    // the deactivation counts as a change of credentials: a login of before it is not brought back (the gateway refuses its refresh)
    const identity = await sut.send<CredentialedIdentityView>(GetIdentityV2, { personId: person.caller.personId }, { hubId: hub.id });
    expect(identity.credentialsChangedAt).toBe(deactivated.deactivatedAt);
    // an active person cannot be reactivated
    expect(await sut.problem(ReactivatePerson, { personId: person.caller.personId }, { caller: admin.caller })).toMatchObject({ status: 409, type: 'person-active' });
    expect(await sut.problem(ReactivatePerson, { personId: mentor.caller.personId }, { caller: admin.caller })).toMatchObject({ status: 409, type: 'person-active' });
  });
});

describe('a closed account in PersonView and list-people', () => {
  it('says since when an account is closed (null while open), and lists only open or only closed accounts when asked', async () => {
    const own = await sut.hub('gesloten', 'Gesloten');
    const boss = await sut.staff(own, ['hub_admin']);
    const open = await sut.staff(own, ['mentor']);
    const closed = await sut.staff(own, ['job_coach']);
    const before = Date.now();
    const answer = await sut.send<PersonView>(DeactivatePerson, { personId: closed.caller.personId }, { caller: boss.caller });
    expect(Date.parse(answer.deactivatedAt ?? '')).toBeGreaterThanOrEqual(before - 1000);
    const ids = async (query: Record<string, unknown>) =>
      (await sut.send<Page<PersonView>>(ListPeople, query, { caller: boss.caller })).items.map((p) => [p.id, p.deactivatedAt === null ? 'open' : 'closed']);
    expect(await ids({ account: 'closed' })).toEqual([[closed.caller.personId, 'closed']]);
    expect((await ids({ account: 'open' })).sort()).toEqual([[boss.caller.personId, 'open'], [open.caller.personId, 'open']].sort());
    expect(await ids({})).toHaveLength(3);
    const reopened = await sut.send<PersonView>(ReactivatePerson, { personId: closed.caller.personId }, { caller: boss.caller });
    expect(reopened.deactivatedAt).toBeNull();
    expect(await ids({ account: 'closed' })).toEqual([]);
    expect(await sut.problem(ListPeople, { account: 'gone' }, { caller: boss.caller })).toMatchObject({ status: 400 });
  });
});
