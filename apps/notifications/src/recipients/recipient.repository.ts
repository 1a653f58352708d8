import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { HubRole } from '@cirkel/contracts';
import { upsertNewest } from '@cirkel/persistence';
import { Recipient } from './recipient.entity';

@Injectable()
export class RecipientRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Writes a person's hub roles (with their name and language); an older version of the roles never overwrites a newer one. */
  async setRoles(manager: EntityManager, recipient: Recipient): Promise<void> {
    await upsertNewest(manager, Recipient, recipient, { conflictColumns: ['personId'], versionColumn: 'rolesVersion' });
  }

  /** Adds a person the service has not heard of yet, with no hub roles; a known person is left as they are. */
  async addIfMissing(manager: EntityManager, recipient: Omit<Recipient, 'hubRoles' | 'rolesVersion'>): Promise<void> {
    await manager.createQueryBuilder().insert().into(Recipient).values({ ...recipient, hubRoles: [], rolesVersion: 0 }).orIgnore().execute();
  }

  /** The people of the hub holding any of the hub roles, by id. */
  async withAnyHubRole(manager: EntityManager, hubId: string, roles: readonly HubRole[]): Promise<string[]> {
    const rows = await manager
      .getRepository(Recipient)
      .createQueryBuilder('r')
      .select('r.person_id', 'personId')
      .where('r.hub_id = :hubId AND r.hub_roles && CAST(:roles AS text[])', { hubId, roles })
      .orderBy('r.person_id')
      .getRawMany<{ personId: string }>();
    return rows.map((r) => r.personId);
  }

  /** The hubs where someone holds any of the hub roles. */
  async hubsWithAnyHubRole(roles: readonly HubRole[]): Promise<string[]> {
    const rows = await this.dataSource
      .getRepository(Recipient)
      .createQueryBuilder('r')
      .select('r.hub_id', 'hubId')
      .distinct(true)
      .where('r.hub_roles && CAST(:roles AS text[])', { roles })
      .getRawMany<{ hubId: string }>();
    return rows.map((r) => r.hubId);
  }
}
