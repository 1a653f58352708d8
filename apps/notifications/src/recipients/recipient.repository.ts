import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { HubRole } from '@cirkel/contracts';
import { upsertNewest } from '@cirkel/persistence';
import { Recipient } from './recipient.entity';

@Injectable()
export class RecipientRepository {
  /** Inserts or updates a recipient; an older fact never overwrites a newer one. */
  async upsert(manager: EntityManager, recipient: Recipient, columns: ('name' | 'language' | 'hubRoles')[]): Promise<void> {
    await upsertNewest(manager, Recipient, recipient, { conflictColumns: ['personId'], versionColumn: 'updatedAt', updateColumns: columns });
  }

  withHubRole(manager: EntityManager, hubId: string, role: HubRole): Promise<Recipient[]> {
    return manager
      .getRepository(Recipient)
      .createQueryBuilder('r')
      .where('r.hub_id = :hubId AND :role = ANY(r.hub_roles)', { hubId, role })
      .getMany();
  }
}
