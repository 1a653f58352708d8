import { Injectable } from '@nestjs/common';
import { IdeaSummaryView, IdeaView } from '@cirkel/contracts';
import { KnownOrganisationRepository } from '../organisations/known-organisation.repository';
import { Idea } from './idea.entity';
import { IdeaRepository } from './idea.repository';

/** Ideas as the API shows them: with their lead organisation's name, and (one idea) canvas and history. */
@Injectable()
export class IdeaViews {
  constructor(
    private readonly ideas: IdeaRepository,
    private readonly organisations: KnownOrganisationRepository,
  ) {}

  async one(idea: Idea): Promise<IdeaView> {
    const [[summary], history] = await Promise.all([this.many([idea]), this.ideas.history(idea.id)]);
    return {
      ...summary,
      canvas: idea.canvas,
      history: history.map((t) => ({ from: t.fromStage, to: t.toStage, by: t.byPerson, at: t.at.toISOString(), reason: t.reason })),
    };
  }

  async many(ideas: Idea[]): Promise<IdeaSummaryView[]> {
    const names = await this.organisations.namesOf([...new Set(ideas.map((i) => i.leadOrganisationId))]);
    return ideas.map((idea) => ({
      id: idea.id,
      hubId: idea.hubId,
      title: idea.title,
      summary: idea.summary,
      workDomain: idea.workDomain,
      strategies: idea.strategies,
      sdgs: idea.sdgs,
      expectedJobs: { regular: idea.expectedJobsRegular, social: idea.expectedJobsSocial },
      leadOrganisation: { id: idea.leadOrganisationId, name: names.get(idea.leadOrganisationId) ?? '' },
      stage: idea.stage,
      createdAt: idea.createdAt.toISOString(),
      updatedAt: idea.updatedAt.toISOString(),
    }));
  }
}
