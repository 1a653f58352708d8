import { Injectable } from '@nestjs/common';
import { RoleDirectory } from '@cirkel/auth';

/**
 * Who is a member of an organisation of a hub now: the role directory every service's access checks
 * read (coaching's copy of partners' roles, cached until the copy changes), asked per person and hub,
 * so a membership of another hub never counts.
 */
@Injectable()
export class OrganisationMembers {
  constructor(private readonly roles: RoleDirectory) {}

  /** Of `personIds`, those who are members of `organisationId` in `hubId` now. */
  async of(hubId: string, organisationId: string, personIds: readonly string[]): Promise<Set<string>> {
    const held = await Promise.all([...new Set(personIds)].map(async (personId) => ({ personId, roles: await this.roles.rolesOf(hubId, personId) })));
    return new Set(held.filter(({ roles }) => roles?.memberships.some((m) => m.organisationId === organisationId)).map(({ personId }) => personId));
  }
}
