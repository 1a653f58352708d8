import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { upsertNewest } from '@cirkel/persistence';
import { KnownOrganisation } from './known-organisation.entity';

@Injectable()
export class KnownOrganisationRepository {
  /** Records what an event says of an organisation; an older event never overwrites a newer state. */
  async record(manager: EntityManager, organisation: KnownOrganisation): Promise<void> {
    await upsertNewest(manager, KnownOrganisation, organisation, {
      conflictColumns: ['id'],
      versionColumn: 'version',
      updateColumns: ['name', 'status', 'updatedAt'],
    });
  }
}
