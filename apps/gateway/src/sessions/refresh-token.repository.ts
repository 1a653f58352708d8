import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, IsNull } from 'typeorm';
import { RefreshToken } from './refresh-token.entity';

/** The only code that touches the `refresh_token` table. */
@Injectable()
export class RefreshTokenRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  transaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }

  async insert(token: RefreshToken, manager: EntityManager = this.dataSource.manager): Promise<void> {
    await manager.insert(RefreshToken, token);
  }

  findByHash(tokenHash: string): Promise<RefreshToken | null> {
    return this.dataSource.manager.findOneBy(RefreshToken, { tokenHash });
  }

  /** Marks a token used if nobody did before; false when it was already used or revoked (a race lost). */
  async markUsed(id: string, at: Date, manager: EntityManager = this.dataSource.manager): Promise<boolean> {
    const result = await manager.update(RefreshToken, { id, usedAt: IsNull(), revokedAt: IsNull() }, { usedAt: at });
    return (result.affected ?? 0) === 1;
  }

  async revokeFamily(familyId: string, at: Date): Promise<void> {
    await this.dataSource.manager.update(RefreshToken, { familyId, revokedAt: IsNull() }, { revokedAt: at });
  }

  /** Revokes every live token of a person, but for those of one family if given; the number of logins ended. */
  async revokePerson(personId: string, at: Date, exceptFamilyId?: string): Promise<number> {
    const result = await this.dataSource.manager
      .createQueryBuilder()
      .update(RefreshToken)
      .set({ revokedAt: at })
      .where('person_id = :personId AND revoked_at IS NULL AND used_at IS NULL AND expires_at > :at', { personId, at })
      .andWhere(exceptFamilyId ? 'family_id <> :exceptFamilyId' : 'TRUE', { exceptFamilyId })
      .execute();
    return result.affected ?? 0;
  }

  /** Deletes up to `limit` tokens expired before `before`; the number deleted. */
  async purgeExpired(before: Date, limit: number): Promise<number> {
    // TypeORM answers a DELETE on Postgres with [rows, rowCount].
    const [, deleted]: [unknown[], number] = await this.dataSource.query(
      'DELETE FROM refresh_token WHERE id IN (SELECT id FROM refresh_token WHERE expires_at < $1 ORDER BY expires_at LIMIT $2)',
      [before, limit],
    );
    return deleted;
  }
}
