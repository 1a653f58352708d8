import { Injectable } from '@nestjs/common';
import { Caller, CollaborationView, IdeaSummaryView, IdeaView } from '@cirkel/contracts';
import { KnownOrganisationRepository } from '../organisations/known-organisation.repository';
import { IdeaCollaboration } from './idea-collaboration.entity';
import { canChangeIdea, movesFor } from './idea-pipeline.rules';
import { IdeaDetails, IdeaSummaryRow } from './idea.repository';

/** Ideas as the API shows them: with their organisations' names, and (one idea) canvas, history and collaborators. */
@Injectable()
export class IdeaViews {
  constructor(private readonly organisations: KnownOrganisationRepository) {}

  /** One idea as `caller` sees it (`IdeaRepository.details`): the open collaboration requests only for who may answer them. */
  one({ idea, leadOrganisationName, history, collaborations }: IdeaDetails, caller: Caller): IdeaView {
    const names = new Map(collaborations.map((c) => [c.organisationId, c.organisationName ?? '']));
    const accepted = collaborations.filter((c) => c.status === 'accepted');
    const open = collaborations.filter((c) => c.status === 'requested');
    return {
      ...summaryOf(idea, leadOrganisationName ?? ''),
      canvas: idea.canvas,
      history: history.map((t) => ({ from: t.fromStage, to: t.toStage, by: t.byPerson, at: t.at.toISOString(), reason: t.reason })),
      collaborators: accepted.map((c) => ({ id: c.organisationId, name: names.get(c.organisationId) ?? '' })),
      mentor: idea.mentorId ? { id: idea.mentorId, name: idea.mentorName ?? '' } : null,
      collaborationRequests: canChangeIdea(caller, idea) ? open.map((c) => collaborationOf(c, names)) : null,
      moves: movesFor(caller, idea),
    };
  }

  /** A page of the list: its rows carry their lead organisation's name. */
  many(rows: IdeaSummaryRow[]): IdeaSummaryView[] {
    return rows.map((row) => summaryOf(row, row.leadOrganisationName ?? ''));
  }

  async collaboration(collaboration: IdeaCollaboration): Promise<CollaborationView> {
    return collaborationOf(collaboration, await this.organisations.namesOf([collaboration.organisationId]));
  }
}

function summaryOf(idea: Omit<IdeaSummaryRow, 'leadOrganisationName'>, leadOrganisationName: string): IdeaSummaryView {
  return {
    id: idea.id,
    hubId: idea.hubId,
    title: idea.title,
    summary: idea.summary,
    workDomain: idea.workDomain,
    strategies: idea.strategies,
    sdgs: idea.sdgs,
    expectedJobs: { regular: idea.expectedJobsRegular, social: idea.expectedJobsSocial },
    leadOrganisation: { id: idea.leadOrganisationId, name: leadOrganisationName },
    stage: idea.stage,
    createdAt: idea.createdAt.toISOString(),
    updatedAt: idea.updatedAt.toISOString(),
  };
}

function collaborationOf(c: IdeaCollaboration, names: Map<string, string>): CollaborationView {
  return {
    id: c.id,
    ideaId: c.ideaId,
    organisation: { id: c.organisationId, name: names.get(c.organisationId) ?? '' },
    status: c.status,
    requestedAt: c.requestedAt.toISOString(),
    decidedAt: c.decidedAt?.toISOString() ?? null,
  };
}
