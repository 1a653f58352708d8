import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager, IsNull, MoreThan } from 'typeorm';
import { PasswordReset } from './password-reset.entity';

@Injectable()
export class PasswordResetRepository {
  constructor(private readonly dataSource: DataSource) {}

  async insert(reset: PasswordReset, manager: EntityManager): Promise<void> {
    await manager.insert(PasswordReset, reset);
  }

  /** The reset with this token hash; with a manager, locked until its transaction ends, so that it is used once. */
  findByTokenHash(tokenHash: string, manager?: EntityManager): Promise<PasswordReset | null> {
    if (!manager) return this.dataSource.manager.findOneBy(PasswordReset, { tokenHash });
    return manager.createQueryBuilder(PasswordReset, 'r').where('r.token_hash = :tokenHash', { tokenHash }).setLock('pessimistic_write').getOne();
  }

  /** Whether a link for the person was made after `since` (used or not). */
  createdSince(personId: string, since: Date): Promise<boolean> {
    return this.dataSource.manager.existsBy(PasswordReset, { personId, createdAt: MoreThan(since) });
  }

  /** Every link of the person not used yet stops working: the one used, and any other e-mailed before. */
  async useAllOf(personId: string, at: Date, manager: EntityManager): Promise<void> {
    await manager.update(PasswordReset, { personId, usedAt: IsNull() }, { usedAt: at });
  }
}
