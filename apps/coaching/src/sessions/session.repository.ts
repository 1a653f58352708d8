import { Injectable } from '@nestjs/common';
import { EntityManager, In } from 'typeorm';
import { ActionItem } from './action-item.entity';
import { CoachingSession } from './coaching-session.entity';

@Injectable()
export class SessionRepository {
  async save(manager: EntityManager, session: CoachingSession): Promise<void> {
    await manager.upsert(CoachingSession, session, ['id']);
  }

  /** The session, locked: one change of it at a time (and a reminder waits for the change). */
  findForUpdate(manager: EntityManager, id: string): Promise<CoachingSession | null> {
    return manager.createQueryBuilder(CoachingSession, 's').where('s.id = :id', { id }).setLock('pessimistic_write').getOne();
  }

  /** Sessions of a hub the person runs or takes part in, starting in [from, to), by start (then id), after the key `after`, at most `take`. */
  ofPerson(manager: EntityManager, hubId: string, personId: string, from: Date | null, to: Date | null, after?: readonly [string, string], take = 1000): Promise<CoachingSession[]> {
    const q = manager
      .createQueryBuilder(CoachingSession, 's')
      .where('s.hub_id = :hubId', { hubId })
      .andWhere('(s.mentor_id = :personId OR s.participant_ids @> ARRAY[:personId]::uuid[])', { personId });
    if (from) q.andWhere('s.starts_at >= :from', { from });
    if (to) q.andWhere('s.starts_at < :to', { to });
    if (after) q.andWhere('(s.starts_at, s.id) > (:afterAt, :afterId)', { afterAt: new Date(after[0]), afterId: after[1] });
    return q.orderBy('s.starts_at', 'ASC').addOrderBy('s.id', 'ASC').limit(take).getMany();
  }

  /** Planned sessions starting after `now`: those whose reminders may still be due. */
  plannedAfter(manager: EntityManager, now: Date): Promise<CoachingSession[]> {
    return manager.createQueryBuilder(CoachingSession, 's').where(`s.status = 'planned'`).andWhere('s.starts_at > :now', { now }).getMany();
  }

  async saveActionItems(manager: EntityManager, items: ActionItem[]): Promise<void> {
    if (items.length > 0) await manager.upsert(ActionItem, items, ['id']);
  }

  actionItemsOf(manager: EntityManager, sessionIds: string[]): Promise<ActionItem[]> {
    return sessionIds.length === 0 ? Promise.resolve([]) : manager.find(ActionItem, { where: { sessionId: In(sessionIds) }, order: { dueOn: 'ASC', id: 'ASC' } });
  }

  actionItemForUpdate(manager: EntityManager, id: string): Promise<ActionItem | null> {
    return manager.createQueryBuilder(ActionItem, 'a').where('a.id = :id', { id }).setLock('pessimistic_write').getOne();
  }

  /** Open action items due on or after `day`: those whose overdue check may still be ahead. */
  openDueFrom(manager: EntityManager, day: string): Promise<ActionItem[]> {
    return manager.createQueryBuilder(ActionItem, 'a').where('a.done_at IS NULL').andWhere('a.due_on >= :day', { day }).getMany();
  }

  find(manager: EntityManager, id: string): Promise<CoachingSession | null> {
    return manager.findOneBy(CoachingSession, { id });
  }

  /** Records that a reminder went out; false when it had already (the caller then publishes nothing). */
  async markSent(manager: EntityManager, key: string): Promise<boolean> {
    const rows: unknown[] = await manager.query('INSERT INTO reminder_sent (key, sent_at) VALUES ($1, now()) ON CONFLICT DO NOTHING RETURNING key', [key]);
    return rows.length === 1;
  }
}
