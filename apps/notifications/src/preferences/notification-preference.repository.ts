import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { NotificationCategory } from '@cirkel/contracts';
import { NotificationPreference } from './notification-preference.entity';

@Injectable()
export class NotificationPreferenceRepository {
  constructor(private readonly dataSource: DataSource) {}

  ofPerson(personId: string, manager: EntityManager = this.dataSource.manager): Promise<NotificationPreference[]> {
    return manager.getRepository(NotificationPreference).findBy({ personId });
  }

  /** The choices of several people for one category (people without a row are left out). */
  ofCategory(manager: EntityManager, personIds: string[], category: NotificationCategory): Promise<NotificationPreference[]> {
    if (personIds.length === 0) return Promise.resolve([]);
    return manager.getRepository(NotificationPreference).createQueryBuilder('p').where('p.person_id = ANY(:personIds) AND p.category = :category', { personIds, category }).getMany();
  }

  async save(manager: EntityManager, preferences: NotificationPreference[]): Promise<void> {
    if (preferences.length === 0) return;
    await manager.createQueryBuilder().insert().into(NotificationPreference).values(preferences).orUpdate(['in_app', 'email', 'updated_at'], ['person_id', 'category']).execute();
  }
}
