import { Injectable, Logger } from '@nestjs/common';
import { v7 as uuidv7 } from 'uuid';
import { z } from 'zod';
import { isHubAdmin } from '@cirkel/auth';
import { Caller, CreateIdea, Forbidden, IdeaStage, IdeaStageChanged, IdeaSubmitted, IdeaSummaryView, IdeaView, InputOf, ListIdeas, Page, TransitionIdea, ValidationFailed } from '@cirkel/contracts';
import { personCause, Transaction, UnitOfWork } from '@cirkel/messaging';
import { Keyset } from '@cirkel/persistence';
import { KnownOrganisationRepository } from '../organisations/known-organisation.repository';
import { LeadOrganisationNotActive, IdeaNotFound } from './idea.errors';
import { Idea } from './idea.entity';
import { canSeeIdea, checkTransition } from './idea-pipeline.rules';
import { IdeaRepository } from './idea.repository';
import { IdeaViews } from './idea-views';

/** Ideas newest first: by id (UUIDv7). */
const NEWEST_FIRST = new Keyset(z.tuple([z.uuid()]));

@Injectable()
export class IdeaService {
  private readonly logger = new Logger(IdeaService.name);

  constructor(
    private readonly ideas: IdeaRepository,
    private readonly organisations: KnownOrganisationRepository,
    private readonly unitOfWork: UnitOfWork,
    private readonly views: IdeaViews,
  ) {}

  /** A draft of the caller's organisation (the one they name, when they belong to several): private to it until submitted. */
  async create(caller: Caller, data: InputOf<typeof CreateIdea>): Promise<IdeaView> {
    const leadOrganisationId = leadOrganisationOf(caller, data.leadOrganisationId);
    const organisation = await this.organisations.findInHub(caller.hubId, leadOrganisationId);
    if (organisation?.status !== 'active') throw new LeadOrganisationNotActive();
    const now = new Date();
    const idea: Idea = {
      id: uuidv7(),
      hubId: caller.hubId,
      leadOrganisationId,
      title: data.title,
      summary: data.summary,
      workDomain: data.workDomain,
      strategies: data.strategies,
      sdgs: [...data.sdgs].sort((a, b) => a - b),
      expectedJobsRegular: data.expectedJobs.regular,
      expectedJobsSocial: data.expectedJobs.social,
      canvas: data.canvas ?? null,
      stage: 'draft',
      hasAcceptedMentor: false,
      createdBy: caller.personId,
      createdAt: now,
      updatedAt: now,
    };
    await this.unitOfWork.run(async (tx) => {
      await this.ideas.insert(idea, tx.manager);
      await this.ideas.recordTransition({ id: uuidv7(), ideaId: idea.id, fromStage: null, toStage: 'draft', byPerson: caller.personId, at: now, reason: null }, tx.manager);
    });
    this.logger.log(`idea ${idea.id} drafted for ${leadOrganisationId} by ${caller.personId}`);
    return this.views.one(idea);
  }

  async get(caller: Caller, ideaId: string): Promise<IdeaView> {
    const idea = await this.ideas.findInHub(caller.hubId, ideaId);
    if (!idea || !canSeeIdea(caller, idea)) throw new IdeaNotFound();
    return this.views.one(idea);
  }

  /** Hub admins see every idea of the hub; everyone else the submitted ones and their own organisations' drafts. */
  async list(caller: Caller, query: InputOf<typeof ListIdeas>): Promise<Page<IdeaSummaryView>> {
    const [beforeId] = NEWEST_FIRST.after(query.cursor) ?? [];
    const rows = await this.ideas.page(caller.hubId, {
      visibility: isHubAdmin(caller) ? { all: true } : { all: false, draftsOf: caller.memberships.map((m) => m.organisationId) },
      stage: query.stage,
      workDomain: query.workDomain,
      strategy: query.strategy,
      organisation: query.organisation,
      q: query.q,
      beforeId,
      take: query.limit + 1,
    });
    const page = NEWEST_FIRST.page(rows, query.limit, (row) => [row.id]);
    return { items: await this.views.many(page.rows), nextCursor: page.nextCursor };
  }

  /** Moves an idea on by the pipeline's rules; kept in its history and published (the first submission also as ideas.submitted). */
  async transition(caller: Caller, data: InputOf<typeof TransitionIdea>, correlationId: string): Promise<IdeaView> {
    const moved = await this.unitOfWork.run(async (tx) => {
      const idea = await this.ideas.findInHubForUpdate(caller.hubId, data.ideaId, tx.manager);
      if (!idea) throw new IdeaNotFound();
      checkTransition(caller, idea, data.to);
      return this.move(tx, caller, idea, data.to, data.reason ?? null, correlationId);
    });
    this.logger.log(`idea ${moved.id} moved to ${moved.stage} by ${caller.personId}`);
    return this.views.one(moved);
  }

  private async move(tx: Transaction, caller: Caller, idea: Idea, to: IdeaStage, reason: string | null, correlationId: string): Promise<Idea> {
    const at = new Date();
    await this.ideas.moveTo(idea, { id: uuidv7(), ideaId: idea.id, fromStage: idea.stage, toStage: to, byPerson: caller.personId, at, reason }, tx.manager);
    const cause = personCause(caller.personId, correlationId);
    if (idea.stage === 'draft' && to === 'submitted') {
      tx.publish(IdeaSubmitted, idea.hubId, { ideaId: idea.id, title: idea.title, workDomain: idea.workDomain, strategies: idea.strategies, leadOrganisationId: idea.leadOrganisationId }, cause);
    }
    tx.publish(IdeaStageChanged, idea.hubId, { ideaId: idea.id, from: idea.stage, to, reason, leadOrganisationId: idea.leadOrganisationId }, cause);
    return { ...idea, stage: to, updatedAt: at };
  }
}

/** The organisation an idea of the caller's is led by: the one they name, or their only one. */
function leadOrganisationOf(caller: Caller, named: string | undefined): string {
  const own = caller.memberships.map((m) => m.organisationId);
  if (named) {
    if (!own.includes(named)) throw new Forbidden('An idea is led by an organisation of your own.');
    return named;
  }
  if (own.length === 1) return own[0];
  if (own.length === 0) throw new Forbidden('Only members of a partner organisation draft ideas.');
  throw new ValidationFailed([{ field: 'leadOrganisationId', message: 'name the organisation that leads the idea: you belong to several' }]);
}
