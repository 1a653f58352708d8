import { z } from 'zod';
import { pageOf } from '../shared/page';
import { timestamp, view } from '../shared/views';

export const notificationViewSchema = view(
  'NotificationView',
  z.object({
    id: z.uuid(),
    kind: z.string(),
    title: z.string().describe("In the recipient's language."),
    body: z.string().describe("In the recipient's language."),
    link: z.string().nullable().describe('Where the web app links to, e.g. `/organisations/<id>`.'),
    createdAt: timestamp,
    readAt: timestamp.nullable(),
  }),
);
export type NotificationView = z.infer<typeof notificationViewSchema>;

export const notificationPageSchema = view('NotificationPage', pageOf(notificationViewSchema));
