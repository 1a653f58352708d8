import { createHash } from 'node:crypto';
import {
  AcceptInvitation,
  ApproveOrganisation,
  ChangeLanguage,
  GetOrganisation,
  HubView,
  IdentityView,
  InvitationView,
  InviteMember,
  ListInvitations,
  OrganisationView,
  Page,
  PersonView,
  RegistrationView,
  RevokeInvitation,
} from '@cirkel/contracts';
import { TEST_PASSWORD, uniqueEmail } from './partners-factories';
import { PartnersTestApp } from './partners-test-app';

let sut: PartnersTestApp;
let genk: HubView;
let org: { registration: RegistrationView; identity: IdentityView };

beforeAll(async () => {
  sut = await PartnersTestApp.start({ PUBLIC_URL: 'https://cirkel.example/' });
  genk = await sut.hub();
  org = await sut.register(genk, { name: 'Kringloopcentrum' });
  // A pending organisation invites no one: the hub approves it first.
  await sut.send(ApproveOrganisation, { organisationId: org.registration.organisation.id }, { caller: (await sut.staff(genk, ['hub_admin'])).caller });
});

afterAll(() => sut?.stop());

const organisationId = () => org.registration.organisation.id;

function invite(email: string = uniqueEmail('invitee'), role: 'member' | 'org_admin' = 'member') {
  return sut.invite(org.identity.caller, organisationId(), email, role);
}

const acceptance = (token: string) => ({ token, name: 'Nieuwe Collega', password: TEST_PASSWORD, language: 'en' });

describe('invite-member', () => {
  it("e-mails the address a link with a 32-byte token, answers the org admin without it, and keeps only the token's SHA-256", async () => {
    const email = uniqueEmail('invitee');
    const invitation = await invite(email.toUpperCase());
    expect(invitation).toMatchObject({ organisationId: organisationId(), email, role: 'member', status: 'pending' });
    const [delivery] = await sut.query<{ kind: string; to_address: string }>('SELECT kind, to_address FROM email_delivery WHERE about_id = $1', [invitation.id]);
    expect(delivery).toEqual({ kind: 'invitation', to_address: email });
    expect(invitation.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(invitation.link).toBe(`https://cirkel.example/invitations/${invitation.token}`);
    const days = (Date.parse(invitation.expiresAt) - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(6.99);
    expect(days).toBeLessThanOrEqual(7);

    const [row] = await sut.query<{ token_hash: string; created_by: string; hub_id: string }>('SELECT token_hash, created_by, hub_id FROM invitation WHERE id = $1', [invitation.id]);
    expect(row).toEqual({ token_hash: createHash('sha256').update(invitation.token).digest('hex'), created_by: org.registration.person.id, hub_id: genk.id });
    expect(await sut.count('invitation', 'token_hash = $1', [invitation.token])).toBe(0);
  });

  it('e-mails an address once per five minutes: invited again within them, the pending invitation is the answer', async () => {
    const email = uniqueEmail('invitee');
    const first = await invite(email);
    for (let i = 0; i < 3; i += 1) expect(await sut.send<InvitationView>(InviteMember, { organisationId: organisationId(), email: email.toUpperCase(), role: 'member' }, { caller: org.identity.caller })).toMatchObject({ id: first.id, status: 'pending' });
    expect(await sut.count('invitation', 'email = $1', [email])).toBe(1);
    expect(await sut.count('email_delivery', 'to_address = $1', [email])).toBe(1);
    // five minutes later, a new invitation and e-mail
    await sut.query(`UPDATE invitation SET created_at = created_at - interval '5 minutes 1 second' WHERE email = $1`, [email]);
    expect((await invite(email)).id).not.toBe(first.id);
    expect(await sut.count('email_delivery', 'to_address = $1', [email])).toBe(2);
  });

  it('is for the organisation’s org admins only', async () => {
    const admin = await sut.staff(genk, ['hub_admin']);
    const asAdmin = await sut.problem(InviteMember, { organisationId: organisationId(), email: uniqueEmail(), role: 'member' }, { caller: admin.caller });
    expect(asAdmin).toMatchObject({ type: 'forbidden', status: 403 });
    // Someone of another organisation sees this active one, but may not invite to it.
    const outsider = await sut.register(genk);
    const asOutsider = await sut.problem(InviteMember, { organisationId: organisationId(), email: uniqueEmail(), role: 'member' }, { caller: outsider.identity.caller });
    expect(asOutsider).toMatchObject({ type: 'forbidden', status: 403 });
    expect(await sut.count('invitation', 'created_by = ANY($1::uuid[])', [[admin.caller.personId, outsider.identity.caller.personId]])).toBe(0);
  });

  it('answers the same for an address that has an account (nothing to learn), and tells its owner without a link', async () => {
    const existing = org.registration.person.email;
    const answer = await sut.send<InvitationView>(InviteMember, { organisationId: organisationId(), email: existing, role: 'member' }, { caller: org.identity.caller });
    const fresh = await sut.send<InvitationView>(InviteMember, { organisationId: organisationId(), email: uniqueEmail(), role: 'member' }, { caller: org.identity.caller });
    expect(Object.keys(answer).sort()).toEqual(Object.keys(fresh).sort());
    expect(answer).toMatchObject({ email: existing, status: 'pending' });
    const [delivery] = await sut.query<{ kind: string; link: string | null }>('SELECT kind, link FROM email_delivery WHERE about_id = $1', [answer.id]);
    expect(delivery).toEqual({ kind: 'invitation-for-existing-account', link: null });
  });

  it("is written in the inviter's language (their request's), or in the invitee's own when the address is a person's already", async () => {
    const languageOf = async (invitation: InvitationView) => (await sut.query<{ language: string }>('SELECT language FROM email_delivery WHERE about_id = $1', [invitation.id]))[0]?.language;
    const asked = (email: string, language?: 'nl' | 'en') => sut.send<InvitationView>(InviteMember, { organisationId: organisationId(), email, role: 'member' }, { caller: org.identity.caller, language });
    expect(await languageOf(await asked(uniqueEmail('english'), 'en'))).toBe('en');
    expect(await languageOf(await asked(uniqueEmail('dutch'), 'nl'))).toBe('nl');
    expect(await languageOf(await asked(uniqueEmail('unsaid')))).toBe('nl'); // a request that names none: Dutch
    // A person who chose English is written to in English, whatever the inviter reads.
    const email = uniqueEmail('colleague');
    const colleague = await sut.staff(genk, ['mentor'], email);
    await sut.send(ChangeLanguage, { language: 'en' }, { caller: colleague.caller });
    expect(await languageOf(await asked(email, 'nl'))).toBe('en');
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
    await sut.register(genk, { email }); // an organisation of their own, meanwhile
    expect(await sut.problem(AcceptInvitation, acceptance(invitation.token))).toMatchObject({ type: 'email-taken', status: 409 });
  });

  it('lets the same token through only once when two acceptances race', async () => {
    const invitation = await invite();
    const results = await Promise.allSettled([sut.send(AcceptInvitation, acceptance(invitation.token)), sut.send(AcceptInvitation, acceptance(invitation.token))]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect(results.find((r) => r.status === 'rejected')).toMatchObject({ reason: { type: 'invitation-used' } });
  });
});

describe('invitations of a pending organisation', () => {
  it('refuses them: until the hub approves it, an organisation brings in no one', async () => {
    const pending = await sut.register(genk);
    const problem = await sut.problem(InviteMember, { organisationId: pending.registration.organisation.id, email: uniqueEmail(), role: 'member' }, { caller: pending.identity.caller });
    expect(problem).toMatchObject({ type: 'organisation-not-active', status: 409 });
    expect(await sut.count('invitation', 'organisation_id = $1', [pending.registration.organisation.id])).toBe(0);
  });
});

describe('list-invitations and revoke-invitation', () => {
  let own: { registration: RegistrationView; identity: IdentityView };
  const ownId = () => own.registration.organisation.id;
  const list = (data: Record<string, unknown> = {}, caller = own.identity.caller) => sut.send<Page<InvitationView>>(ListInvitations, { organisationId: ownId(), ...data }, { caller });

  beforeAll(async () => {
    own = await sut.register(genk, { name: 'Repair Café Zwartberg' });
    await sut.send(ApproveOrganisation, { organisationId: ownId() }, { caller: (await sut.staff(genk, ['hub_admin'])).caller });
  });

  const inviteToOwn = (email = uniqueEmail('asked')) => sut.invite(own.identity.caller, ownId(), email);

  it('lists the organisation’s invitations newest first, with their status and without their tokens, by page and by status', async () => {
    const [first, second, third] = [await inviteToOwn(), await inviteToOwn(), await inviteToOwn()];
    await sut.send(AcceptInvitation, acceptance(first.token));
    await sut.send(RevokeInvitation, { organisationId: ownId(), invitationId: second.id }, { caller: own.identity.caller });

    const page1 = await list({ limit: 2 });
    expect(page1.items.map((i) => [i.id, i.status])).toEqual([
      [third.id, 'pending'],
      [second.id, 'revoked'],
    ]);
    expect(JSON.stringify(page1)).not.toContain(third.token);
    const page2 = await list({ limit: 2, cursor: page1.nextCursor });
    expect(page2).toMatchObject({ items: [{ id: first.id, status: 'accepted', acceptedAt: expect.any(String), revokedAt: null }], nextCursor: null });
    expect((await list({ status: 'revoked' })).items.map((i) => i.id)).toEqual([second.id]);

    await sut.query(`UPDATE invitation SET expires_at = now() - interval '1 second' WHERE id = $1`, [third.id]);
    expect((await list({ status: 'expired' })).items.map((i) => i.id)).toEqual([third.id]);
    expect((await list({ status: 'pending' })).items).toEqual([]);
  });

  it('makes a revoked link refuse its acceptance, and revoking again changes nothing', async () => {
    const invitation = await inviteToOwn();
    const revoked = await sut.send<InvitationView>(RevokeInvitation, { organisationId: ownId(), invitationId: invitation.id }, { caller: own.identity.caller });
    expect(revoked).toMatchObject({ id: invitation.id, status: 'revoked', revokedAt: expect.any(String) });
    expect(await sut.problem(AcceptInvitation, acceptance(invitation.token))).toMatchObject({ type: 'invitation-revoked', status: 410 });
    const again = await sut.send<InvitationView>(RevokeInvitation, { organisationId: ownId(), invitationId: invitation.id }, { caller: own.identity.caller });
    expect(again.revokedAt).toBe(revoked.revokedAt);
    expect(await sut.count('person', 'email = $1', [invitation.email])).toBe(0);
  });

  it('refuses to revoke an accepted invitation, or one of another organisation', async () => {
    const accepted = await inviteToOwn();
    await sut.send(AcceptInvitation, acceptance(accepted.token));
    expect(await sut.problem(RevokeInvitation, { organisationId: ownId(), invitationId: accepted.id }, { caller: own.identity.caller })).toMatchObject({ type: 'invitation-used', status: 409 });
    const theirs = await invite();
    expect(await sut.problem(RevokeInvitation, { organisationId: ownId(), invitationId: theirs.id }, { caller: own.identity.caller })).toMatchObject({ type: 'invitation-not-found', status: 404 });
    expect(await sut.count('invitation', 'id = $1 AND revoked_at IS NOT NULL', [theirs.id])).toBe(0);
  });

  it('is for the organisation’s org admins only: not its members, not hub admins, not other organisations', async () => {
    const invitation = await inviteToOwn();
    const member = await sut.send<PersonView>(AcceptInvitation, acceptance(invitation.token));
    const asMember = (await sut.login(member.email)).caller;
    const hubAdmin = (await sut.staff(genk, ['hub_admin'])).caller;
    const otherOrgAdmin = org.identity.caller;
    const target = await inviteToOwn();
    for (const caller of [asMember, hubAdmin, otherOrgAdmin]) {
      expect(await sut.problem(ListInvitations, { organisationId: ownId() }, { caller })).toMatchObject({ type: 'forbidden', status: 403 });
      expect(await sut.problem(RevokeInvitation, { organisationId: ownId(), invitationId: target.id }, { caller })).toMatchObject({ type: 'forbidden', status: 403 });
    }
    expect(await sut.count('invitation', 'id = $1 AND revoked_at IS NOT NULL', [target.id])).toBe(0);
  });
});
