import { Injectable } from '@nestjs/common';
import { Brackets, DataSource, EntityManager } from 'typeorm';
import { CircularStrategy, IdeaStage, WorkDomain } from '@cirkel/contracts';
import { Idea } from './idea.entity';
import { IdeaTransition } from './idea-transition.entity';

export interface IdeaQuery {
  /** All of the hub's ideas (hub admins), or those past draft and the drafts of these organisations. */
  visibility: { all: true } | { all: false; draftsOf: string[] };
  stage?: IdeaStage;
  workDomain?: WorkDomain;
  strategy?: CircularStrategy;
  organisation?: string;
  /** Words to find in title and summary, stemmed in Dutch ("herstellen" finds "herstelling"). */
  q?: string;
  /** Read ideas older than this one (ids are UUIDv7: time-ordered). */
  beforeId?: string;
  take: number;
}

/** The Dutch text-search vector of an idea; the same expression as the index `idea_search_idx`. */
const SEARCH_VECTOR = `to_tsvector('dutch', i.title || ' ' || i.summary)`;

@Injectable()
export class IdeaRepository {
  constructor(private readonly dataSource: DataSource) {}

  async insert(idea: Idea, manager: EntityManager): Promise<void> {
    await manager.insert(Idea, idea);
  }

  findInHub(hubId: string, id: string, manager: EntityManager = this.dataSource.manager): Promise<Idea | null> {
    return manager.findOneBy(Idea, { hubId, id });
  }

  /** The idea, locked until the transaction ends: one move at a time. */
  findInHubForUpdate(hubId: string, id: string, manager: EntityManager): Promise<Idea | null> {
    return manager.createQueryBuilder(Idea, 'i').where('i.hub_id = :hubId AND i.id = :id', { hubId, id }).setLock('pessimistic_write').getOne();
  }

  async update(idea: Idea, manager: EntityManager): Promise<void> {
    const { id, title, summary, workDomain, strategies, sdgs, expectedJobsRegular, expectedJobsSocial, canvas, updatedAt } = idea;
    await manager.update(Idea, { id }, { title, summary, workDomain, strategies, sdgs, expectedJobsRegular, expectedJobsSocial, canvas, updatedAt });
  }

  /** A mentor accepted the idea (coaching's assignment-accepted; the demo seed until then). */
  async markMentorAccepted(id: string, manager: EntityManager): Promise<void> {
    await manager.update(Idea, { id }, { hasAcceptedMentor: true });
  }

  async moveTo(idea: Idea, transition: IdeaTransition, manager: EntityManager): Promise<void> {
    await manager.update(Idea, { id: idea.id }, { stage: transition.toStage, updatedAt: transition.at });
    await manager.insert(IdeaTransition, transition);
  }

  async recordTransition(transition: IdeaTransition, manager: EntityManager): Promise<void> {
    await manager.insert(IdeaTransition, transition);
  }

  /** An idea's history, oldest first. */
  history(ideaId: string, manager: EntityManager = this.dataSource.manager): Promise<IdeaTransition[]> {
    return manager.find(IdeaTransition, { where: { ideaId }, order: { at: 'ASC', id: 'ASC' } });
  }

  /** A page of a hub's ideas, newest first, with the filters given. */
  page(hubId: string, query: IdeaQuery): Promise<Idea[]> {
    const qb = this.dataSource.manager.createQueryBuilder(Idea, 'i').where('i.hub_id = :hubId', { hubId });
    if (!query.visibility.all) {
      const draftsOf = query.visibility.draftsOf;
      qb.andWhere(
        new Brackets((w) => {
          w.where(`i.stage <> 'draft'`);
          if (draftsOf.length > 0) w.orWhere('i.lead_organisation_id = ANY(:draftsOf::uuid[])', { draftsOf });
        }),
      );
    }
    if (query.stage) qb.andWhere('i.stage = :stage', { stage: query.stage });
    if (query.workDomain) qb.andWhere('i.work_domain = :workDomain', { workDomain: query.workDomain });
    if (query.strategy) qb.andWhere(':strategy = ANY(i.strategies)', { strategy: query.strategy });
    if (query.organisation) qb.andWhere('i.lead_organisation_id = :organisation', { organisation: query.organisation });
    if (query.q) qb.andWhere(`${SEARCH_VECTOR} @@ plainto_tsquery('dutch', :q)`, { q: query.q });
    if (query.beforeId) qb.andWhere('i.id < :beforeId', { beforeId: query.beforeId });
    return qb.orderBy('i.id', 'DESC').take(query.take).getMany();
  }
}
