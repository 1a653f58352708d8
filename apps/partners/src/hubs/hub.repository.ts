import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { Hub } from './hub.entity';

@Injectable()
export class HubRepository {
  constructor(private readonly dataSource: DataSource) {}

  findBySlug(slug: string, manager: EntityManager = this.dataSource.manager): Promise<Hub | null> {
    return manager.findOneBy(Hub, { slug });
  }

  findById(id: string, manager: EntityManager = this.dataSource.manager): Promise<Hub | null> {
    return manager.findOneBy(Hub, { id });
  }

  /** Inserts the hub unless one with its slug exists; answers the hub with that slug either way. */
  async insertIfMissing(hub: Hub, manager: EntityManager = this.dataSource.manager): Promise<Hub> {
    await manager.createQueryBuilder().insert().into(Hub).values(hub).orIgnore().execute();
    return manager.findOneByOrFail(Hub, { slug: hub.slug });
  }

  /**
   * Serialises changes that must see the whole hub (the next charter version, the last hub admin)
   * until the transaction ends. NO KEY UPDATE, so that inserts referring to the hub do not wait.
   */
  async lock(hubId: string, manager: EntityManager): Promise<void> {
    await manager.query('SELECT id FROM hub WHERE id = $1 FOR NO KEY UPDATE', [hubId]);
  }

  /** Waits for, and holds off, a `lock` of the hub until the transaction ends (e.g. signing while a new charter version is published). */
  async lockShared(hubId: string, manager: EntityManager): Promise<void> {
    await manager.query('SELECT id FROM hub WHERE id = $1 FOR SHARE', [hubId]);
  }
}
