import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Caller, EventOf, InputOf, Language, ListNotifications, NotFound, NotificationView, OrganisationChangeProposed, OrganisationRegistered, Page } from '@cirkel/contracts';
import { Alerts } from '../alerts/alerts.service';
import { IdeaCopyRepository } from '../ideas/idea-copy.repository';
import { ideaIdsOf, withIdeaTitle } from '../ideas/idea-titles';
import { RecipientRepository } from '../recipients/recipient.repository';
import { INBOX_KEYSET, positionOf } from './inbox-cursor';
import { Notification } from './notification.entity';
import { renderNotification } from './notification-messages';
import { NotificationRepository } from './notification.repository';

@Injectable()
export class NotificationsService {
  constructor(
    private readonly recipients: RecipientRepository,
    private readonly notifications: NotificationRepository,
    private readonly alerts: Alerts,
    private readonly ideas: IdeaCopyRepository,
  ) {}

  /** Every hub admin of the organisation's hub is told of a new registration (in the app and by e-mail, by their choice). */
  async organisationRegistered(manager: EntityManager, event: EventOf<typeof OrganisationRegistered>): Promise<number> {
    const admins = await this.recipients.withAnyHubRole(manager, event.hubId, ['hub_admin']);
    const params = { organisationId: event.data.organisationId, organisationName: event.data.name, registeredBy: event.data.registeredBy.name };
    const link = `/organisations/${event.data.organisationId}`;
    return this.alerts.tell(manager, { source: event, recipients: admins, category: 'registrations', kind: 'organisation-registered', params, link });
  }

  /** Every hub admin of the hub is told that an active organisation's new name or enterprise number waits for their approval (category `registrations`). */
  async organisationChangeProposed(manager: EntityManager, event: EventOf<typeof OrganisationChangeProposed>): Promise<number> {
    const { organisationId, name, proposedName, proposedEnterpriseNumber } = event.data;
    const admins = await this.recipients.withAnyHubRole(manager, event.hubId, ['hub_admin']);
    const params: Record<string, string> = { organisationId, organisationName: name };
    if (proposedName !== undefined) params.proposedName = proposedName;
    if (proposedEnterpriseNumber !== undefined) params.proposedEnterpriseNumber = proposedEnterpriseNumber ?? '';
    return this.alerts.tell(manager, { source: event, recipients: admins, category: 'registrations', kind: 'organisation-change-proposed', params, link: `/organisations/${organisationId}` });
  }

  /** The caller's own notifications, newest first. */
  async list(caller: Caller, query: InputOf<typeof ListNotifications>, language: Language): Promise<Page<NotificationView>> {
    const rows = await this.notifications.page(caller.hubId, caller.personId, query.limit + 1, query.cursor ? positionOf(query.cursor) : null, query.unread);
    const page = INBOX_KEYSET.page(rows, query.limit, (n) => [n.createdAt.toISOString(), n.id]);
    const titles = await this.ideas.titles(ideaIdsOf(page.rows.map((n) => n.params)));
    return { items: page.rows.map((n) => toView(n, language, titles)), nextCursor: page.nextCursor };
  }

  async unreadCount(caller: Caller): Promise<{ unread: number }> {
    return { unread: await this.notifications.countUnread(caller.hubId, caller.personId) };
  }

  async markAllRead(caller: Caller): Promise<{ marked: number }> {
    return { marked: await this.notifications.markAllRead(caller.hubId, caller.personId) };
  }

  async markRead(caller: Caller, id: string, language: Language): Promise<NotificationView> {
    const notification = await this.notifications.markRead(caller.hubId, caller.personId, id);
    if (!notification) throw new NotFound(`Notification ${id}`, 'notification-not-found');
    return toView(notification, language, await this.ideas.titles(ideaIdsOf([notification.params])));
  }
}

function toView(n: Notification, language: Language, titles: ReadonlyMap<string, string>): NotificationView {
  const { title, body } = renderNotification(n.kind, language, withIdeaTitle(n.params, titles));
  return { id: n.id, kind: n.kind, title, body, link: n.link, createdAt: n.createdAt.toISOString(), readAt: n.readAt?.toISOString() ?? null };
}
