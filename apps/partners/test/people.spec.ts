import { CachedRoleDirectory } from '@cirkel/auth';
import { ApproveOrganisation, HubView, IdentityView, ListPeople, Page, PersonView, SetHubRoles } from '@cirkel/contracts';
import { PartnersTestApp } from './partners-test-app';

let sut: PartnersTestApp;
let hub: HubView;
let admin: IdentityView;
let mentor: IdentityView;
let partner: { personId: string; organisationId: string; identity: IdentityView };

beforeAll(async () => {
  sut = await PartnersTestApp.start();
  hub = await sut.hub('mensen', 'Mensen');
  admin = await sut.staff(hub, ['hub_admin'], 'anna.admin@test.cirkel.example');
  mentor = await sut.staff(hub, ['mentor'], 'bert.mentor@test.cirkel.example');
  const { registration, identity } = await sut.register(hub, { personName: 'Carla Partner', email: 'carla@test.cirkel.example' });
  partner = { personId: registration.person.id, organisationId: registration.organisation.id, identity };
  // Someone of another hub never shows.
  const other = await sut.hub('elders', 'Elders');
  await sut.staff(other, ['mentor']);
});

afterAll(() => sut?.stop());

async function names(query: Record<string, unknown>): Promise<string[]> {
  const page = await sut.send<Page<PersonView>>(ListPeople, query, { caller: admin.caller });
  return page.items.map((p) => p.email);
}

describe('list-people', () => {
  it('is for hub admins only', async () => {
    for (const caller of [mentor.caller, partner.identity.caller]) {
      expect(await sut.problem(ListPeople, {}, { caller })).toMatchObject({ type: 'forbidden', status: 403 });
    }
  });

  it('lists the people of the hub with their roles and memberships, filtered by hub or organisation role', async () => {
    const page = await sut.send<Page<PersonView>>(ListPeople, {}, { caller: admin.caller });
    // By name: "Carla Partner", then the staff ("Staff anna…", "Staff bert…").
    expect(page.items.map((p) => p.email)).toEqual(['carla@test.cirkel.example', 'anna.admin@test.cirkel.example', 'bert.mentor@test.cirkel.example']);
    expect(page.items[0]).toMatchObject({ name: 'Carla Partner', hubRoles: [], memberships: [{ organisationId: partner.organisationId, role: 'org_admin' }] });
    expect(await names({ role: 'mentor' })).toEqual(['bert.mentor@test.cirkel.example']);
    expect(await names({ role: 'org_admin' })).toEqual(['carla@test.cirkel.example']);
    expect(await names({ role: 'job_coach' })).toEqual([]);
  });

  it('pages with a cursor', async () => {
    const first = await sut.send<Page<PersonView>>(ListPeople, { limit: 2 }, { caller: admin.caller });
    expect(first.items).toHaveLength(2);
    const second = await sut.send<Page<PersonView>>(ListPeople, { limit: 2, cursor: first.nextCursor }, { caller: admin.caller });
    expect([...first.items, ...second.items].map((p) => p.email)).toEqual([
      'carla@test.cirkel.example',
      'anna.admin@test.cirkel.example',
      'bert.mentor@test.cirkel.example',
    ]);
    expect(second.nextCursor).toBeNull();
  });
});

describe('set-hub-roles', () => {
  it('sets the full set of roles, with an event that carries the full set', async () => {
    const person = await sut.send<PersonView>(SetHubRoles, { personId: partner.personId, roles: ['job_coach', 'mentor'] }, { caller: admin.caller });
    expect(person.hubRoles).toEqual(['mentor', 'job_coach']);
    const again = await sut.send<PersonView>(SetHubRoles, { personId: partner.personId, roles: ['job_coach'] }, { caller: admin.caller });
    expect(again.hubRoles).toEqual(['job_coach']);
    const events = await sut.query<{ envelope: { data: unknown; actor: unknown } }>(
      `SELECT envelope FROM outbox WHERE subject = 'partners.roles-changed' AND envelope->'data'->>'personId' = $1 ORDER BY seq`,
      [partner.personId],
    );
    expect(events.map((e) => e.envelope)).toEqual([
      expect.objectContaining({ actor: { kind: 'person', personId: admin.caller.personId }, data: { personId: partner.personId, name: 'Carla Partner', language: 'nl', hubRoles: ['mentor', 'job_coach'] } }),
      expect.objectContaining({ data: expect.objectContaining({ hubRoles: ['job_coach'] }) }),
    ]);
    // The same set again changes nothing and publishes nothing.
    await sut.send(SetHubRoles, { personId: partner.personId, roles: ['job_coach'] }, { caller: admin.caller });
    expect(await sut.count('outbox', `subject = 'partners.roles-changed' AND envelope->'data'->>'personId' = $1`, [partner.personId])).toBe(2);
  });

  it('is for hub admins only, and for people of their hub', async () => {
    expect(await sut.problem(SetHubRoles, { personId: partner.personId, roles: ['hub_admin'] }, { caller: mentor.caller })).toMatchObject({ type: 'forbidden' });
    expect(await sut.problem(SetHubRoles, { personId: partner.personId, roles: ['hub_admin'] }, { caller: partner.identity.caller })).toMatchObject({ type: 'forbidden' });
    const [stranger] = await sut.query<{ id: string }>(`SELECT p.id FROM person p JOIN hub h ON h.id = p.hub_id WHERE h.slug = 'elders'`);
    expect(await sut.problem(SetHubRoles, { personId: stranger.id, roles: ['mentor'] }, { caller: admin.caller })).toMatchObject({ type: 'person-not-found', status: 404 });
    expect(await sut.problem(SetHubRoles, { personId: partner.personId, roles: ['mentor', 'mentor'] }, { caller: admin.caller })).toMatchObject({ type: 'validation-failed' });
  });

  it('never leaves the hub without a hub admin', async () => {
    expect(await sut.problem(SetHubRoles, { personId: admin.caller.personId, roles: ['mentor'] }, { caller: admin.caller })).toMatchObject({ type: 'last-hub-admin', status: 409 });
    expect(await sut.count('hub_role', `person_id = $1 AND role = 'hub_admin'`, [admin.caller.personId])).toBe(1);
  });

  it('counts the roles held now, not the ones in an older token — at once on the replica that changed them', async () => {
    const { registration } = await sut.register(hub);
    // The tables' notices are lost (late, on a loaded machine): the replica that made the change drops its kept roles itself.
    const notices = jest.spyOn(CachedRoleDirectory.prototype, 'changed').mockImplementation(() => undefined);
    try {
      // Mentor's token says mentor only; the mentor's roles are read (and kept) first; once made hub admin, the same token approves.
      expect(await sut.problem(ApproveOrganisation, { organisationId: registration.organisation.id }, { caller: mentor.caller })).toMatchObject({ type: 'forbidden' });
      await sut.send(SetHubRoles, { personId: mentor.caller.personId, roles: ['mentor', 'hub_admin'] }, { caller: admin.caller });
      const approved = await sut.send<{ status: string }>(ApproveOrganisation, { organisationId: registration.organisation.id }, { caller: mentor.caller });
      expect(approved.status).toBe('active');
      // And a token that still says hub admin no longer counts once the role is gone.
      const stale = (await sut.login('bert.mentor@test.cirkel.example')).caller;
      await sut.send(SetHubRoles, { personId: mentor.caller.personId, roles: ['mentor'] }, { caller: admin.caller });
      expect(stale.hubRoles).toContain('hub_admin');
      expect(await sut.problem(ListPeople, {}, { caller: stale })).toMatchObject({ type: 'forbidden' });
    } finally {
      notices.mockRestore();
    }
  });
});
