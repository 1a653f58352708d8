import {
  ApproveOrganisation,
  ApproveOrganisationChange,
  DiscardOrganisationChange,
  GetOrganisation,
  HubView,
  IdentityView,
  OrganisationView,
  PublishCharter,
  SignCharter,
  UpdateOrganisation,
} from '@cirkel/contracts';
import { enterpriseNumber as validNumber } from './partners-factories';
import { PartnersTestApp } from './partners-test-app';

/**
 * Issue 7, pending organisations: the hub approved an organisation under its name and enterprise
 * number, so its org admin's new name or number waits for a hub admin (kept as its proposed
 * change) instead of taking effect at once; and who signed its charter, like what waits, is shown
 * only to its own members and hub admins. Before, the rename took effect at once and every
 * signed-in caller saw the signer's person id.
 */
let sut: PartnersTestApp;
let genk: HubView;
let admin: IdentityView;
let owner: IdentityView;
let outsider: IdentityView;
let organisationId: string;
/** A valid enterprise number no other test uses. */
const enterpriseNumber = () => validNumber(`0${String(Math.floor(Math.random() * 1e7)).padStart(7, '0')}`);

beforeAll(async () => {
  sut = await PartnersTestApp.start();
  genk = await sut.hub();
  admin = await sut.staff(genk, ['hub_admin']);
  const org = await sut.register(genk, { name: 'Herstelplaats' });
  owner = org.identity;
  organisationId = org.registration.organisation.id;
  await sut.send(ApproveOrganisation, { organisationId }, { caller: admin.caller });
  outsider = (await sut.register(genk, { name: 'Buren' })).identity;
});

afterAll(() => sut?.stop());

const updatedEvents = () => sut.query<{ name: string }>(`SELECT envelope->'data'->>'name' AS name FROM outbox WHERE subject = 'partners.organisation-updated' AND envelope->'data'->>'organisationId' = $1 ORDER BY seq`, [organisationId]);

it("keeps an org admin's new name and enterprise number of an active organisation for a hub admin, and applies the rest at once", async () => {
  const number = enterpriseNumber();
  const view = await sut.send<OrganisationView>(UpdateOrganisation, { organisationId, changes: { name: 'Gemeente Genk', enterpriseNumber: number, workDomains: ['care', 'mentoring'] } }, { caller: owner.caller });
  expect(view).toMatchObject({ name: 'Herstelplaats', enterpriseNumber: null, workDomains: ['care', 'mentoring'], proposedChange: { name: 'Gemeente Genk', enterpriseNumber: number, proposedAt: expect.any(String) } });
  expect(await updatedEvents()).toEqual([{ name: 'Herstelplaats' }]); // the work domains, under the old name
  // the hub admins are told that it waits for them
  const proposals = await sut.query<{ data: unknown }>(`SELECT envelope->'data' AS data FROM outbox WHERE subject = 'partners.organisation-change-proposed' AND envelope->'data'->>'organisationId' = $1`, [organisationId]);
  expect(proposals).toEqual([{ data: { organisationId, name: 'Herstelplaats', proposedName: 'Gemeente Genk', proposedEnterpriseNumber: number, proposedBy: owner.caller.personId } }]);
  // others see the organisation as approved, and nothing of what waits
  expect((await sut.send<OrganisationView>(GetOrganisation, { organisationId }, { caller: outsider.caller })).proposedChange).toBeNull();
  expect((await sut.send<OrganisationView>(GetOrganisation, { organisationId }, { caller: admin.caller })).proposedChange).toMatchObject({ name: 'Gemeente Genk' });

  // only a hub admin approves it; then it takes effect, with its event
  expect(await sut.problem(ApproveOrganisationChange, { organisationId }, { caller: owner.caller })).toMatchObject({ status: 403 });
  const approved = await sut.send<OrganisationView>(ApproveOrganisationChange, { organisationId }, { caller: admin.caller });
  expect(approved).toMatchObject({ name: 'Gemeente Genk', enterpriseNumber: number, proposedChange: null });
  expect(await updatedEvents()).toEqual([{ name: 'Herstelplaats' }, { name: 'Gemeente Genk' }]);
  expect(await sut.problem(ApproveOrganisationChange, { organisationId }, { caller: admin.caller })).toMatchObject({ status: 409, type: 'no-proposed-change' });
});

it('lets the org admin withdraw, or a hub admin turn down, a proposed change; a hub admin renames at once', async () => {
  await sut.send(UpdateOrganisation, { organisationId, changes: { name: 'Stad Genk' } }, { caller: owner.caller });
  expect(await sut.problem(DiscardOrganisationChange, { organisationId }, { caller: outsider.caller })).toMatchObject({ status: 403 });
  const withdrawn = await sut.send<OrganisationView>(DiscardOrganisationChange, { organisationId }, { caller: owner.caller });
  expect(withdrawn).toMatchObject({ name: 'Gemeente Genk', proposedChange: null });
  await sut.send(UpdateOrganisation, { organisationId, changes: { name: 'Stad Genk' } }, { caller: owner.caller });
  expect(await sut.send<OrganisationView>(DiscardOrganisationChange, { organisationId }, { caller: admin.caller })).toMatchObject({ name: 'Gemeente Genk', proposedChange: null });

  const renamed = await sut.send<OrganisationView>(UpdateOrganisation, { organisationId, changes: { name: 'Herstelplaats Genk' } }, { caller: admin.caller });
  expect(renamed).toMatchObject({ name: 'Herstelplaats Genk', proposedChange: null });
});

it("refuses a proposed enterprise number another organisation holds, at once", async () => {
  const other = await sut.register(genk, { name: 'Ander', enterpriseNumber: enterpriseNumber() });
  const taken = other.registration.organisation.enterpriseNumber;
  expect(await sut.problem(UpdateOrganisation, { organisationId, changes: { enterpriseNumber: taken } }, { caller: owner.caller })).toMatchObject({ status: 409, type: 'enterprise-number-taken' });
});

it("shows who signed the charter to the organisation's members and hub admins only", async () => {
  await sut.send(PublishCharter, { text: { nl: 'Intentieverklaring: samen circulair ondernemen.', en: 'Declaration of intent: circular together.' } }, { caller: admin.caller });
  await sut.send(SignCharter, { organisationId, version: 1 }, { caller: owner.caller });
  const signer = owner.caller.personId;
  expect((await sut.send<OrganisationView>(GetOrganisation, { organisationId }, { caller: owner.caller })).charter).toMatchObject({ version: 1, signedBy: signer });
  expect((await sut.send<OrganisationView>(GetOrganisation, { organisationId }, { caller: admin.caller })).charter).toMatchObject({ signedBy: signer });
  expect((await sut.send<OrganisationView>(GetOrganisation, { organisationId }, { caller: outsider.caller })).charter).toEqual({ version: 1, signedAt: expect.any(String), signedBy: null });
});
