import { Injectable } from '@nestjs/common';
import { Caller, Forbidden, HubRole, OrganisationRole, RequestOf, Unauthenticated } from '@cirkel/contracts';
import { hasHubRole, roleIn } from './caller-rules';
import { RoleDirectory } from './role-directory';

type AnyRequest = Pick<RequestOf<unknown>, 'caller' | 'hubId'>;

/**
 * The guards of a service's request handlers. Each answers the caller with the roles they hold
 * now, from the service's own directory, never the roles written in the token (a role taken away
 * counts at once, not when the token expires).
 */
@Injectable()
export class Access {
  constructor(private readonly directory: RoleDirectory) {}

  /** A logged-in caller of the hub the request is about, with fresh roles. */
  async requireCaller(request: AnyRequest): Promise<Caller> {
    const { caller } = request;
    if (!caller) throw new Unauthenticated();
    if (request.hubId && request.hubId !== caller.hubId) throw new Forbidden("The request names another hub than the caller's.");
    const held = await this.directory.rolesOf(caller.hubId, caller.personId);
    if (!held) throw new Unauthenticated('This account no longer exists.');
    return { personId: caller.personId, hubId: caller.hubId, hubRoles: held.hubRoles, memberships: held.memberships };
  }

  /** A caller who holds at least one of `roles` in the hub now. */
  async requireHubRole(request: AnyRequest, ...roles: HubRole[]): Promise<Caller> {
    const caller = await this.requireCaller(request);
    if (!hasHubRole(caller, ...roles)) throw new Forbidden(`Only a ${roles.join(' or ')} may do this.`);
    return caller;
  }

  /** A caller who is a member of the organisation now (with `role`, when given). */
  async requireMembership(request: AnyRequest, organisationId: string, role?: OrganisationRole): Promise<Caller> {
    const caller = await this.requireCaller(request);
    const held = roleIn(caller, organisationId);
    if (!held || (role && held !== role)) throw new Forbidden(role ? `Only the organisation's ${role}s may do this.` : "Only the organisation's members may do this.");
    return caller;
  }
}
