import { z } from 'zod';
import { defineRequest } from '../requests/request-contract';
import { pageQuery } from '../partners/partners.requests';

export const ListNotifications = defineRequest(
  'notifications.list',
  z.strictObject({ ...pageQuery, unread: z.enum(['true', 'false']).transform((v) => v === 'true').optional() }),
);

export const MarkNotificationRead = defineRequest('notifications.mark-read', z.strictObject({ notificationId: z.uuid() }));
