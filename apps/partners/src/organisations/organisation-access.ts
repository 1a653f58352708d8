import { Forbidden, OrganisationStatus } from '@cirkel/contracts';
import { isHubAdmin, isMemberOf, Principal, roleIn } from '../common/principal';
import { OrganisationNotFound } from './organisation.errors';

/** Who may see and change which organisation. Pure rules: the services feed them what they read. */

export interface OrganisationFacts {
  id: string;
  status: OrganisationStatus;
}

/** Active organisations are public within the hub; a pending one only to its members and the hub admins. */
export function canSeeOrganisation(principal: Principal | null, organisation: OrganisationFacts): boolean {
  return organisation.status === 'active' || isHubAdmin(principal) || isMemberOf(principal, organisation.id);
}

/** Members (names, e-mail addresses) are for the organisation's own members and the hub admins. */
export function canSeeMembers(principal: Principal | null, organisationId: string): boolean {
  return isHubAdmin(principal) || isMemberOf(principal, organisationId);
}

export function canUpdateOrganisation(principal: Principal | null, organisationId: string): boolean {
  return isHubAdmin(principal) || roleIn(principal, organisationId) === 'org_admin';
}

export function canInviteMembers(principal: Principal | null, organisationId: string): boolean {
  return roleIn(principal, organisationId) === 'org_admin';
}

export function canApproveOrganisations(principal: Principal | null): boolean {
  return isHubAdmin(principal);
}

/**
 * Throws unless the principal may act on the organisation: not found when they may not even see
 * it (so pending organisations cannot be probed), forbidden when they see it but may not act.
 */
export function authoriseOrganisationAction<T extends OrganisationFacts>(
  principal: Principal,
  organisation: T | null,
  may: (principal: Principal, organisationId: string) => boolean,
  refusal: string,
): asserts organisation is T {
  if (!organisation || !canSeeOrganisation(principal, organisation)) throw new OrganisationNotFound();
  if (!may(principal, organisation.id)) throw new Forbidden(refusal);
}
