import { z } from 'zod';
import { defineRequest } from '../requests/request-contract';
import { pageQuery } from '../shared/page';
import { view } from '../shared/views';
import { notificationPageSchema, notificationViewSchema } from './notifications.views';

export const ListNotifications = defineRequest('notifications.list', {
  input: z.strictObject({ ...pageQuery, unread: z.enum(['true', 'false']).transform((v) => v === 'true').optional() }),
  answer: notificationPageSchema,
});

export const MarkNotificationRead = defineRequest('notifications.mark-read', {
  input: z.strictObject({ notificationId: z.uuid() }),
  answer: notificationViewSchema,
});

export const unreadCountViewSchema = view('UnreadCountView', z.object({ unread: z.number().int().nonnegative() }));

/** How many of the caller's notifications are unread. */
export const CountUnreadNotifications = defineRequest('notifications.unread-count', {
  input: z.strictObject({}),
  answer: unreadCountViewSchema,
});

export const markedReadViewSchema = view('MarkedReadView', z.object({ marked: z.number().int().nonnegative() }));

/** Marks every unread notification of the caller read. */
export const MarkAllNotificationsRead = defineRequest('notifications.mark-all-read', {
  input: z.strictObject({}),
  answer: markedReadViewSchema,
});
