import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { HubRole } from '@cirkel/contracts';
import { upsertNewest } from '@cirkel/persistence';
import { Recipient } from './recipient.entity';

@Injectable()
export class RecipientRepository {
  /** Writes a person's hub roles (with their name and language); an older version of the roles never overwrites a newer one. */
  async setRoles(manager: EntityManager, recipient: Recipient): Promise<void> {
    await upsertNewest(manager, Recipient, recipient, { conflictColumns: ['personId'], versionColumn: 'rolesVersion' });
  }

  /** Adds a person the service has not heard of yet, with no hub roles; a known person is left as they are. */
  async addIfMissing(manager: EntityManager, recipient: Omit<Recipient, 'hubRoles' | 'rolesVersion'>): Promise<void> {
    await manager.createQueryBuilder().insert().into(Recipient).values({ ...recipient, hubRoles: [], rolesVersion: 0 }).orIgnore().execute();
  }

  withHubRole(manager: EntityManager, hubId: string, role: HubRole): Promise<Recipient[]> {
    return manager
      .getRepository(Recipient)
      .createQueryBuilder('r')
      .where('r.hub_id = :hubId AND :role = ANY(r.hub_roles)', { hubId, role })
      .getMany();
  }
}
