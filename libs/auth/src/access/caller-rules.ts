import { Caller, HubRole, OrganisationRole } from '@cirkel/contracts';

/** Pure rules about who is asking; the services' own rules are built from these. */

export function hasHubRole(caller: Caller | null, ...roles: HubRole[]): boolean {
  return caller?.hubRoles.some((role) => roles.includes(role)) ?? false;
}

export function isHubAdmin(caller: Caller | null): boolean {
  return hasHubRole(caller, 'hub_admin');
}

/** The caller's role in an organisation, or null when they are not a member. */
export function roleIn(caller: Caller | null, organisationId: string): OrganisationRole | null {
  return caller?.memberships.find((m) => m.organisationId === organisationId)?.role ?? null;
}

export function isMemberOf(caller: Caller | null, organisationId: string): boolean {
  return roleIn(caller, organisationId) !== null;
}
