import {
  ApproveOrganisation,
  CharterSignatureView,
  CharterView,
  GetCurrentCharter,
  GetOrganisation,
  HubView,
  IdentityView,
  OrganisationView,
  PublishCharter,
  RegistrationView,
  SignCharter,
} from '@cirkel/contracts';
import { PartnersTestApp } from './partners-test-app';

let sut: PartnersTestApp;
let genk: HubView;
let admin: IdentityView;

const text = (version: number) => ({ nl: `Intentieverklaring, versie ${version}: samen circulair ondernemen.`, en: `Declaration of intent, version ${version}: circular together.` });

beforeAll(async () => {
  sut = await PartnersTestApp.start();
  genk = await sut.hub();
  admin = await sut.staff(genk, ['hub_admin']);
});

afterAll(() => sut?.stop());

describe('charters', () => {
  let org: { registration: RegistrationView; identity: IdentityView };
  const organisationId = () => org.registration.organisation.id;

  beforeAll(async () => {
    org = await sut.register(genk, { name: 'Herstelplaats' });
  });

  it('has no current charter before the first is published', async () => {
    expect(await sut.problem(GetCurrentCharter, {}, { hubId: genk.id })).toMatchObject({ type: 'charter-not-found', status: 404 });
  });

  it('is published by hub admins only, numbered from 1, with an event', async () => {
    expect(await sut.problem(PublishCharter, { text: text(1) }, { caller: org.identity.caller })).toMatchObject({ type: 'forbidden', status: 403 });
    const v1 = await sut.send<CharterView>(PublishCharter, { text: text(1) }, { caller: admin.caller });
    expect(v1).toMatchObject({ hubId: genk.id, version: 1, text: text(1) });
    const [event] = await sut.query<{ envelope: { data: unknown } }>(`SELECT envelope FROM outbox WHERE subject = 'partners.charter-published'`);
    expect(event.envelope.data).toEqual({ charterId: v1.id, version: 1 });
  });

  it('is read by anyone: anonymously for the hub the envelope names, or the caller’s hub', async () => {
    expect(await sut.send<CharterView>(GetCurrentCharter, {}, { hubId: genk.id })).toMatchObject({ version: 1, text: text(1) });
    expect(await sut.send<CharterView>(GetCurrentCharter, {}, { caller: org.identity.caller })).toMatchObject({ version: 1 });
    expect(await sut.problem(GetCurrentCharter, {})).toMatchObject({ type: 'validation-failed', errors: [{ field: 'envelope.hubId' }] });
  });

  it('is not signed by a pending organisation', async () => {
    const problem = await sut.problem(SignCharter, { organisationId: organisationId(), version: 1 }, { caller: org.identity.caller });
    expect(problem).toMatchObject({ type: 'organisation-not-active', status: 409 });
  });

  it('is signed once, by an org admin of the active organisation, which then shows the signature', async () => {
    await sut.send(ApproveOrganisation, { organisationId: organisationId() }, { caller: admin.caller });
    // A hub admin is no org admin of it.
    expect(await sut.problem(SignCharter, { organisationId: organisationId(), version: 1 }, { caller: admin.caller })).toMatchObject({ type: 'forbidden' });

    const signature = await sut.send<CharterSignatureView>(SignCharter, { organisationId: organisationId(), version: 1 }, { caller: org.identity.caller });
    expect(signature).toMatchObject({ version: 1, signedBy: org.registration.person.id });
    const seen = await sut.send<OrganisationView>(GetOrganisation, { organisationId: organisationId() }, { caller: admin.caller });
    expect(seen.charter).toEqual(signature);
    const events = await sut.query<{ envelope: { data: unknown } }>(`SELECT envelope FROM outbox WHERE subject = 'partners.charter-signed'`);
    expect(events.map((e) => e.envelope.data)).toEqual([{ organisationId: organisationId(), version: 1, signedBy: org.registration.person.id }]);

    expect(await sut.problem(SignCharter, { organisationId: organisationId(), version: 1 }, { caller: org.identity.caller })).toMatchObject({
      type: 'charter-already-signed',
      status: 409,
    });
    expect(await sut.count('charter_signature', 'organisation_id = $1', [organisationId()])).toBe(1);
  });

  it('asks for a new signature when a new version is published, and refuses the old version', async () => {
    const v2 = await sut.send<CharterView>(PublishCharter, { text: text(2) }, { caller: admin.caller });
    expect(v2.version).toBe(2);
    const before = await sut.send<OrganisationView>(GetOrganisation, { organisationId: organisationId() }, { caller: org.identity.caller });
    expect(before.charter).toBeNull();

    expect(await sut.problem(SignCharter, { organisationId: organisationId(), version: 1 }, { caller: org.identity.caller })).toMatchObject({
      type: 'charter-version-not-current',
      status: 409,
    });
    expect(await sut.problem(SignCharter, { organisationId: organisationId(), version: 3 }, { caller: org.identity.caller })).toMatchObject({
      type: 'charter-version-not-current',
    });
    await sut.send(SignCharter, { organisationId: organisationId(), version: 2 }, { caller: org.identity.caller });
    const after = await sut.send<OrganisationView>(GetOrganisation, { organisationId: organisationId() }, { caller: org.identity.caller });
    expect(after.charter?.version).toBe(2);
  });

  it('is not signed for another organisation', async () => {
    const other = await sut.register(genk);
    await sut.send(ApproveOrganisation, { organisationId: other.registration.organisation.id }, { caller: admin.caller });
    const problem = await sut.problem(SignCharter, { organisationId: other.registration.organisation.id, version: 2 }, { caller: org.identity.caller });
    expect(problem).toMatchObject({ type: 'forbidden', status: 403 });
    expect(await sut.count('charter_signature', 'organisation_id = $1', [other.registration.organisation.id])).toBe(0);
  });

  it('numbers versions without gaps or doubles when two admins publish at once', async () => {
    const results = await Promise.all([3, 4, 5].map((n) => sut.send<CharterView>(PublishCharter, { text: text(n) }, { caller: admin.caller })));
    expect(results.map((c) => c.version).sort()).toEqual([3, 4, 5]);
    expect(await sut.count('charter', 'hub_id = $1', [genk.id])).toBe(5);
  });
});
