import { Caller, Forbidden, OrganisationStatus } from '@cirkel/contracts';
import { isHubAdmin, isMemberOf, roleIn } from '@cirkel/auth';
import { OrganisationNotFound } from './organisation.errors';

/** Who may see and change which organisation. Pure rules: the services feed them what they read. */

export interface OrganisationFacts {
  id: string;
  status: OrganisationStatus;
}

/** Active organisations are public within the hub; a pending one only to its members and the hub admins. */
export function canSeeOrganisation(caller: Caller | null, organisation: OrganisationFacts): boolean {
  return organisation.status === 'active' || isHubAdmin(caller) || isMemberOf(caller, organisation.id);
}

/** Members (names, e-mail addresses) are for the organisation's own members and the hub admins. */
export function canSeeMembers(caller: Caller | null, organisationId: string): boolean {
  return isHubAdmin(caller) || isMemberOf(caller, organisationId);
}

export function canUpdateOrganisation(caller: Caller | null, organisationId: string): boolean {
  return isHubAdmin(caller) || roleIn(caller, organisationId) === 'org_admin';
}

export function canInviteMembers(caller: Caller | null, organisationId: string): boolean {
  return roleIn(caller, organisationId) === 'org_admin';
}

/** Approving and rejecting registrations: hub admins. */
export function canApproveOrganisations(caller: Caller | null): boolean {
  return isHubAdmin(caller);
}

/** The invitations of an organisation (who was asked, revoking): its org admins. */
export function canManageInvitations(caller: Caller | null, organisationId: string): boolean {
  return roleIn(caller, organisationId) === 'org_admin';
}

/**
 * Throws unless the caller may act on the organisation: not found when they may not even see
 * it (so pending organisations cannot be probed), forbidden when they see it but may not act.
 */
export function authoriseOrganisationAction<T extends OrganisationFacts>(
  caller: Caller,
  organisation: T | null,
  may: (caller: Caller, organisationId: string) => boolean,
  refusal: string,
): asserts organisation is T {
  if (!organisation || !canSeeOrganisation(caller, organisation)) throw new OrganisationNotFound();
  if (!may(caller, organisation.id)) throw new Forbidden(refusal);
}
