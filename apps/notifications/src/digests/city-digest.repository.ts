import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import { DigestFiguresV2View } from '@cirkel/contracts';
import { CityDigestRecord } from './city-digest.entity';

@Injectable()
export class CityDigestRepository {
  constructor(private readonly dataSource: DataSource) {}

  exists(hubId: string, isoWeek: string): Promise<boolean> {
    return this.dataSource.getRepository(CityDigestRecord).existsBy({ hubId, isoWeek });
  }

  /** Keeps the week's digest; null if it was built already (by another run or instance). */
  async addOnce(manager: EntityManager, hubId: string, isoWeek: string, figures: DigestFiguresV2View): Promise<CityDigestRecord | null> {
    const record: CityDigestRecord = { id: uuidv7(), hubId, isoWeek, figures, createdAt: new Date() };
    const result = await manager.createQueryBuilder().insert().into(CityDigestRecord).values(record).orIgnore().returning('id').execute();
    return result.raw.length > 0 ? record : null;
  }

  /** A hub's digests, newest first (by ISO week, then id), after a position (keyset pagination). */
  page(hubId: string, limit: number, after: { isoWeek: string; id: string } | undefined): Promise<CityDigestRecord[]> {
    const query = this.dataSource.getRepository(CityDigestRecord).createQueryBuilder('d').where('d.hub_id = :hubId', { hubId }).orderBy('d.iso_week', 'DESC').addOrderBy('d.id', 'DESC').take(limit);
    if (after) query.andWhere('(d.iso_week, d.id) < (:isoWeek, :id)', after);
    return query.getMany();
  }

  find(id: string): Promise<CityDigestRecord | null> {
    return this.dataSource.getRepository(CityDigestRecord).findOneBy({ id });
  }
}
