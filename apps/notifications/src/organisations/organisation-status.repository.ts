import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { upsertNewest } from '@cirkel/persistence';
import { OrganisationStatusCopy } from './organisation-status.entity';

@Injectable()
export class OrganisationStatusRepository {
  async save(manager: EntityManager, row: OrganisationStatusCopy): Promise<void> {
    await upsertNewest(manager, OrganisationStatusCopy, row, { conflictColumns: ['organisationId'], versionColumn: 'version' });
  }

  /** The org admins (memberships not ended) of the hub's active organisations. */
  async adminsOfActive(manager: EntityManager, hubId: string): Promise<string[]> {
    const rows: { person_id: string }[] = await manager.query(
      `SELECT DISTINCT m.person_id FROM copied_membership m JOIN organisation_status o ON o.organisation_id = m.organisation_id
        WHERE m.hub_id = $1 AND m.role = 'org_admin' AND m.ended_at IS NULL AND o.status = 'active' ORDER BY m.person_id`,
      [hubId],
    );
    return rows.map((r) => r.person_id);
  }
}
