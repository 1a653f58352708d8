import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import { EventOf, IdeaSubmitted } from '@cirkel/contracts';
import { EmailOutbox } from '../mail/email-outbox';
import { NotificationRepository } from '../notifications/notification.repository';
import { MentorProfileRepository } from './mentor-profile.repository';

/**
 * Mentors are told of a new idea in one of their work domains while they are available (the
 * `ideas.submitted` row of the table): in the app and by e-mail at once.
 */
@Injectable()
export class MentorAlerts {
  constructor(
    private readonly profiles: MentorProfileRepository,
    private readonly notifications: NotificationRepository,
    private readonly email: EmailOutbox,
  ) {}

  async ideaSubmitted(manager: EntityManager, event: EventOf<typeof IdeaSubmitted>): Promise<number> {
    const at = new Date(event.occurredAt);
    const mentors = await this.profiles.availableFor(manager, event.hubId, event.data.workDomain, at);
    const params = { ideaId: event.data.ideaId, ideaTitle: event.data.title, workDomain: event.data.workDomain };
    const link = `/ideas/${event.data.ideaId}`;
    await this.notifications.addAll(
      manager,
      mentors.map((personId) => ({ id: uuidv7(), hubId: event.hubId, recipientId: personId, kind: 'idea-submitted', params, link, sourceEventId: event.id, createdAt: at, readAt: null })),
    );
    for (const personId of mentors) {
      await this.email.queue(manager, {
        messageKey: `${event.type}.${event.id}.${personId}`,
        hubId: event.hubId,
        kind: 'idea-submitted',
        source: 'person',
        sourceId: personId,
        params: { ...params, link },
        createdAt: at,
      });
    }
    return mentors.length;
  }
}
