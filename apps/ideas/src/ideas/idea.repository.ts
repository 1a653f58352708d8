import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { CanvasView, CircularStrategy, IdeaStage, WorkDomain } from '@cirkel/contracts';
import { namedStatement } from '@cirkel/persistence';
import { IdeaCollaboration } from './idea-collaboration.entity';
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
export type IdeaSummaryRow = Omit<Idea, 'canvas' | 'hasAcceptedMentor' | 'mentorId' | 'mentorName' | 'mentorVersion' | 'createdBy'> & { leadOrganisationName: string | null };

/** One idea with all GET /ideas/{id} shows of it: its lead organisation's name, its history (oldest first), its collaborations (oldest request first) with their organisations' names. */
export interface IdeaDetails {
  idea: Idea;
  leadOrganisationName: string | null;
  history: IdeaTransition[];
  collaborations: (IdeaCollaboration & { organisationName: string | null })[];
}

/**
 * An idea and everything its page shows, in one statement (history and collaborations as JSON
 * arrays). Four statements before — the idea, then history and collaborations, then the names — and
 * each a round trip and a TypeORM hydration: GET /ideas/{id} under bench:ideas.
 */
const IDEA_DETAILS = namedStatement(
  'ideas.idea-details',
  `SELECT i.id, i.hub_id, i.lead_organisation_id, i.title, i.summary, i.work_domain, i.strategies, i.sdgs, i.expected_jobs_regular, i.expected_jobs_social,
          i.canvas, i.stage, i.has_accepted_mentor, i.mentor_id, i.mentor_name, i.mentor_version, i.created_by, i.created_at, i.updated_at,
          o.name AS lead_organisation_name,
          (SELECT coalesce(json_agg(json_build_object('id', t.id, 'fromStage', t.from_stage, 'toStage', t.to_stage, 'byPerson', t.by_person, 'at', t.at, 'reason', t.reason) ORDER BY t.at, t.id), '[]')
             FROM idea_transition t WHERE t.idea_id = i.id) AS history,
          (SELECT coalesce(json_agg(json_build_object('id', c.id, 'organisationId', c.organisation_id, 'status', c.status, 'requestedBy', c.requested_by, 'requestedAt', c.requested_at,
                                                      'decidedBy', c.decided_by, 'decidedAt', c.decided_at, 'organisationName', co.name) ORDER BY c.requested_at, c.id), '[]')
             FROM idea_collaboration c LEFT JOIN known_organisation co ON co.id = c.organisation_id WHERE c.idea_id = i.id) AS collaborations
     FROM idea i LEFT JOIN known_organisation o ON o.id = i.lead_organisation_id
    WHERE i.hub_id = $1 AND i.id = $2`,
);

@Injectable()
export class IdeaRepository {
  constructor(private readonly dataSource: DataSource) {}

  async insert(idea: Idea, manager: EntityManager): Promise<void> {
    await manager.insert(Idea, idea);
  }

  /** The idea, locked until the transaction ends: one move at a time. */
  findInHubForUpdate(hubId: string, id: string, manager: EntityManager): Promise<Idea | null> {
    return manager.createQueryBuilder(Idea, 'i').where('i.hub_id = :hubId AND i.id = :id', { hubId, id }).setLock('pessimistic_write').getOne();
  }

  async update(idea: Idea, manager: EntityManager): Promise<void> {
    const { id, title, summary, workDomain, strategies, sdgs, expectedJobsRegular, expectedJobsSocial, canvas, updatedAt } = idea;
    await manager.update(Idea, { id }, { title, summary, workDomain, strategies, sdgs, expectedJobsRegular, expectedJobsSocial, canvas, updatedAt });
  }

  /** A mentor accepted the idea (the demo seed, standing in for coaching's assignment-accepted). */
  async markMentorAccepted(id: string, manager: EntityManager): Promise<void> {
    await manager.update(Idea, { id }, { hasAcceptedMentor: true });
  }

  /** A mentor accepted the idea (coaching's assignment-accepted): the mentor the event names, unless a newer version of its coaching said so already. */
  async recordMentor(id: string, mentor: { id: string; name: string | null; version: number }, manager: EntityManager): Promise<void> {
    await manager.query('UPDATE idea SET has_accepted_mentor = true, mentor_id = $2, mentor_name = $3, mentor_version = $4 WHERE id = $1 AND mentor_version <= $4', [id, mentor.id, mentor.name, mentor.version]);
  }

  /** The idea with its lead organisation's name, history and collaborations, in one statement (`IDEA_DETAILS`). */
  async details(hubId: string, id: string): Promise<IdeaDetails | null> {
    const [row]: DetailsRow[] = await this.dataSource.query(IDEA_DETAILS, [hubId, id]);
    if (!row) return null;
    return {
      idea: {
        ...summaryOf(row),
        canvas: row.canvas,
        hasAcceptedMentor: row.has_accepted_mentor,
        mentorId: row.mentor_id,
        mentorName: row.mentor_name,
        mentorVersion: row.mentor_version,
        createdBy: row.created_by,
      },
      leadOrganisationName: row.lead_organisation_name,
      history: row.history.map((t) => ({ ...t, ideaId: row.id, at: new Date(t.at) })),
      collaborations: row.collaborations.map((c) => ({ ...c, ideaId: row.id, requestedAt: new Date(c.requestedAt), decidedAt: c.decidedAt === null ? null : new Date(c.decidedAt) })),
    };
  }

  async moveTo(idea: Idea, transition: IdeaTransition, manager: EntityManager): Promise<void> {
    await manager.update(Idea, { id: idea.id }, { stage: transition.toStage, updatedAt: transition.at });
    await manager.insert(IdeaTransition, transition);
  }

  async recordTransition(transition: IdeaTransition, manager: EntityManager): Promise<void> {
    await manager.insert(IdeaTransition, transition);
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
    const text = `SELECT i.id, i.hub_id, i.lead_organisation_id, i.title, i.summary, i.work_domain, i.strategies, i.sdgs, i.expected_jobs_regular,
              i.expected_jobs_social, i.stage, i.created_at, i.updated_at, o.name AS lead_organisation_name
         FROM idea i LEFT JOIN known_organisation o ON o.id = i.lead_organisation_id
        WHERE ${where.join(' AND ')}
        ORDER BY i.id ${query.oldestFirst ? 'ASC' : 'DESC'}
        LIMIT ${param(query.take)}`;
    // Named by its text, which only the filters present change (their values are parameters): a few
    // hundred shapes at most, each parsed and planned once per connection. Planning a page took
    // longer than running it (0.36 against 0.22 ms, EXPLAIN ANALYZE on bench:ideas' data).
    const rows: SummaryRow[] = await this.dataSource.query(namedStatement(`ideas.summaries.${createHash('sha1').update(text).digest('hex').slice(0, 20)}`, text), params);
    return rows.map((r) => ({ ...summaryOf(r), leadOrganisationName: r.lead_organisation_name }));
  }
}

function summaryOf(r: SummaryRow): Omit<IdeaSummaryRow, 'leadOrganisationName'> {
  return {
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
  };
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

interface DetailsRow extends SummaryRow {
  canvas: CanvasView | null;
  has_accepted_mentor: boolean;
  mentor_id: string | null;
  mentor_name: string | null;
  mentor_version: number;
  created_by: string;
  history: (Omit<IdeaTransition, 'ideaId' | 'at'> & { at: string })[];
  collaborations: (Omit<IdeaCollaboration, 'ideaId' | 'requestedAt' | 'decidedAt'> & { requestedAt: string; decidedAt: string | null; organisationName: string | null })[];
}
