import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AssignmentProposed, EventOf, IdeaSubmitted } from '@cirkel/contracts';
import { Alerts } from '../alerts/alerts.service';
import { IdeaCopyRepository } from '../ideas/idea-copy.repository';
import { MentorProfileRepository } from './mentor-profile.repository';

/** What mentors are told: new ideas in their domains while they are available, ideas proposed to them. */
@Injectable()
export class MentorAlerts {
  constructor(
    private readonly profiles: MentorProfileRepository,
    private readonly alerts: Alerts,
    private readonly ideas: IdeaCopyRepository,
  ) {}

  async ideaSubmitted(manager: EntityManager, event: EventOf<typeof IdeaSubmitted>): Promise<number> {
    await this.ideas.submitted(manager, { ideaId: event.data.ideaId, hubId: event.hubId, title: event.data.title, leadOrganisationId: event.data.leadOrganisationId });
    const mentors = await this.profiles.availableFor(manager, event.hubId, event.data.workDomain, new Date(event.occurredAt));
    const params = { ideaId: event.data.ideaId, ideaTitle: event.data.title, workDomain: event.data.workDomain };
    return this.alerts.tell(manager, { source: event, recipients: mentors, category: 'new-ideas', kind: 'idea-submitted', params, link: `/ideas/${event.data.ideaId}` });
  }

  /** The proposed mentor, always (it cannot be switched off). */
  async assignmentProposed(manager: EntityManager, event: EventOf<typeof AssignmentProposed>): Promise<number> {
    const { ideaId, ideaTitle, workDomain, mentorId } = event.data;
    return this.alerts.tell(manager, { source: event, recipients: [mentorId], category: 'assignment-proposals', kind: 'assignment-proposed', params: { ideaId, ideaTitle, workDomain }, link: '/assignments' });
  }
}
