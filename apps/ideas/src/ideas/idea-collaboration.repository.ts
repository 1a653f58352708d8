import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { IdeaCollaboration } from './idea-collaboration.entity';

@Injectable()
export class IdeaCollaborationRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** An idea's collaborations, oldest request first. */
  ofIdea(ideaId: string, manager: EntityManager = this.dataSource.manager): Promise<IdeaCollaboration[]> {
    return manager.find(IdeaCollaboration, { where: { ideaId }, order: { requestedAt: 'ASC', id: 'ASC' } });
  }

  findForUpdate(ideaId: string, id: string, manager: EntityManager): Promise<IdeaCollaboration | null> {
    return manager.createQueryBuilder(IdeaCollaboration, 'c').where('c.idea_id = :ideaId AND c.id = :id', { ideaId, id }).setLock('pessimistic_write').getOne();
  }

  findByOrganisation(ideaId: string, organisationId: string, manager: EntityManager): Promise<IdeaCollaboration | null> {
    return manager.findOneBy(IdeaCollaboration, { ideaId, organisationId });
  }

  async save(collaboration: IdeaCollaboration, manager: EntityManager): Promise<void> {
    await manager.upsert(IdeaCollaboration, collaboration, ['id']);
  }
}
