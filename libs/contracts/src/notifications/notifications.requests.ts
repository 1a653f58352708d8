import { z } from 'zod';
import { defineRequest } from '../requests/request-contract';
import { pageQuery } from '../shared/page';
import { notificationPageSchema, notificationViewSchema } from './notifications.views';

export const ListNotifications = defineRequest('notifications.list', {
  input: z.strictObject({ ...pageQuery, unread: z.enum(['true', 'false']).transform((v) => v === 'true').optional() }),
  answer: notificationPageSchema,
});

export const MarkNotificationRead = defineRequest('notifications.mark-read', {
  input: z.strictObject({ notificationId: z.uuid() }),
  answer: notificationViewSchema,
});
