import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { RegistrationRequest } from './registration-request.entity';

@Injectable()
export class RegistrationRequestRepository {
  constructor(private readonly dataSource: DataSource) {}

  async insert(request: RegistrationRequest, manager: EntityManager): Promise<void> {
    await manager.insert(RegistrationRequest, request);
  }

  findByTokenHash(tokenHash: string): Promise<RegistrationRequest | null> {
    return this.dataSource.manager.findOneBy(RegistrationRequest, { tokenHash });
  }

  /** The request with this token hash, locked until the transaction ends so that it is confirmed once. */
  findByTokenHashForUpdate(tokenHash: string, manager: EntityManager): Promise<RegistrationRequest | null> {
    return manager.createQueryBuilder(RegistrationRequest, 'r').where('r.token_hash = :tokenHash', { tokenHash }).setLock('pessimistic_write').getOne();
  }

  async markConfirmed(id: string, at: Date, manager: EntityManager): Promise<void> {
    await manager.update(RegistrationRequest, { id }, { confirmedAt: at });
  }
}
