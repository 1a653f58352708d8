import { ApproveOrganisation, HubView, IdentityView, ListOrganisations, OrganisationView, Page, UpdateOrganisation } from '@cirkel/contracts';
import { PartnersTestApp } from './partners-test-app';

let sut: PartnersTestApp;
let hub: HubView;
let admin: IdentityView;
let pendingOwner: IdentityView;

/** The organisations of a hub of their own, so that every list below is known exactly. */
const ORGANISATIONS = [
  { name: 'Zorgboerderij De Hoeve', type: 'social', workDomains: ['care', 'green'], active: true },
  { name: 'appelsap 100%', type: 'citizen', workDomains: ['green'], active: true },
  { name: 'Buurtfietsen', type: 'citizen', workDomains: ['mobility'], active: false },
  { name: 'Circulair Bouwen', type: 'regular', workDomains: ['industry'], active: true },
  { name: 'De Groene Keuken', type: 'social', workDomains: ['hospitality', 'green'], active: true },
  { name: 'Groenploeg Oost', type: 'social', workDomains: ['green'], active: false },
  { name: 'Hogeschool PXL', type: 'knowledge', workDomains: ['mentoring'], active: true },
  { name: 'Mobiliteitslab', type: 'startup', workDomains: ['mobility', 'industry'], active: true },
] as const;

beforeAll(async () => {
  sut = await PartnersTestApp.start();
  hub = await sut.hub('lijst', 'Lijst');
  admin = await sut.staff(hub, ['hub_admin']);
  for (const o of ORGANISATIONS) {
    const { registration, identity } = await sut.register(hub, { name: o.name, type: o.type, workDomains: [...o.workDomains] });
    if (o.active) await sut.send(ApproveOrganisation, { organisationId: registration.organisation.id }, { caller: admin.caller });
    if (o.name === 'Buurtfietsen') pendingOwner = identity;
  }
  // Another hub's organisation never shows.
  const other = await sut.hub('elders', 'Elders');
  const otherAdmin = await sut.staff(other, ['hub_admin']);
  const { registration } = await sut.register(other, { name: 'Andere Hub Fietsen', type: 'citizen', workDomains: ['mobility'] });
  await sut.send(ApproveOrganisation, { organisationId: registration.organisation.id }, { caller: otherAdmin.caller });
}, 60_000);

afterAll(() => sut?.stop());

async function all(caller: IdentityView, query: Record<string, unknown>): Promise<{ names: string[]; pages: number }> {
  const names: string[] = [];
  let cursor: string | null = null;
  let pages = 0;
  do {
    const page: Page<OrganisationView> = await sut.send(ListOrganisations, { ...query, ...(cursor ? { cursor } : {}) }, { caller: caller.caller });
    names.push(...page.items.map((o) => o.name));
    cursor = page.nextCursor;
    pages += 1;
  } while (cursor && pages < 20);
  return { names, pages };
}

const sorted = (names: readonly string[]) => [...names].sort();

describe('list-organisations', () => {
  it('pages through every organisation of the hub for a hub admin, by name, without gaps or repeats', async () => {
    const { names, pages } = await all(admin, { limit: 3 });
    expect(names).toEqual(sorted(ORGANISATIONS.map((o) => o.name)));
    expect(pages).toBe(3);
  });

  it('ends with a null cursor on the last page', async () => {
    const page = await sut.send<Page<OrganisationView>>(ListOrganisations, { limit: 100 }, { caller: admin.caller });
    expect(page.items).toHaveLength(ORGANISATIONS.length);
    expect(page.nextCursor).toBeNull();
  });

  it('shows someone else only the active organisations plus their own pending one', async () => {
    const { names } = await all(pendingOwner, { limit: 2 });
    const expected = ORGANISATIONS.filter((o) => o.active || o.name === 'Buurtfietsen').map((o) => o.name);
    expect(names).toEqual(sorted(expected));
    expect(names).not.toContain('Groenploeg Oost');
  });

  it('filters by type, work domain, status and part of the name (case-insensitive, wildcards as text)', async () => {
    expect((await all(admin, { type: 'social' })).names).toEqual(['De Groene Keuken', 'Groenploeg Oost', 'Zorgboerderij De Hoeve']);
    expect((await all(admin, { workDomain: 'mobility' })).names).toEqual(['Buurtfietsen', 'Mobiliteitslab']);
    expect((await all(admin, { status: 'pending' })).names).toEqual(['Buurtfietsen', 'Groenploeg Oost']);
    expect((await all(admin, { q: 'GROEN' })).names).toEqual(['De Groene Keuken', 'Groenploeg Oost']);
    expect((await all(admin, { q: '%' })).names).toEqual(['appelsap 100%']);
    expect((await all(admin, { type: 'social', workDomain: 'green', status: 'active', limit: 1 })).names).toEqual(['De Groene Keuken', 'Zorgboerderij De Hoeve']);
    expect((await all(pendingOwner, { status: 'pending' })).names).toEqual(['Buurtfietsen']);
  });

  it('lists only the organisations with a proposed change waiting (a hub admin: all of the hub; anyone else: their own), or only those without', async () => {
    const own = await sut.hub('wijziging', 'Wijziging');
    const boss = await sut.staff(own, ['hub_admin']);
    const owners = new Map<string, IdentityView>();
    for (const name of ['Atelier X', 'Bakkerij Y', 'Coöperatie Z']) {
      const { registration, identity } = await sut.register(own, { name, type: 'citizen', workDomains: ['green'] });
      await sut.send(ApproveOrganisation, { organisationId: registration.organisation.id }, { caller: boss.caller });
      owners.set(name, identity);
      if (name !== 'Coöperatie Z') await sut.send(UpdateOrganisation, { organisationId: registration.organisation.id, changes: { name: `${name} vzw` } }, { caller: identity.caller });
    }
    expect((await all(boss, { changeProposed: 'true', limit: 1 })).names).toEqual(['Atelier X', 'Bakkerij Y']);
    expect((await all(boss, { changeProposed: 'false' })).names).toEqual(['Coöperatie Z']);
    expect((await all(boss, {})).names).toHaveLength(3);
    // Another organisation's proposed change is not X's to know: it is listed among those without one.
    expect((await all(owners.get('Atelier X')!, { changeProposed: 'true' })).names).toEqual(['Atelier X']);
    expect((await all(owners.get('Atelier X')!, { changeProposed: 'false' })).names).toEqual(['Bakkerij Y', 'Coöperatie Z']);
    expect(await sut.problem(ListOrganisations, { changeProposed: 'yes' }, { caller: boss.caller })).toMatchObject({ type: 'validation-failed', errors: [{ field: 'changeProposed' }] });
  });

  it('refuses a cursor it did not hand out, and an unknown filter', async () => {
    for (const cursor of ['not-a-cursor', Buffer.from('["a","b"]').toString('base64url'), 'a$b']) {
      expect(await sut.problem(ListOrganisations, { cursor }, { caller: admin.caller })).toMatchObject({ type: 'validation-failed', errors: [{ field: 'cursor' }] });
    }
    expect(await sut.problem(ListOrganisations, { colour: 'green' }, { caller: admin.caller })).toMatchObject({ type: 'validation-failed' });
  });

  it('refuses an anonymous caller', async () => {
    expect(await sut.problem(ListOrganisations, {}, { hubId: hub.id })).toMatchObject({ type: 'unauthenticated', status: 401 });
  });
});
