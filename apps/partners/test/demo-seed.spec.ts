import { GetCurrentCharter, CharterView, HubView, ListOrganisations, OrganisationView, Page, PersonView, ListPeople } from '@cirkel/contracts';
import { eventually, runSeed, TEST_DATABASE_URL } from '@cirkel/testing';
import { PartnersTestApp } from './partners-test-app';

let sut: PartnersTestApp;

/** The seed entry point (`apps/partners/src/seed.ts`) as its own process, as `npm start` runs it. */
const seed = () => runSeed('partners', { NODE_ENV: 'test', LOG_LEVEL: 'warn', CIRKEL_NAMESPACE: sut.namespace, DATABASE_URL: TEST_DATABASE_URL });

const TABLES = ['hub', 'person', 'organisation', 'membership', 'hub_role', 'charter', 'charter_signature', 'outbox'];

async function counts(app: PartnersTestApp): Promise<Record<string, number>> {
  const result: Record<string, number> = {};
  for (const table of TABLES) result[table] = await app.count(table);
  return result;
}

beforeAll(async () => {
  sut = await PartnersTestApp.start();
}, 60_000);

afterAll(() => sut?.stop());

describe('demo seed', () => {
  it('is not run by the service itself', async () => {
    expect(await sut.count('hub')).toBe(0);
    expect(await sut.count('outbox')).toBe(0);
  });

  it('refuses to seed a production system (its accounts share a public password)', async () => {
    await expect(runSeed('partners', { NODE_ENV: 'production', LOG_LEVEL: 'warn', CIRKEL_NAMESPACE: sut.namespace, DATABASE_URL: TEST_DATABASE_URL })).rejects.toThrow(
      /exited with 2:[\s\S]*demo seed refused: NODE_ENV=production/,
    );
    expect(await sut.count('hub')).toBe(0);
  });

  it('creates the hub, its staff and partners, charter v1 signed by the active Alternatief', async () => {
    await seed();
    const roles = async (email: string) => (await sut.login(email, 'cirkel-demo')).caller;
    const admin = await roles('admin@cirkel.test');
    expect(admin.hubRoles).toEqual(['hub_admin']);
    expect((await roles('city@cirkel.test')).hubRoles).toEqual(['city_staff']);
    expect((await roles('mentor@cirkel.test')).hubRoles).toEqual(['mentor']);
    const coach = await roles('coach@cirkel.test');
    expect(coach.hubRoles).toEqual(['job_coach']);
    const partner = await roles('partner@cirkel.test');
    expect(partner.memberships).toEqual([{ organisationId: expect.any(String), role: 'org_admin' }]);
    // The job coach works for Alternatief: its participants are theirs to record.
    expect(coach.memberships).toEqual([{ organisationId: partner.memberships[0].organisationId, role: 'member' }]);

    const [hub] = await sut.query<HubView>('SELECT id, slug, name FROM hub');
    expect(hub).toMatchObject({ slug: 'genk', name: 'Genk' });
    const charter = await sut.send<CharterView>(GetCurrentCharter, {}, { hubId: hub.id });
    expect(charter.version).toBe(1);
    expect(charter.text.nl).toContain('Intentieverklaring');
    expect(charter.text.en).toContain('Declaration of intent');

    const page = await sut.send<Page<OrganisationView>>(ListOrganisations, { limit: 100 }, { caller: admin });
    const byName = new Map(page.items.map((o) => [o.name, o]));
    expect(byName.get('Alternatief')).toMatchObject({ id: partner.memberships[0].organisationId, type: 'social', status: 'active', charter: { version: 1 } });
    for (const [name, type] of [
      ['Stad Genk', 'public'],
      ['OCMW Genk', 'public'],
      ['Zorgbedrijf Genk', 'public'],
      ['HiGenius', 'regular'],
      ['KRC Genk', 'regular'],
      ['KU Leuven', 'knowledge'],
      ['IN-Z', 'social'],
    ] as const) {
      expect(byName.get(name)).toMatchObject({ type, status: 'active' });
    }
    const types = page.items.map((o) => o.type);
    expect(types).toEqual(expect.arrayContaining(['startup', 'citizen']));
    expect(page.items.filter((o) => o.status === 'pending')).toHaveLength(1);
    for (const o of page.items) {
      expect(o.workDomains.length).toBeGreaterThan(0);
      expect(o.members?.filter((m) => m.role === 'org_admin')).toHaveLength(1);
    }

    const people = await sut.send<Page<PersonView>>(ListPeople, { role: 'hub_admin' }, { caller: admin });
    expect(people.items.map((p) => p.email)).toEqual(['admin@cirkel.test']);
    const published = await sut.query<{ subject: string; n: number }>('SELECT subject, count(*)::int AS n FROM outbox GROUP BY subject ORDER BY subject');
    expect(Object.fromEntries(published.map((r) => [r.subject, r.n]))).toMatchObject({
      'partners.roles-changed': 7, // the hub admin and six staff members (city, four mentors, the job coach)
      'partners.charter-published': 1,
      'partners.organisation-registered': page.items.length,
      'partners.member-joined': page.items.length + 1, // and the job coach's membership of Alternatief
      'partners.organisation-approved': page.items.length - 1,
    });
  }, 60_000);

  it('publishes its events through the outbox', async () => {
    expect(await sut.count('outbox')).toBeGreaterThan(20);
    await eventually(async () => expect(await sut.count('outbox', 'published_at IS NULL')).toBe(0));
  });

  it('creates nothing twice: neither when seeding again nor when two seeds run at once', async () => {
    const before = await counts(sut);
    await Promise.all([seed(), seed()]);
    expect(await counts(sut)).toEqual(before);
  }, 60_000);
});
