import { Caller, OrganisationRole } from '@cirkel/contracts';
import { Cause } from '@cirkel/messaging';

/**
 * The person a request acts for, with the roles they hold now, read from the database: the same
 * shape as the token's `Caller`, but never stale (a role taken away counts at once).
 */
export type Principal = Caller;

export function isHubAdmin(principal: Principal | null): boolean {
  return principal?.hubRoles.includes('hub_admin') ?? false;
}

export function roleIn(principal: Principal | null, organisationId: string): OrganisationRole | null {
  return principal?.memberships.find((m) => m.organisationId === organisationId)?.role ?? null;
}

export function isMemberOf(principal: Principal | null, organisationId: string): boolean {
  return roleIn(principal, organisationId) !== null;
}

/** The message context of a change a person makes within a request. */
export function personCause(personId: string, correlationId: string): Cause {
  return { actor: { kind: 'person', personId }, correlationId, causationId: null };
}
