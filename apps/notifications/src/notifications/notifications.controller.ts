import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { Access } from '@cirkel/auth';
import { AnswerOf, CountUnreadNotifications, ListNotifications, MarkAllNotificationsRead, MarkNotificationRead, RequestOf } from '@cirkel/contracts';
import { Answers } from '@cirkel/messaging';
import { NotificationsService } from './notifications.service';

/** Requests from the gateway: a person's own notifications, in the language the request asks for. */
@Controller()
export class NotificationsController {
  constructor(
    private readonly access: Access,
    private readonly notifications: NotificationsService,
  ) {}

  @Answers(ListNotifications)
  async list(@Payload() request: RequestOf<typeof ListNotifications>): Promise<AnswerOf<typeof ListNotifications>> {
    return this.notifications.list(await this.access.requireCaller(request), request.data, request.language);
  }

  @Answers(CountUnreadNotifications)
  async unreadCount(@Payload() request: RequestOf<typeof CountUnreadNotifications>): Promise<AnswerOf<typeof CountUnreadNotifications>> {
    return this.notifications.unreadCount(await this.access.requireCaller(request));
  }

  @Answers(MarkAllNotificationsRead)
  async markAllRead(@Payload() request: RequestOf<typeof MarkAllNotificationsRead>): Promise<AnswerOf<typeof MarkAllNotificationsRead>> {
    return this.notifications.markAllRead(await this.access.requireCaller(request));
  }

  @Answers(MarkNotificationRead)
  async markRead(@Payload() request: RequestOf<typeof MarkNotificationRead>): Promise<AnswerOf<typeof MarkNotificationRead>> {
    return this.notifications.markRead(await this.access.requireCaller(request), request.data.notificationId, request.language);
  }
}
