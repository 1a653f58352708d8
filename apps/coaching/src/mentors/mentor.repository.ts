import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { upsertNewest } from '@cirkel/persistence';
import { Mentor } from './mentor.entity';

@Injectable()
export class MentorRepository {
  /** Records what an event says of a (former) mentor; an older event never overwrites a newer state. */
  async record(manager: EntityManager, mentor: Mentor): Promise<void> {
    await upsertNewest(manager, Mentor, mentor, { conflictColumns: ['personId'], versionColumn: 'version', updateColumns: ['name', 'active', 'updatedAt'] });
  }
}
