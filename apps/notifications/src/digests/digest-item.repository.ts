import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager, IsNull } from 'typeorm';
import { DigestItem } from './digest-item.entity';

/** Rows per INSERT statement. */
const INSERT_CHUNK = 1000;
/** The advisory lock class of a person's digest run (with the rhythm and person as its key). */
const DIGEST_RUN_LOCK = 0x646967; // "dig"

@Injectable()
export class DigestItemRepository {
  constructor(private readonly dataSource: DataSource) {}

  async addAll(manager: EntityManager, items: DigestItem[]): Promise<void> {
    // In statements of at most INSERT_CHUNK rows: PostgreSQL takes at most 65,535 parameters in one (a city digest for 10,000 readers has 90,000).
    for (let i = 0; i < items.length; i += INSERT_CHUNK) {
      await manager.createQueryBuilder().insert().into(DigestItem).values(items.slice(i, i + INSERT_CHUNK)).orIgnore().execute();
    }
  }

  /** Drops what waits for a person's digest of a rhythm (its e-mail was switched off). */
  async dropWaiting(manager: EntityManager, personId: string, rhythm: DigestItem['rhythm']): Promise<void> {
    await manager.getRepository(DigestItem).delete({ personId, rhythm, digestMessageId: IsNull() });
  }

  /** Who has items of a rhythm waiting, made up to `until`. */
  async waiting(rhythm: DigestItem['rhythm'], until: Date): Promise<{ personId: string; hubId: string }[]> {
    const rows: { person_id: string; hub_id: string }[] = await this.dataSource.query(
      'SELECT DISTINCT person_id, hub_id FROM digest_item WHERE rhythm = $1 AND digest_message_id IS NULL AND created_at <= $2',
      [rhythm, until],
    );
    return rows.map((r) => ({ personId: r.person_id, hubId: r.hub_id }));
  }

  /**
   * A person's waiting items of a rhythm, oldest first, locked until the transaction ends. Two runs
   * for one person take turns (a lock per person and rhythm, then the rows read): the second finds
   * the items carried by the first's message, and sends nothing. (Rows locked with SKIP LOCKED let
   * two runs split one person's items between them: two e-mails, each with part of the day —
   * mentor-alerts.spec's "once however often it runs" failed so in CI, 1 December.)
   */
  async lockWaiting(manager: EntityManager, personId: string, rhythm: DigestItem['rhythm'], until: Date): Promise<DigestItem[]> {
    await manager.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [DIGEST_RUN_LOCK, `${rhythm}.${personId}`]);
    return manager
      .getRepository(DigestItem)
      .createQueryBuilder('d')
      .setLock('pessimistic_write')
      .where('d.person_id = :personId AND d.rhythm = :rhythm AND d.digest_message_id IS NULL AND d.created_at <= :until', { personId, rhythm, until })
      .orderBy('d.created_at', 'ASC')
      .getMany();
  }

  async markCarried(manager: EntityManager, ids: string[], messageId: string): Promise<void> {
    await manager.getRepository(DigestItem).createQueryBuilder().update().set({ digestMessageId: messageId }).where('id = ANY(:ids)', { ids }).execute();
  }

  carriedBy(messageId: string): Promise<DigestItem[]> {
    return this.dataSource.getRepository(DigestItem).find({ where: { digestMessageId: messageId }, order: { createdAt: 'ASC' } });
  }
}
