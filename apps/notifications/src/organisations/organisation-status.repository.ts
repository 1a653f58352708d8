import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { upsertNewest } from '@cirkel/persistence';
import { OrganisationStatusCopy } from './organisation-status.entity';

@Injectable()
export class OrganisationStatusRepository {
  async save(manager: EntityManager, row: OrganisationStatusCopy): Promise<void> {
    await upsertNewest(manager, OrganisationStatusCopy, row, { conflictColumns: ['organisationId'], versionColumn: 'version' });
  }

  /** The hub's active organisations, by id. */
  async activeIn(manager: EntityManager, hubId: string): Promise<string[]> {
    const rows = await manager.find(OrganisationStatusCopy, { where: { hubId, status: 'active' }, select: { organisationId: true } });
    return rows.map((r) => r.organisationId);
  }
}
