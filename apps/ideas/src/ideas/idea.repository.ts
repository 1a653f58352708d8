import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
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
  /** Newest first (the default), or oldest first (a queue). */
  oldestFirst?: boolean;
  /** Read the ideas after this one in that order (ids are UUIDv7: time-ordered). */
  afterId?: string;
  take: number;
}

/**
 * The ideas of a hub whose Dutch text-search vector (the expression of the index `idea_search_idx`)
 * matches the query's words (`$q`), as a subquery of its own (`OFFSET 0` keeps it one): it is answered from the GIN
 * index, and the page then walks the hub's ideas newest first probing a hash of the hits. Written as
 * a filter on the page's scan instead, the planner (which guesses a text match's selectivity) walked
 * the ideas newest first computing each one's vector: 28 ms for a word in one idea in twenty of
 * 20,000 on a quiet machine, 0.9 ms this way (bench:ideas).
 */
const textMatches = (q: string) => `i.id IN (SELECT s.id FROM idea s WHERE s.hub_id = $1 AND to_tsvector('dutch', s.title || ' ' || s.summary) @@ plainto_tsquery('dutch', ${q}) OFFSET 0)`;

/** An idea as a page of the list shows it (no canvas), with its lead organisation's name. */
export type IdeaSummaryRow = Omit<Idea, 'canvas' | 'hasAcceptedMentor' | 'createdBy'> & { leadOrganisationName: string | null };

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

  /**
   * A page of a hub's ideas, newest (or oldest) first, with the filters given: one statement with
   * the lead organisations' names joined, the columns the list shows only. Through TypeORM's query
   * builder, then a second query for the names, the builder, the hydration of every column (the
   * canvas too) and the extra round trip were most of ideas' time under bench:ideas (its profile).
   */
  async summaries(hubId: string, query: IdeaQuery): Promise<IdeaSummaryRow[]> {
    const params: unknown[] = [hubId];
    const param = (value: unknown) => `$${params.push(value)}`;
    const where = ['i.hub_id = $1'];
    if (!query.visibility.all) {
      const draftsOf = query.visibility.draftsOf;
      where.push(draftsOf.length > 0 ? `(i.stage <> 'draft' OR i.lead_organisation_id = ANY(${param(draftsOf)}::uuid[]))` : `i.stage <> 'draft'`);
    }
    if (query.stage) where.push(`i.stage = ${param(query.stage)}`);
    if (query.workDomain) where.push(`i.work_domain = ${param(query.workDomain)}`);
    if (query.strategy) where.push(`${param(query.strategy)}::text = ANY(i.strategies)`);
    if (query.organisation) where.push(`i.lead_organisation_id = ${param(query.organisation)}::uuid`);
    if (query.q) where.push(textMatches(param(query.q)));
    if (query.afterId) where.push(`i.id ${query.oldestFirst ? '>' : '<'} ${param(query.afterId)}::uuid`);
    const rows: SummaryRow[] = await this.dataSource.query(
      `SELECT i.id, i.hub_id, i.lead_organisation_id, i.title, i.summary, i.work_domain, i.strategies, i.sdgs, i.expected_jobs_regular,
              i.expected_jobs_social, i.stage, i.created_at, i.updated_at, o.name AS lead_organisation_name
         FROM idea i LEFT JOIN known_organisation o ON o.id = i.lead_organisation_id
        WHERE ${where.join(' AND ')}
        ORDER BY i.id ${query.oldestFirst ? 'ASC' : 'DESC'}
        LIMIT ${param(query.take)}`,
      params,
    );
    return rows.map((r) => ({
      id: r.id,
      hubId: r.hub_id,
      leadOrganisationId: r.lead_organisation_id,
      title: r.title,
      summary: r.summary,
      workDomain: r.work_domain,
      strategies: r.strategies,
      sdgs: r.sdgs,
      expectedJobsRegular: r.expected_jobs_regular,
      expectedJobsSocial: r.expected_jobs_social,
      stage: r.stage,
      createdAt: r.created_at,
      updatedAt: r.updated_at,
      leadOrganisationName: r.lead_organisation_name,
    }));
  }
}

interface SummaryRow {
  id: string;
  hub_id: string;
  lead_organisation_id: string;
  title: string;
  summary: string;
  work_domain: WorkDomain;
  strategies: CircularStrategy[];
  sdgs: number[];
  expected_jobs_regular: number;
  expected_jobs_social: number;
  stage: IdeaStage;
  created_at: Date;
  updated_at: Date;
  lead_organisation_name: string | null;
}
