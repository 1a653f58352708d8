import {
  AcceptInvitation,
  CharterView,
  HubView,
  IdentityView,
  ListOrganisations,
  ListPeople,
  PublishCharter,
  RegisterOrganisation,
  UpdateOrganisation,
} from '@cirkel/contracts';
import { registrationInput } from './partners-factories';
import { PartnersTestApp } from './partners-test-app';

let sut: PartnersTestApp;
let hub: HubView;
let admin: IdentityView;
let organisationId: string;

beforeAll(async () => {
  sut = await PartnersTestApp.start();
  hub = await sut.hub('tekens', 'Tekens');
  admin = await sut.staff(hub, ['hub_admin']);
  organisationId = (await sut.register(hub)).registration.organisation.id;
}, 60_000);

afterAll(() => sut?.stop());

const NUL = '\u0000';
const cursorWith = (name: string) => Buffer.from(JSON.stringify([name, '01a21c6e-a510-7499-ac84-dfe8033281ce'])).toString('base64url');

/**
 * Postgres refuses NUL in text; partners answered such a request with a 500. Whoever sends it (the
 * gateway, or anything else on the bus), it is a 400 naming the field, and nothing is written.
 */
describe('partners: control characters in text', () => {
  it.each([
    ['NUL in a search', ListOrganisations, () => ({ q: `kring${NUL}` }), 'q'],
    ['NUL in an organisation name', RegisterOrganisation, () => ({ ...registrationInput(hub.slug), organisation: { name: `Kring${NUL}winkel`, type: 'social' } }), 'organisation.name'],
    ['NUL in a person name', RegisterOrganisation, () => ({ ...registrationInput(hub.slug), person: { ...registrationInput(hub.slug).person, name: `An${NUL}` } }), 'person.name'],
    ['NUL in a new organisation name', UpdateOrganisation, () => ({ organisationId, changes: { name: `Nieuw${NUL}` } }), 'changes.name'],
    ['a line break in a name (a forged log line)', UpdateOrganisation, () => ({ organisationId, changes: { name: 'Nieuw\nERROR hub admin deleted' } }), 'changes.name'],
    ['NUL in an accepting person name', AcceptInvitation, () => ({ token: 't'.repeat(43), name: `Jef${NUL}`, password: 'correct horse battery' }), 'name'],
    ['NUL in a charter text', PublishCharter, () => ({ text: { nl: `Wij werken samen aan een circulaire economie.${NUL}`, en: 'We work together on a circular economy.' } }), 'text.nl'],
  ])('refuses %s with 400 validation-failed', async (_, contract, data, field) => {
    const problem = await sut.problem(contract, data(), { caller: contract === RegisterOrganisation || contract === AcceptInvitation ? null : admin.caller, hubId: hub.id });
    expect(problem).toMatchObject({ status: 400, type: 'validation-failed', errors: [expect.objectContaining({ field })] });
  });

  it.each([
    ['organisations', ListOrganisations],
    ['people', ListPeople],
  ])('refuses a forged cursor of %s whose name holds NUL', async (_, contract) => {
    const problem = await sut.problem(contract, { cursor: cursorWith(`Kring${NUL}`) }, { caller: admin.caller });
    expect(problem).toMatchObject({ status: 400, type: 'validation-failed', errors: [{ field: 'cursor' }] });
  });

  it('keeps line breaks in a charter', async () => {
    const text = { nl: 'Artikel 1.\nWij werken samen aan een circulaire economie.', en: 'Article 1.\nWe work together on a circular economy.' };
    const charter = await sut.send<CharterView>(PublishCharter, { text }, { caller: admin.caller });
    expect(charter.text).toEqual(text);
  });
});
