import { Caller, DomainError } from '@cirkel/contracts';
import {
  authoriseOrganisationAction,
  canApproveOrganisations,
  canInviteMembers,
  canSeeMembers,
  canSeeOrganisation,
  canUpdateOrganisation,
} from './organisation-access';

const ORG = '01a21c6e-0000-7000-8000-00000000000a';
const OTHER = '01a21c6e-0000-7000-8000-00000000000b';

function caller(overrides: Partial<Caller> = {}): Caller {
  return { personId: '01a21c6e-0000-7000-8000-000000000001', hubId: '01a21c6e-0000-7000-8000-0000000000ff', hubRoles: [], memberships: [], ...overrides };
}

const hubAdmin = caller({ hubRoles: ['hub_admin'] });
const orgAdmin = caller({ memberships: [{ organisationId: ORG, role: 'org_admin' }] });
const member = caller({ memberships: [{ organisationId: ORG, role: 'member' }] });
const adminElsewhere = caller({ memberships: [{ organisationId: OTHER, role: 'org_admin' }] });
const cityStaff = caller({ hubRoles: ['city_staff', 'mentor', 'job_coach'] });

describe('who may see an organisation', () => {
  it('an active one: everyone of the hub', () => {
    for (const p of [hubAdmin, orgAdmin, member, adminElsewhere, cityStaff, null]) expect(canSeeOrganisation(p, { id: ORG, status: 'active' })).toBe(true);
  });

  it('a pending one: its members and the hub admins only', () => {
    const pending = { id: ORG, status: 'pending' as const };
    expect([hubAdmin, orgAdmin, member].map((p) => canSeeOrganisation(p, pending))).toEqual([true, true, true]);
    expect([adminElsewhere, cityStaff, null].map((p) => canSeeOrganisation(p, pending))).toEqual([false, false, false]);
  });

  it('its members: its own members and the hub admins', () => {
    expect([hubAdmin, orgAdmin, member, adminElsewhere, cityStaff, null].map((p) => canSeeMembers(p, ORG))).toEqual([true, true, true, false, false, false]);
  });
});

describe('who may change an organisation', () => {
  it('update: its org admins and the hub admins, not a plain member nor another organisation’s admin', () => {
    expect([hubAdmin, orgAdmin, member, adminElsewhere, cityStaff].map((p) => canUpdateOrganisation(p, ORG))).toEqual([true, true, false, false, false]);
  });

  it('invite: its org admins only', () => {
    expect([hubAdmin, orgAdmin, member, adminElsewhere].map((p) => canInviteMembers(p, ORG))).toEqual([false, true, false, false]);
  });

  it('approve: hub admins only', () => {
    expect([hubAdmin, orgAdmin, cityStaff].map(canApproveOrganisations)).toEqual([true, false, false]);
  });
});

describe('authoriseOrganisationAction', () => {
  const typeOf = (p: Caller, organisation: { id: string; status: 'pending' | 'active' } | null): string | undefined => {
    try {
      authoriseOrganisationAction(p, organisation, canUpdateOrganisation, 'no');
      return undefined;
    } catch (error) {
      return (error as DomainError).type;
    }
  };

  it('answers not found for a missing organisation and for a pending one the caller cannot see', () => {
    expect(typeOf(orgAdmin, null)).toBe('organisation-not-found');
    expect(typeOf(adminElsewhere, { id: ORG, status: 'pending' })).toBe('organisation-not-found');
  });

  it('answers forbidden for one the caller sees but may not change, and lets the rest through', () => {
    expect(typeOf(adminElsewhere, { id: ORG, status: 'active' })).toBe('forbidden');
    expect(typeOf(member, { id: ORG, status: 'pending' })).toBe('forbidden');
    expect(typeOf(orgAdmin, { id: ORG, status: 'pending' })).toBeUndefined();
    expect(typeOf(hubAdmin, { id: ORG, status: 'active' })).toBeUndefined();
  });
});
