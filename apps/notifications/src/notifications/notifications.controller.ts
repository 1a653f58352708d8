import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { Language, ListNotifications, MarkNotificationRead, NotificationView, Page, RequestEnvelope, validate } from '@cirkel/contracts';
import { NotificationsService } from './notifications.service';

/** Requests from the gateway: a person's own notifications. */
@Controller()
export class NotificationsController {
  constructor(private readonly notifications: NotificationsService) {}

  @MessagePattern(ListNotifications.pattern)
  list(@Payload() request: RequestEnvelope): Promise<Page<NotificationView>> {
    return this.notifications.list(request.caller, validate(ListNotifications.schema, request.data), languageOf(request));
  }

  @MessagePattern(MarkNotificationRead.pattern)
  markRead(@Payload() request: RequestEnvelope): Promise<NotificationView> {
    const { notificationId } = validate(MarkNotificationRead.schema, request.data);
    return this.notifications.markRead(request.caller, notificationId, languageOf(request));
  }
}

function languageOf(request: RequestEnvelope): Language {
  return request.language === 'en' ? 'en' : 'nl';
}
