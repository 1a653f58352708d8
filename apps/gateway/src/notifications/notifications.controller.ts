import { Controller, Get, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { ListNotifications, MarkNotificationRead, NotificationView, Page } from '@cirkel/contracts';
import { RequestClient } from '@cirkel/messaging';
import { ApiAnswer } from '../http/api-answer.decorator';
import { ApiProblems } from '../http/api-problems.decorator';
import { Origin, RequestOrigin } from '../http/origin.decorator';
import { UuidParam, ZodQuery } from '../http/validated.decorators';

const notificationsQuerySchema = ListNotifications.input;
type NotificationsQuery = z.input<typeof notificationsQuerySchema>;

@ApiTags('notifications')
@ApiBearerAuth()
@Controller('notifications')
export class NotificationsController {
  constructor(private readonly requests: RequestClient) {}

  @Get()
  @ApiOperation({ summary: "The caller's in-app notifications, newest first, by cursor; unread=true for unread only" })
  @ApiAnswer(ListNotifications, 'A page of notifications, newest first')
  @ApiProblems(400, 401, 503)
  list(@ZodQuery(notificationsQuerySchema) query: NotificationsQuery, @Origin() origin: RequestOrigin): Promise<Page<NotificationView>> {
    return this.requests.send(ListNotifications, { ...origin, data: query });
  }

  @Post(':id/read')
  @HttpCode(200)
  @ApiOperation({ summary: 'Mark one of the caller\'s notifications read' })
  @ApiAnswer(MarkNotificationRead, 'The notification, with readAt')
  @ApiProblems(400, 401, 404, 503)
  markRead(@UuidParam('id') notificationId: string, @Origin() origin: RequestOrigin): Promise<NotificationView> {
    return this.requests.send(MarkNotificationRead, { ...origin, data: { notificationId } });
  }
}
