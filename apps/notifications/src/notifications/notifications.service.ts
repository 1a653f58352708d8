import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import { Caller, EventData, EventEnvelope, Language, NotFound, NotificationView, OrganisationRegistered, Page, Unauthenticated } from '@cirkel/contracts';
import { RecipientRepository } from '../recipients/recipient.repository';
import { decodeCursor, encodeCursor } from './inbox-cursor';
import { Notification } from './notification.entity';
import { renderNotification } from './notification-messages';
import { NotificationRepository } from './notification.repository';

@Injectable()
export class NotificationsService {
  constructor(
    private readonly recipients: RecipientRepository,
    private readonly notifications: NotificationRepository,
  ) {}

  /** Every hub admin of the organisation's hub is told of a new registration. */
  async organisationRegistered(manager: EntityManager, event: EventEnvelope<EventData<typeof OrganisationRegistered>>): Promise<number> {
    const admins = await this.recipients.withHubRole(manager, event.hubId, 'hub_admin');
    const params = { organisationId: event.data.organisationId, organisationName: event.data.name, registeredBy: event.data.registeredBy.name };
    await this.notifications.addAll(
      manager,
      admins.map((admin) => ({
        id: uuidv7(),
        hubId: event.hubId,
        recipientId: admin.personId,
        kind: 'organisation-registered',
        params,
        link: `/organisations/${event.data.organisationId}`,
        sourceEventId: event.id,
        createdAt: new Date(event.occurredAt),
        readAt: null,
      })),
    );
    return admins.length;
  }

  async list(caller: Caller | null, query: { cursor?: string; limit: number; unread?: boolean }, language: Language): Promise<Page<NotificationView>> {
    const who = requireCaller(caller);
    const rows = await this.notifications.page(who.hubId, who.personId, query.limit + 1, query.cursor ? decodeCursor(query.cursor) : null, query.unread);
    const items = rows.slice(0, query.limit);
    const last = items.at(-1);
    return {
      items: items.map((n) => toView(n, language)),
      nextCursor: rows.length > query.limit && last ? encodeCursor({ createdAt: last.createdAt, id: last.id }) : null,
    };
  }

  async markRead(caller: Caller | null, id: string, language: Language): Promise<NotificationView> {
    const who = requireCaller(caller);
    const notification = await this.notifications.markRead(who.hubId, who.personId, id);
    if (!notification) throw new NotFound(`Notification ${id}`, 'notification-not-found');
    return toView(notification, language);
  }
}

function requireCaller(caller: Caller | null): Caller {
  if (!caller) throw new Unauthenticated();
  return caller;
}

function toView(n: Notification, language: Language): NotificationView {
  const { title, body } = renderNotification(n.kind, language, n.params);
  return { id: n.id, kind: n.kind, title, body, link: n.link, createdAt: n.createdAt.toISOString(), readAt: n.readAt?.toISOString() ?? null };
}
