import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { HubRole } from '@cirkel/contracts';
import { Recipient } from './recipient.entity';

@Injectable()
export class RecipientRepository {
  /** Inserts or updates a recipient; an older fact never overwrites a newer one. */
  async upsert(manager: EntityManager, recipient: Recipient, fields: (keyof Recipient)[]): Promise<void> {
    const columns = fields.map((f) => manager.connection.getMetadata(Recipient).findColumnWithPropertyName(f)!.databaseName);
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
