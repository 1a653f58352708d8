import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager, In } from 'typeorm';
import { HUB_ROLES, HubRole } from '@cirkel/contracts';
import { HubRoleGrant } from './hub-role-grant.entity';

@Injectable()
export class HubRoleRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** The hub roles of each person (an empty list for a person without any), in the order of HUB_ROLES. */
  async rolesOf(hubId: string, personIds: string[], manager: EntityManager = this.dataSource.manager): Promise<Map<string, HubRole[]>> {
    const roles = new Map<string, HubRole[]>(personIds.map((id) => [id, []]));
    if (personIds.length === 0) return roles;
    const grants = await manager.find(HubRoleGrant, { where: { hubId, personId: In(personIds) } });
    for (const grant of grants) roles.get(grant.personId)?.push(grant.role);
    for (const held of roles.values()) held.sort((a, b) => HUB_ROLES.indexOf(a) - HUB_ROLES.indexOf(b));
    return roles;
  }

  /** Replaces a person's hub roles by exactly `roles`. */
  async replace(hubId: string, personId: string, roles: HubRole[], manager: EntityManager): Promise<void> {
    await manager.delete(HubRoleGrant, { hubId, personId });
    if (roles.length === 0) return;
    const grantedAt = new Date();
    await manager.insert(
      HubRoleGrant,
      roles.map((role) => ({ hubId, personId, role, grantedAt })),
    );
  }

  countHolders(hubId: string, role: HubRole, manager: EntityManager = this.dataSource.manager): Promise<number> {
    return manager.countBy(HubRoleGrant, { hubId, role });
  }
}
