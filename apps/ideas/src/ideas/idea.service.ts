import { Injectable, Logger } from '@nestjs/common';
import { v7 as uuidv7 } from 'uuid';
import { z } from 'zod';
import { isHubAdmin, isMemberOf } from '@cirkel/auth';
import {
  Caller,
  CollaborationView,
  CollaboratorJoined,
  CreateIdea,
  DecideCollaboration,
  Forbidden,
  IdeaStage,
  IdeaStageChanged,
  IdeaSubmitted,
  IdeaSummaryView,
  IdeaView,
  InputOf,
  ListIdeas,
  Page,
  PutCanvas,
  RequestCollaboration,
  TransitionIdea,
  UpdateIdea,
  ValidationFailed,
} from '@cirkel/contracts';
import { personCause, Transaction, UnitOfWork } from '@cirkel/messaging';
import { Keyset } from '@cirkel/persistence';
import { KnownOrganisationRepository } from '../organisations/known-organisation.repository';
import { AlreadyCollaborating, CollaborationDecided, CollaborationNotFound, CollaborationNotOpen, IdeaClosed, IdeaNotFound, LeadOrganisationNotActive } from './idea.errors';
import { Idea } from './idea.entity';
import { canChangeIdea, canEditCanvas, canSeeIdea, checkTransition, isClosed, isOpenToCollaboration } from './idea-pipeline.rules';
import { IdeaCollaboration } from './idea-collaboration.entity';
import { IdeaCollaborationRepository } from './idea-collaboration.repository';
import { IdeaRepository } from './idea.repository';
import { IdeaViews } from './idea-views';

/** Ideas newest first: by id (UUIDv7). */
/** Ideas by id (UUIDv7: creation order), newest or oldest first. */
const BY_ID = new Keyset(z.tuple([z.uuid()]));

@Injectable()
export class IdeaService {
  private readonly logger = new Logger(IdeaService.name);

  constructor(
    private readonly ideas: IdeaRepository,
    private readonly collaborations: IdeaCollaborationRepository,
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
      mentorId: null,
      mentorName: null,
      mentorVersion: 0,
      createdBy: caller.personId,
      createdAt: now,
      updatedAt: now,
    };
    await this.unitOfWork.run(async (tx) => {
      await this.ideas.insert(idea, tx.manager);
      await this.ideas.recordTransition({ id: uuidv7(), ideaId: idea.id, fromStage: null, toStage: 'draft', byPerson: caller.personId, at: now, reason: null }, tx.manager);
    });
    this.logger.log(`idea ${idea.id} drafted for ${leadOrganisationId} by ${caller.personId}`);
    return this.view(caller, idea.id);
  }

  async get(caller: Caller, ideaId: string): Promise<IdeaView> {
    const details = await this.ideas.details(caller.hubId, ideaId);
    if (!details || !canSeeIdea(caller, details.idea)) throw new IdeaNotFound();
    return this.views.one(details, caller);
  }

  /** The idea as it is now (after a change the caller made): one statement. */
  private async view(caller: Caller, ideaId: string): Promise<IdeaView> {
    const details = await this.ideas.details(caller.hubId, ideaId);
    if (!details) throw new IdeaNotFound();
    return this.views.one(details, caller);
  }

  /** Hub admins see every idea of the hub; everyone else the submitted ones and their own organisations' drafts. */
  async list(caller: Caller, query: InputOf<typeof ListIdeas>): Promise<Page<IdeaSummaryView>> {
    const [afterId] = BY_ID.after(query.cursor) ?? [];
    const rows = await this.ideas.summaries(caller.hubId, {
      visibility: isHubAdmin(caller) ? { all: true } : { all: false, draftsOf: caller.memberships.map((m) => m.organisationId) },
      stage: query.stage,
      workDomain: query.workDomain,
      strategy: query.strategy,
      organisation: query.organisation,
      q: query.q,
      oldestFirst: query.order === 'oldest',
      afterId,
      take: query.limit + 1,
    });
    const page = BY_ID.page(rows, query.limit, (row) => [row.id]);
    return { items: this.views.many(page.rows), nextCursor: page.nextCursor };
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
    return this.view(caller, moved.id);
  }

  /** Changes to the description: the lead organisation's members and hub admins, until the idea is launched or withdrawn. */
  async update(caller: Caller, data: InputOf<typeof UpdateIdea>): Promise<IdeaView> {
    const changed = await this.unitOfWork.run(async (tx) => {
      const idea = await this.visibleForUpdate(caller, data.ideaId, tx);
      if (!canChangeIdea(caller, idea)) throw new Forbidden("Only the lead organisation's members and hub admins change an idea.");
      if (isClosed(idea.stage)) throw new IdeaClosed(idea.stage);
      const { changes } = data;
      const next: Idea = {
        ...idea,
        title: changes.title ?? idea.title,
        summary: changes.summary ?? idea.summary,
        workDomain: changes.workDomain ?? idea.workDomain,
        strategies: changes.strategies ?? idea.strategies,
        sdgs: changes.sdgs ? [...changes.sdgs].sort((a, b) => a - b) : idea.sdgs,
        expectedJobsRegular: changes.expectedJobs?.regular ?? idea.expectedJobsRegular,
        expectedJobsSocial: changes.expectedJobs?.social ?? idea.expectedJobsSocial,
        updatedAt: new Date(),
      };
      await this.ideas.update(next, tx.manager);
      return next;
    });
    return this.view(caller, changed.id);
  }

  /** The canvas, replaced as a whole: the lead organisation, its collaborators and hub admins. */
  async putCanvas(caller: Caller, data: InputOf<typeof PutCanvas>): Promise<IdeaView> {
    const changed = await this.unitOfWork.run(async (tx) => {
      const idea = await this.visibleForUpdate(caller, data.ideaId, tx);
      const collaborators = (await this.collaborations.ofIdea(idea.id, tx.manager)).filter((c) => c.status === 'accepted').map((c) => c.organisationId);
      if (!canEditCanvas(caller, idea, collaborators)) throw new Forbidden("Only the lead organisation, its collaborators and hub admins fill in an idea's canvas.");
      if (isClosed(idea.stage)) throw new IdeaClosed(idea.stage);
      const next: Idea = { ...idea, canvas: data.canvas, updatedAt: new Date() };
      await this.ideas.update(next, tx.manager);
      return next;
    });
    return this.view(caller, changed.id);
  }

  /** Another organisation asks to work on a submitted idea; the lead organisation answers. */
  async requestCollaboration(caller: Caller, data: InputOf<typeof RequestCollaboration>): Promise<CollaborationView> {
    const organisationId = leadOrganisationOf(caller, data.organisationId);
    const organisation = await this.organisations.findInHub(caller.hubId, organisationId);
    if (organisation?.status !== 'active') throw new LeadOrganisationNotActive();
    const asked = await this.unitOfWork.run(async (tx) => {
      const idea = await this.visibleForUpdate(caller, data.ideaId, tx);
      if (!isOpenToCollaboration(idea.stage)) throw new CollaborationNotOpen(idea.stage);
      const existing = await this.collaborations.findByOrganisation(idea.id, organisationId, tx.manager);
      if (idea.leadOrganisationId === organisationId || (existing && existing.status !== 'declined')) throw new AlreadyCollaborating();
      const collaboration: IdeaCollaboration = {
        id: existing?.id ?? uuidv7(),
        ideaId: idea.id,
        organisationId,
        status: 'requested',
        requestedBy: caller.personId,
        requestedAt: new Date(),
        decidedBy: null,
        decidedAt: null,
      };
      await this.collaborations.save(collaboration, tx.manager);
      return collaboration;
    });
    return this.views.collaboration(asked);
  }

  /** The lead organisation's members accept or decline a request; an accepted organisation joins (ideas.collaborator-joined). */
  async decideCollaboration(caller: Caller, data: InputOf<typeof DecideCollaboration>, correlationId: string): Promise<CollaborationView> {
    const decided = await this.unitOfWork.run(async (tx) => {
      const idea = await this.visibleForUpdate(caller, data.ideaId, tx);
      if (!isMemberOf(caller, idea.leadOrganisationId)) throw new Forbidden("Only the lead organisation's members answer a collaboration request.");
      const collaboration = await this.collaborations.findForUpdate(idea.id, data.requestId, tx.manager);
      if (!collaboration) throw new CollaborationNotFound();
      if (collaboration.status !== 'requested') throw new CollaborationDecided(collaboration.status);
      const next: IdeaCollaboration = { ...collaboration, status: data.accept ? 'accepted' : 'declined', decidedBy: caller.personId, decidedAt: new Date() };
      await this.collaborations.save(next, tx.manager);
      if (data.accept) {
        tx.publish(CollaboratorJoined, idea.hubId, { ideaId: idea.id, organisationId: next.organisationId, leadOrganisationId: idea.leadOrganisationId }, personCause(caller.personId, correlationId));
      }
      return next;
    });
    return this.views.collaboration(decided);
  }

  /** The idea, locked, if the caller may see it. */
  private async visibleForUpdate(caller: Caller, ideaId: string, tx: Transaction): Promise<Idea> {
    const idea = await this.ideas.findInHubForUpdate(caller.hubId, ideaId, tx.manager);
    if (!idea || !canSeeIdea(caller, idea)) throw new IdeaNotFound();
    return idea;
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
