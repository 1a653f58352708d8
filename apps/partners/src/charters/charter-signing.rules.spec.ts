import { Caller, DomainError } from '@cirkel/contracts';
import { CharterSigningFacts, checkCharterSigning } from './charter-signing.rules';

const ORG = '01a21c6e-0000-7000-8000-00000000000a';

const orgAdmin: Caller = {
  personId: '01a21c6e-0000-7000-8000-000000000001',
  hubId: '01a21c6e-0000-7000-8000-0000000000ff',
  hubRoles: [],
  memberships: [{ organisationId: ORG, role: 'org_admin' }],
};

function facts(overrides: Partial<CharterSigningFacts> = {}): CharterSigningFacts {
  return { caller: orgAdmin, organisation: { id: ORG, status: 'active' }, currentVersion: 2, requestedVersion: 2, signedVersions: [1], ...overrides };
}

function refusal(f: CharterSigningFacts): string | undefined {
  try {
    checkCharterSigning(f);
    return undefined;
  } catch (error) {
    return (error as DomainError).type;
  }
}

describe('charter signing rules', () => {
  it('lets an org admin of an active organisation sign the current version it has not signed', () => {
    expect(refusal(facts())).toBeUndefined();
  });

  it('refuses a pending organisation', () => {
    expect(refusal(facts({ organisation: { id: ORG, status: 'pending' } }))).toBe('organisation-not-active');
  });

  it('refuses any version but the current one, older or newer', () => {
    expect(refusal(facts({ requestedVersion: 1 }))).toBe('charter-version-not-current');
    expect(refusal(facts({ requestedVersion: 3 }))).toBe('charter-version-not-current');
  });

  it('refuses a version signed already', () => {
    expect(refusal(facts({ signedVersions: [1, 2] }))).toBe('charter-already-signed');
  });

  it('refuses when the hub has no charter', () => {
    expect(refusal(facts({ currentVersion: null, requestedVersion: 1, signedVersions: [] }))).toBe('charter-not-found');
  });

  it('refuses a plain member, a hub admin who is no org admin of it, and anyone for an unknown organisation', () => {
    expect(refusal(facts({ caller: { ...orgAdmin, memberships: [{ organisationId: ORG, role: 'member' }] } }))).toBe('forbidden');
    expect(refusal(facts({ caller: { ...orgAdmin, hubRoles: ['hub_admin'], memberships: [] } }))).toBe('forbidden');
    expect(refusal(facts({ organisation: null }))).toBe('organisation-not-found');
  });

  it('checks who signs before what is signed: an outsider learns nothing about a pending organisation', () => {
    const outsider = { ...orgAdmin, memberships: [] };
    expect(refusal(facts({ caller: outsider, organisation: { id: ORG, status: 'pending' }, requestedVersion: 1 }))).toBe('organisation-not-found');
  });
});
