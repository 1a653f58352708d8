import { Controller, Get, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { CountUnreadNotifications, ListNotifications, MarkAllNotificationsRead, MarkNotificationRead, NotificationView, Page } from '@cirkel/contracts';
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

  @Get('unread-count')
  @ApiOperation({ summary: "How many of the caller's notifications are unread" })
  @ApiAnswer(CountUnreadNotifications, 'The number of unread notifications')
  @ApiProblems(401, 503)
  unreadCount(@Origin() origin: RequestOrigin): Promise<{ unread: number }> {
    return this.requests.send(CountUnreadNotifications, { ...origin, data: {} });
  }

  @Post('read-all')
  @HttpCode(200)
  @ApiOperation({ summary: "Mark every unread notification of the caller read" })
  @ApiAnswer(MarkAllNotificationsRead, 'How many were marked read')
  @ApiProblems(401, 503)
  markAllRead(@Origin() origin: RequestOrigin): Promise<{ marked: number }> {
    return this.requests.send(MarkAllNotificationsRead, { ...origin, data: {} });
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
