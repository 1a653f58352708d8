import {
  ApproveOrganisation,
  GetOrganisation,
  HubView,
  IdentityView,
  AcceptInvitation,
  ListOrganisations,
  OrganisationView,
  Page,
  RegisterOrganisation,
  RegistrationView,
  RejectOrganisation,
  UpdateOrganisation,
} from '@cirkel/contracts';
import { enterpriseNumber, freshFirstEight, registrationInput, TEST_PASSWORD, uniqueEmail } from './partners-factories';
import { PartnersTestApp } from './partners-test-app';

let sut: PartnersTestApp;
let genk: HubView;
let admin: IdentityView;

beforeAll(async () => {
  sut = await PartnersTestApp.start();
  genk = await sut.hub();
  admin = await sut.staff(genk, ['hub_admin']);
});

afterAll(() => sut?.stop());

describe('approve-organisation', () => {
  it('is refused to anyone but a hub admin, even the organisation itself', async () => {
    const { registration, identity } = await sut.register(genk);
    const mentor = await sut.staff(genk, ['mentor', 'city_staff']);
    for (const caller of [identity.caller, mentor.caller]) {
      const problem = await sut.problem(ApproveOrganisation, { organisationId: registration.organisation.id }, { caller });
      expect(problem).toMatchObject({ type: 'forbidden', status: 403 });
    }
    const [row] = await sut.query<{ status: string }>('SELECT status FROM organisation WHERE id = $1', [registration.organisation.id]);
    expect(row.status).toBe('pending');
  });

  it('makes a pending organisation active once, with an event; a second approval is a conflict', async () => {
    const { registration } = await sut.register(genk);
    const id = registration.organisation.id;
    const approved = await sut.send<OrganisationView>(ApproveOrganisation, { organisationId: id }, { caller: admin.caller });
    expect(approved.status).toBe('active');
    expect(Date.parse(approved.approvedAt ?? '')).toBeGreaterThan(Date.now() - 60_000);
    const [row] = await sut.query<{ approved_by: string }>('SELECT approved_by FROM organisation WHERE id = $1', [id]);
    expect(row.approved_by).toBe(admin.caller.personId);

    expect(await sut.problem(ApproveOrganisation, { organisationId: id }, { caller: admin.caller })).toMatchObject({
      type: 'organisation-already-active',
      status: 409,
    });
    const events = await sut.query<{ envelope: { data: unknown } }>(
      `SELECT envelope FROM outbox WHERE subject = 'partners.organisation-approved' AND envelope->'data'->>'organisationId' = $1`,
      [id],
    );
    expect(events.map((e) => e.envelope.data)).toEqual([{ organisationId: id, name: registration.organisation.name, approvedBy: admin.caller.personId }]);
  });

  it('answers 404 for an organisation of another hub', async () => {
    const hasselt = await sut.hub('hasselt', 'Hasselt');
    const { registration } = await sut.register(hasselt);
    expect(await sut.problem(ApproveOrganisation, { organisationId: registration.organisation.id }, { caller: admin.caller })).toMatchObject({
      type: 'organisation-not-found',
      status: 404,
    });
  });
});

describe('one organisation and another', () => {
  let a: { registration: RegistrationView; identity: IdentityView };
  let b: { registration: RegistrationView; identity: IdentityView };

  beforeAll(async () => {
    a = await sut.register(genk, { name: 'Atelier A' });
    b = await sut.register(genk, { name: 'Bakkerij B' });
    await sut.send(ApproveOrganisation, { organisationId: a.registration.organisation.id }, { caller: admin.caller });
  });

  it('a member of A does not see pending B at all', async () => {
    const problem = await sut.problem(GetOrganisation, { organisationId: b.registration.organisation.id }, { caller: a.identity.caller });
    expect(problem).toMatchObject({ type: 'organisation-not-found', status: 404 });
  });

  it("a member of A sees active B without B's members, and cannot update it", async () => {
    await sut.send(ApproveOrganisation, { organisationId: b.registration.organisation.id }, { caller: admin.caller });
    const seen = await sut.send<OrganisationView>(GetOrganisation, { organisationId: b.registration.organisation.id }, { caller: a.identity.caller });
    expect(seen).toMatchObject({ name: 'Bakkerij B', status: 'active', members: null });
    const own = await sut.send<OrganisationView>(GetOrganisation, { organisationId: a.registration.organisation.id }, { caller: a.identity.caller });
    expect(own.members?.map((m) => m.personId)).toEqual([a.registration.person.id]);

    const problem = await sut.problem(UpdateOrganisation, { organisationId: b.registration.organisation.id, changes: { name: 'Taken over' } }, { caller: a.identity.caller });
    expect(problem).toMatchObject({ type: 'forbidden', status: 403 });
    const [row] = await sut.query<{ name: string }>('SELECT name FROM organisation WHERE id = $1', [b.registration.organisation.id]);
    expect(row.name).toBe('Bakkerij B');
  });

  it("A's list shows B without members and A with them", async () => {
    const page = await sut.send<Page<OrganisationView>>(ListOrganisations, { limit: 100 }, { caller: a.identity.caller });
    const byName = new Map(page.items.map((o) => [o.name, o]));
    expect(byName.get('Bakkerij B')?.members).toBeNull();
    expect(byName.get('Atelier A')?.members).toHaveLength(1);
  });

  it('its org admin updates it and an event says so, its new name and number waiting for a hub admin (issue 7); a plain member may not', async () => {
    const id = a.registration.organisation.id;
    const updated = await sut.send<OrganisationView>(
      UpdateOrganisation,
      { organisationId: id, changes: { name: 'Atelier A Genk', workDomains: ['industry', 'green'], enterpriseNumber: '0123.456.749' } },
      { caller: a.identity.caller },
    );
    expect(updated).toMatchObject({ name: 'Atelier A', workDomains: ['industry', 'green'], enterpriseNumber: null, status: 'active' });
    expect(updated.proposedChange).toMatchObject({ name: 'Atelier A Genk', enterpriseNumber: '0123456749' });
    const events = await sut.query<{ envelope: { data: unknown } }>(
      `SELECT envelope FROM outbox WHERE subject = 'partners.organisation-updated' AND envelope->'data'->>'organisationId' = $1`,
      [id],
    );
    expect(events.map((e) => e.envelope.data)).toEqual([
      { organisationId: id, name: 'Atelier A', type: 'social', enterpriseNumber: null, workDomains: ['industry', 'green'], status: 'active' },
    ]);

    const member = await memberOf(id, a.identity);
    expect(await sut.problem(UpdateOrganisation, { organisationId: id, changes: { name: 'Mine now' } }, { caller: member.caller })).toMatchObject({
      type: 'forbidden',
    });
  });

  it('a hub admin updates any organisation; an enterprise number taken in the hub is refused', async () => {
    const taken = enterpriseNumber('03141592');
    await sut.send(UpdateOrganisation, { organisationId: a.registration.organisation.id, changes: { enterpriseNumber: taken } }, { caller: admin.caller });
    const problem = await sut.problem(UpdateOrganisation, { organisationId: b.registration.organisation.id, changes: { enterpriseNumber: taken } }, { caller: admin.caller });
    expect(problem).toMatchObject({ type: 'enterprise-number-taken', status: 409 });
    const renamed = await sut.send<OrganisationView>(UpdateOrganisation, { organisationId: b.registration.organisation.id, changes: { type: 'startup' } }, { caller: admin.caller });
    expect(renamed.type).toBe('startup');
  });

  it('refuses an update without changes or with an unknown field', async () => {
    const id = a.registration.organisation.id;
    expect(await sut.problem(UpdateOrganisation, { organisationId: id, changes: {} }, { caller: admin.caller })).toMatchObject({ type: 'validation-failed' });
    expect(await sut.problem(UpdateOrganisation, { organisationId: id, changes: { status: 'active' } }, { caller: admin.caller })).toMatchObject({
      type: 'validation-failed',
      errors: expect.arrayContaining([{ field: 'changes.status', message: 'unknown field' }]),
    });
  });
});

/** Invites someone into the organisation as a plain member and logs them in. */
async function memberOf(organisationId: string, orgAdmin: IdentityView): Promise<IdentityView> {
  const email = uniqueEmail('member');
  const invitation = await sut.invite(orgAdmin.caller, organisationId, email);
  await sut.send(AcceptInvitation, { token: invitation.token, name: 'Plain Member', password: TEST_PASSWORD, language: 'nl' });
  return sut.login(email);
}

describe('reject-organisation', () => {
  const reject = (organisationId: string, caller = admin.caller, reason = 'Geen band met de circulaire economie in Genk.') =>
    sut.send<OrganisationView>(RejectOrganisation, { organisationId, reason }, { caller });

  it('turns a pending registration down with a reason and an event, once; only a hub admin may', async () => {
    const { registration, identity } = await sut.register(genk);
    const id = registration.organisation.id;
    const mentor = await sut.staff(genk, ['mentor', 'city_staff']);
    for (const caller of [identity.caller, mentor.caller]) {
      expect(await sut.problem(RejectOrganisation, { organisationId: id, reason: 'Niet voor ons.' }, { caller })).toMatchObject({ type: 'forbidden', status: 403 });
    }
    expect((await reject(id)).status).toBe('rejected');
    const [row] = await sut.query<{ rejected_by: string; rejection_reason: string }>('SELECT rejected_by, rejection_reason FROM organisation WHERE id = $1', [id]);
    expect(row).toEqual({ rejected_by: admin.caller.personId, rejection_reason: 'Geen band met de circulaire economie in Genk.' });
    const events = await sut.query<{ envelope: { data: unknown; aggregate: unknown } }>(
      `SELECT envelope FROM outbox WHERE subject = 'partners.organisation-rejected' AND envelope->'data'->>'organisationId' = $1`,
      [id],
    );
    expect(events.map((e) => e.envelope)).toEqual([
      expect.objectContaining({
        data: { organisationId: id, name: registration.organisation.name, reason: 'Geen band met de circulaire economie in Genk.', rejectedBy: admin.caller.personId },
        aggregate: { type: 'organisation', id, version: 2 },
      }),
    ]);
    expect(await sut.problem(RejectOrganisation, { organisationId: id, reason: 'Nogmaals.' }, { caller: admin.caller })).toMatchObject({ type: 'organisation-not-pending', status: 409 });
  });

  it('frees the enterprise number, and a rejected organisation can no longer be approved or changed', async () => {
    const number = enterpriseNumber(freshFirstEight());
    const first = await sut.register(genk, { enterpriseNumber: number });
    expect(await sut.problem(RegisterOrganisation, registrationInput(genk.slug, { enterpriseNumber: number }))).toMatchObject({ type: 'enterprise-number-taken', status: 409 });
    await reject(first.registration.organisation.id);
    const second = await sut.register(genk, { enterpriseNumber: number });
    expect(second.registration.organisation.enterpriseNumber).toBe(number);

    const id = first.registration.organisation.id;
    expect(await sut.problem(ApproveOrganisation, { organisationId: id }, { caller: admin.caller })).toMatchObject({ type: 'organisation-rejected', status: 409 });
    expect(await sut.problem(UpdateOrganisation, { organisationId: id, changes: { name: 'Toch maar' } }, { caller: first.identity.caller })).toMatchObject({ type: 'organisation-rejected', status: 409 });
    // Its own people still see it, and that it was rejected.
    expect(await sut.send<OrganisationView>(GetOrganisation, { organisationId: id }, { caller: first.identity.caller })).toMatchObject({ status: 'rejected' });
  });

  it('refuses to reject an active organisation', async () => {
    const { registration } = await sut.register(genk);
    await sut.send(ApproveOrganisation, { organisationId: registration.organisation.id }, { caller: admin.caller });
    expect(await sut.problem(RejectOrganisation, { organisationId: registration.organisation.id, reason: 'Te laat.' }, { caller: admin.caller })).toMatchObject({
      type: 'organisation-not-pending',
      status: 409,
    });
  });
});
