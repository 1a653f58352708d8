import { Injectable } from '@nestjs/common';
import { EntityManager, In } from 'typeorm';
import { upsertNewest } from '@cirkel/persistence';
import { Mentor } from './mentor.entity';

@Injectable()
export class MentorRepository {
  /** Records what an event says of a (former) mentor; an older event never overwrites a newer state. */
  async record(manager: EntityManager, mentor: Pick<Mentor, 'personId' | 'hubId' | 'name' | 'active' | 'updatedAt' | 'version'>): Promise<void> {
    await upsertNewest(manager, Mentor, mentor, { conflictColumns: ['personId'], versionColumn: 'version', updateColumns: ['name', 'active', 'updatedAt'] });
  }

  findInHub(hubId: string, personId: string, manager: EntityManager): Promise<Mentor | null> {
    return manager.findOneBy(Mentor, { hubId, personId });
  }

  /** The mentor, locked: one decision about their load at a time. */
  findForUpdate(personId: string, manager: EntityManager): Promise<Mentor | null> {
    return manager.createQueryBuilder(Mentor, 'm').where('m.person_id = :personId', { personId }).setLock('pessimistic_write').getOne();
  }

  async namesOf(personIds: string[], manager: EntityManager): Promise<Map<string, string>> {
    const rows = personIds.length === 0 ? [] : await manager.findBy(Mentor, { personId: In(personIds) });
    return new Map(rows.map((m) => [m.personId, m.name]));
  }

  ofHub(hubId: string, manager: EntityManager): Promise<Mentor[]> {
    return manager.find(Mentor, { where: { hubId }, order: { name: 'ASC', personId: 'ASC' } });
  }

  /** A mentor's own profile; a mentor coaching has not heard of yet (the role event still on its way) is added. */
  async saveProfile(manager: EntityManager, mentor: Pick<Mentor, 'personId' | 'hubId' | 'workDomains' | 'capacity' | 'bio' | 'unavailableUntil'>): Promise<void> {
    await manager
      .createQueryBuilder()
      .insert()
      .into(Mentor)
      .values({ ...mentor, name: '', active: true, updatedAt: new Date(0), version: 0 })
      .orUpdate(['work_domains', 'capacity', 'bio', 'unavailable_until'], ['person_id'])
      .execute();
  }
}
