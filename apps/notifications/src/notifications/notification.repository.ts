import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { Notification } from './notification.entity';

export interface InboxPosition {
  createdAt: Date;
  id: string;
}

/** Rows per INSERT statement. */
const INSERT_CHUNK = 1000;

@Injectable()
export class NotificationRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Adds notifications; one per (event, recipient) however often the event is handled. */
  async addAll(manager: EntityManager, notifications: Notification[]): Promise<void> {
    // In statements of at most INSERT_CHUNK rows: PostgreSQL takes at most 65,535 parameters in one (a city digest for 10,000 readers has 90,000).
    for (let i = 0; i < notifications.length; i += INSERT_CHUNK) {
      await manager.createQueryBuilder().insert().into(Notification).values(notifications.slice(i, i + INSERT_CHUNK)).orIgnore().execute();
    }
  }

  /** A recipient's notifications, newest first, after a position (keyset pagination). */
  page(hubId: string, recipientId: string, limit: number, after: InboxPosition | null, unread: boolean | undefined): Promise<Notification[]> {
    const query = this.dataSource
      .getRepository(Notification)
      .createQueryBuilder('n')
      .where('n.hub_id = :hubId AND n.recipient_id = :recipientId', { hubId, recipientId })
      .orderBy('n.created_at', 'DESC')
      .addOrderBy('n.id', 'DESC')
      .take(limit);
    if (after) query.andWhere('(n.created_at, n.id) < (:createdAt, :id)', { createdAt: after.createdAt, id: after.id });
    if (unread === true) query.andWhere('n.read_at IS NULL');
    if (unread === false) query.andWhere('n.read_at IS NOT NULL');
    return query.getMany();
  }

  countUnread(hubId: string, recipientId: string): Promise<number> {
    return this.dataSource.getRepository(Notification).createQueryBuilder('n').where('n.hub_id = :hubId AND n.recipient_id = :recipientId AND n.read_at IS NULL', { hubId, recipientId }).getCount();
  }

  /** Marks every unread notification of the recipient read; answers how many. */
  async markAllRead(hubId: string, recipientId: string): Promise<number> {
    const result = await this.dataSource
      .getRepository(Notification)
      .createQueryBuilder()
      .update()
      .set({ readAt: () => 'now()' })
      .where('hub_id = :hubId AND recipient_id = :recipientId AND read_at IS NULL', { hubId, recipientId })
      .execute();
    return result.affected ?? 0;
  }

  /** Marks one of the recipient's notifications read (the first reading counts); null if it is not theirs. */
  async markRead(hubId: string, recipientId: string, id: string): Promise<Notification | null> {
    const repository = this.dataSource.getRepository(Notification);
    await repository
      .createQueryBuilder()
      .update()
      .set({ readAt: () => 'now()' })
      .where('id = :id AND hub_id = :hubId AND recipient_id = :recipientId AND read_at IS NULL', { id, hubId, recipientId })
      .execute();
    return repository.findOneBy({ id, hubId, recipientId });
  }
}
