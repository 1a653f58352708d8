import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { HubRole, OrganisationRole } from '@cirkel/contracts';
import { HeldRoles } from '../access/role-directory';
import { CopiedHubRoles, CopiedMembership } from './role-copy.entities';

/** A service's copy of roles: written from partners' events (newest fact wins), read by its guards. */
@Injectable()
export class RoleCopyRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** What the copy knows of a person; a person it has heard nothing of holds no roles. */
  async rolesOf(hubId: string, personId: string): Promise<HeldRoles> {
    const [hub, memberships] = await Promise.all([
      this.dataSource.manager.findOneBy(CopiedHubRoles, { hubId, personId }),
      this.dataSource.manager.find(CopiedMembership, { where: { hubId, personId }, order: { organisationId: 'ASC' } }),
    ]);
    return {
      hubRoles: hub?.hubRoles ?? [],
      memberships: memberships.map(({ organisationId, role }) => ({ organisationId, role })),
    };
  }

  async setHubRoles(manager: EntityManager, fact: { hubId: string; personId: string; hubRoles: HubRole[]; asOf: Date }): Promise<void> {
    await manager.query(
      `INSERT INTO copied_hub_roles (person_id, hub_id, hub_roles, as_of) VALUES ($1, $2, $3, $4)
       ON CONFLICT (person_id) DO UPDATE SET hub_id = excluded.hub_id, hub_roles = excluded.hub_roles, as_of = excluded.as_of
       WHERE copied_hub_roles.as_of < excluded.as_of`,
      [fact.personId, fact.hubId, fact.hubRoles, fact.asOf],
    );
  }

  async setMembership(manager: EntityManager, fact: { hubId: string; personId: string; organisationId: string; role: OrganisationRole; asOf: Date }): Promise<void> {
    await manager.query(
      `INSERT INTO copied_membership (person_id, organisation_id, hub_id, role, as_of) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (person_id, organisation_id) DO UPDATE SET role = excluded.role, as_of = excluded.as_of
       WHERE copied_membership.as_of < excluded.as_of`,
      [fact.personId, fact.organisationId, fact.hubId, fact.role, fact.asOf],
    );
  }
}
