import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { HubRole } from '@cirkel/contracts';
import { Recipient } from './recipient.entity';

@Injectable()
export class RecipientRepository {
  /** Inserts or updates a recipient; an older fact never overwrites a newer one. */
  async upsert(manager: EntityManager, recipient: Recipient, columns: ('name' | 'language' | 'hub_roles')[]): Promise<void> {
    await manager
      .createQueryBuilder()
      .insert()
      .into(Recipient)
      .values(recipient)
      .orUpdate([...columns, 'updated_at'], ['person_id'], { overwriteCondition: { where: 'recipient.updated_at <= EXCLUDED.updated_at' } })
      .execute();
  }

  withHubRole(manager: EntityManager, hubId: string, role: HubRole): Promise<Recipient[]> {
    return manager
      .getRepository(Recipient)
      .createQueryBuilder('r')
      .where('r.hub_id = :hubId AND :role = ANY(r.hub_roles)', { hubId, role })
      .getMany();
  }
}
