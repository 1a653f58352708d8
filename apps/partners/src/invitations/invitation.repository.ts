import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { Invitation } from './invitation.entity';

@Injectable()
export class InvitationRepository {
  constructor(private readonly dataSource: DataSource) {}

  async insert(invitation: Invitation, manager: EntityManager): Promise<void> {
    await manager.insert(Invitation, invitation);
  }

  findByTokenHash(tokenHash: string, manager: EntityManager = this.dataSource.manager): Promise<Invitation | null> {
    return manager.findOneBy(Invitation, { tokenHash });
  }

  /** The invitation with this token hash, locked until the transaction ends so that it is accepted once. */
  findByTokenHashForUpdate(tokenHash: string, manager: EntityManager): Promise<Invitation | null> {
    return manager.createQueryBuilder(Invitation, 'i').where('i.token_hash = :tokenHash', { tokenHash }).setLock('pessimistic_write').getOne();
  }

  async markAccepted(id: string, personId: string, at: Date, manager: EntityManager): Promise<void> {
    await manager.update(Invitation, { id }, { acceptedAt: at, acceptedBy: personId });
  }
}
