import { createHash } from 'node:crypto';
import { AcceptInvitation, GetOrganisation, HubView, IdentityView, InvitationView, InviteMember, OrganisationView, PersonView, RegisterOrganisation, RegistrationView } from '@cirkel/contracts';
import { registrationInput, TEST_PASSWORD, uniqueEmail } from './partners-factories';
import { PartnersTestApp } from './partners-test-app';

let sut: PartnersTestApp;
let genk: HubView;
let org: { registration: RegistrationView; identity: IdentityView };

beforeAll(async () => {
  sut = await PartnersTestApp.start({ PUBLIC_URL: 'https://cirkel.example/' });
  genk = await sut.hub();
  org = await sut.register(genk, { name: 'Kringloopcentrum' });
});

afterAll(() => sut?.stop());

const organisationId = () => org.registration.organisation.id;

async function invite(email: string = uniqueEmail('invitee'), role: 'member' | 'org_admin' = 'member'): Promise<InvitationView> {
  return sut.send<InvitationView>(InviteMember, { organisationId: organisationId(), email, role }, { caller: org.identity.caller });
}

const acceptance = (token: string) => ({ token, name: 'Nieuwe Collega', password: TEST_PASSWORD, language: 'en' });

describe('invite-member', () => {
  it("answers a link with a 32-byte token, and keeps only the token's SHA-256", async () => {
    const email = uniqueEmail('invitee');
    const invitation = await invite(email.toUpperCase());
    expect(invitation).toMatchObject({ organisationId: organisationId(), email, role: 'member' });
    expect(invitation.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(invitation.link).toBe(`https://cirkel.example/invitations/${invitation.token}`);
    const days = (Date.parse(invitation.expiresAt) - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(6.99);
    expect(days).toBeLessThanOrEqual(7);

    const [row] = await sut.query<{ token_hash: string; created_by: string; hub_id: string }>('SELECT token_hash, created_by, hub_id FROM invitation WHERE id = $1', [invitation.id]);
    expect(row).toEqual({ token_hash: createHash('sha256').update(invitation.token).digest('hex'), created_by: org.registration.person.id, hub_id: genk.id });
    expect(await sut.count('invitation', 'token_hash = $1', [invitation.token])).toBe(0);
  });

  it('is for the organisation’s org admins only', async () => {
    const admin = await sut.staff(genk, ['hub_admin']);
    const asAdmin = await sut.problem(InviteMember, { organisationId: organisationId(), email: uniqueEmail(), role: 'member' }, { caller: admin.caller });
    expect(asAdmin).toMatchObject({ type: 'forbidden', status: 403 });
    // Someone of another organisation does not even see this pending one.
    const outsider = await sut.register(genk);
    const asOutsider = await sut.problem(InviteMember, { organisationId: organisationId(), email: uniqueEmail(), role: 'member' }, { caller: outsider.identity.caller });
    expect(asOutsider).toMatchObject({ type: 'organisation-not-found', status: 404 });
    expect(await sut.count('invitation', 'created_by = ANY($1::uuid[])', [[admin.caller.personId, outsider.identity.caller.personId]])).toBe(0);
  });

  it('refuses an address that has an account already', async () => {
    const problem = await sut.problem(InviteMember, { organisationId: organisationId(), email: org.registration.person.email, role: 'member' }, { caller: org.identity.caller });
    expect(problem).toMatchObject({ type: 'email-taken', status: 409 });
  });
});

describe('accept-invitation', () => {
  it('creates the person as a member, publishes member-joined, and the person can log in', async () => {
    const email = uniqueEmail('invitee');
    const invitation = await invite(email, 'member');
    const person = await sut.send<PersonView>(AcceptInvitation, acceptance(invitation.token));
    expect(person).toMatchObject({ email, name: 'Nieuwe Collega', language: 'en', hubId: genk.id, memberships: [{ organisationId: organisationId(), role: 'member' }] });

    const [row] = await sut.query<{ accepted_by: string }>('SELECT accepted_by FROM invitation WHERE id = $1', [invitation.id]);
    expect(row.accepted_by).toBe(person.id);
    const events = await sut.query<{ envelope: { data: unknown; actor: unknown } }>(
      `SELECT envelope FROM outbox WHERE subject = 'partners.member-joined' AND envelope->'data'->>'personId' = $1`,
      [person.id],
    );
    expect(events.map((e) => e.envelope)).toEqual([
      expect.objectContaining({
        actor: { kind: 'person', personId: person.id },
        data: { organisationId: organisationId(), personId: person.id, name: 'Nieuwe Collega', language: 'en', role: 'member' },
      }),
    ]);

    const identity = await sut.login(email);
    expect(identity.caller.memberships).toEqual([{ organisationId: organisationId(), role: 'member' }]);
    const seen = await sut.send<OrganisationView>(GetOrganisation, { organisationId: organisationId() }, { caller: identity.caller });
    expect(seen.members?.map((m) => m.email).sort()).toEqual([email, org.registration.person.email].sort());
  });

  it('refuses a used token, once it has been accepted', async () => {
    const invitation = await invite();
    await sut.send(AcceptInvitation, acceptance(invitation.token));
    const before = await sut.count('person');
    expect(await sut.problem(AcceptInvitation, acceptance(invitation.token))).toMatchObject({ type: 'invitation-used', status: 409 });
    expect(await sut.count('person')).toBe(before);
  });

  it('refuses an expired token', async () => {
    const invitation = await invite();
    await sut.query(`UPDATE invitation SET expires_at = now() - interval '1 second' WHERE id = $1`, [invitation.id]);
    expect(await sut.problem(AcceptInvitation, acceptance(invitation.token))).toMatchObject({ type: 'invitation-expired', status: 410 });
    expect(await sut.count('invitation', 'id = $1 AND accepted_at IS NULL', [invitation.id])).toBe(1);
  });

  it('refuses an unknown token', async () => {
    const invitation = await invite();
    const forged = `${invitation.token.slice(0, -1)}${invitation.token.endsWith('A') ? 'B' : 'A'}`;
    expect(await sut.problem(AcceptInvitation, acceptance(forged))).toMatchObject({ type: 'invitation-unknown', status: 404 });
  });

  it('refuses when the address got an account in the meantime', async () => {
    const email = uniqueEmail('invitee');
    const invitation = await invite(email);
    await sut.send(RegisterOrganisation, registrationInput('genk', { email })); // an organisation of their own, meanwhile
    expect(await sut.problem(AcceptInvitation, acceptance(invitation.token))).toMatchObject({ type: 'email-taken', status: 409 });
  });

  it('lets the same token through only once when two acceptances race', async () => {
    const invitation = await invite();
    const results = await Promise.allSettled([sut.send(AcceptInvitation, acceptance(invitation.token)), sut.send(AcceptInvitation, acceptance(invitation.token))]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect(results.find((r) => r.status === 'rejected')).toMatchObject({ reason: { type: 'invitation-used' } });
  });
});
