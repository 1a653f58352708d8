import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager, In, IsNull } from 'typeorm';
import { OrganisationRole } from '@cirkel/contracts';
import { upsertNewest } from '@cirkel/persistence';
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
      this.dataSource.manager.find(CopiedMembership, { where: { hubId, personId, endedAt: IsNull() }, order: { organisationId: 'ASC' } }),
    ]);
    return {
      hubRoles: hub?.hubRoles ?? [],
      memberships: memberships.map(({ organisationId, role }) => ({ organisationId, role })),
    };
  }

  /**
   * Who holds a membership (not ended) of any of the hub's organisations given — in `role` if one is
   * named — by id: the other way round from `rolesOf`, for a service that tells an organisation's
   * members something (notifications). Read in the caller's transaction.
   */
  async membersOf(manager: EntityManager, hubId: string, organisationIds: readonly string[], role?: OrganisationRole): Promise<string[]> {
    if (organisationIds.length === 0) return [];
    const rows = await manager.find(CopiedMembership, {
      where: { hubId, organisationId: In([...organisationIds]), endedAt: IsNull(), ...(role ? { role } : {}) },
      select: { personId: true },
      order: { personId: 'ASC' },
    });
    return [...new Set(rows.map((r) => r.personId))];
  }

  async setHubRoles(manager: EntityManager, fact: CopiedHubRoles): Promise<void> {
    await upsertNewest(manager, CopiedHubRoles, fact, { conflictColumns: ['personId'], versionColumn: 'version' });
  }

  async setMembership(manager: EntityManager, fact: CopiedMembership): Promise<void> {
    await upsertNewest(manager, CopiedMembership, { ...fact, endedAt: null }, { conflictColumns: ['personId', 'organisationId'], versionColumn: 'version', updateColumns: ['role', 'asOf', 'endedAt'] });
  }

  /** A membership ended: kept, marked, with its version, so that an older member-joined arriving late changes nothing. */
  async endMembership(manager: EntityManager, fact: CopiedMembership): Promise<void> {
    await upsertNewest(manager, CopiedMembership, { ...fact, endedAt: fact.asOf }, { conflictColumns: ['personId', 'organisationId'], versionColumn: 'version', updateColumns: ['asOf', 'endedAt'] });
  }
}
