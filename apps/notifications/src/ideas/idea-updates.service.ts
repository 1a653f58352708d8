import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { RoleCopyRepository } from '@cirkel/auth';
import { CollaboratorJoined, EventOf, IdeaStageChanged } from '@cirkel/contracts';
import { Alerts } from '../alerts/alerts.service';
import { IdeaCopyRepository } from './idea-copy.repository';

/**
 * The members of an idea's lead and collaborating organisations hear of its moves and of a new
 * collaborator (category `idea-updates`: in the app, e-mail in the daily digest by default); the
 * person who made the change is not told of it.
 */
@Injectable()
export class IdeaUpdates {
  constructor(
    private readonly ideas: IdeaCopyRepository,
    private readonly alerts: Alerts,
    private readonly roles: RoleCopyRepository,
  ) {}

  async stageChanged(manager: EntityManager, event: EventOf<typeof IdeaStageChanged>): Promise<number> {
    const { ideaId, from, to, leadOrganisationId } = event.data;
    if (from === 'draft') return 0; // the submission itself: the organisation knows, the mentors are told (ideas.submitted)
    const idea = await this.ideas.find(manager, ideaId);
    const members = await this.roles.membersOf(manager, event.hubId, [leadOrganisationId, ...(idea?.collaboratorIds ?? [])]);
    const recipients = members.filter((personId) => personId !== event.actor.personId);
    // The title is looked up when the message is read or sent (idea-titles.ts): `ideas.submitted` may come after.
    return this.alerts.tell(manager, { source: event, recipients, category: 'idea-updates', kind: 'idea-stage-changed', params: { ideaId, from, to }, link: `/ideas/${ideaId}` });
  }

  async collaboratorJoined(manager: EntityManager, event: EventOf<typeof CollaboratorJoined>): Promise<number> {
    const { ideaId, organisationId, leadOrganisationId } = event.data;
    await this.ideas.collaboratorJoined(manager, event.hubId, ideaId, leadOrganisationId, organisationId);
    const idea = await this.ideas.find(manager, ideaId);
    const members = await this.roles.membersOf(manager, event.hubId, [leadOrganisationId, ...(idea?.collaboratorIds ?? [])]);
    const recipients = members.filter((personId) => personId !== event.actor.personId);
    return this.alerts.tell(manager, { source: event, recipients, category: 'idea-updates', kind: 'collaborator-joined', params: { ideaId, organisationId }, link: `/ideas/${ideaId}` });
  }
}
