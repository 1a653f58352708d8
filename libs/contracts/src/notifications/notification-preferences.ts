import { z } from 'zod';
import { defineRequest } from '../requests/request-contract';
import { view } from '../shared/views';

/** What a person is told of, by category (the table); each has its defaults. */
export const NOTIFICATION_CATEGORIES = [
  /** A new idea in one of a mentor's work domains (`ideas.submitted`). */
  'new-ideas',
  /** An idea proposed to a mentor (`coaching.assignment-proposed`). */
  'assignment-proposals',
  /** A coaching session is coming (`coaching.session-reminder-due`). */
  'session-reminders',
  /** An action item is overdue (`coaching.action-overdue`). */
  'overdue-actions',
  /** An idea of one's organisation moved or got a collaborator (`ideas.stage-changed`, `ideas.collaborator-joined`). */
  'idea-updates',
  /** A new organisation registered (`partners.organisation-registered`, hub admins). */
  'registrations',
  /** A new charter to sign (`partners.charter-published`, org admins). */
  'charters',
  /** A place on a programme came free (`coaching.registration-promoted`). */
  'programme-registrations',
  /** The weekly city digest (city staff, hub admins). */
  'city-digest',
] as const;
export type NotificationCategory = (typeof NOTIFICATION_CATEGORIES)[number];
export const notificationCategorySchema = z.enum(NOTIFICATION_CATEGORIES);

/** How e-mail of a category comes: at once, gathered in the daily or weekly digest, or not. */
export const EMAIL_RHYTHMS = ['immediate', 'daily', 'weekly', 'off'] as const;
export type EmailRhythm = (typeof EMAIL_RHYTHMS)[number];
export const emailRhythmSchema = z.enum(EMAIL_RHYTHMS);

export interface CategoryDefaults {
  inApp: boolean;
  email: EmailRhythm;
  /** Cannot be switched off (nor changed): the person must know. */
  locked: boolean;
}

export const CATEGORY_DEFAULTS: Readonly<Record<NotificationCategory, CategoryDefaults>> = Object.freeze({
  'new-ideas': { inApp: true, email: 'immediate', locked: false },
  'assignment-proposals': { inApp: true, email: 'immediate', locked: true },
  'session-reminders': { inApp: true, email: 'immediate', locked: false },
  'overdue-actions': { inApp: true, email: 'immediate', locked: false },
  'idea-updates': { inApp: true, email: 'daily', locked: false },
  registrations: { inApp: true, email: 'immediate', locked: false },
  charters: { inApp: true, email: 'immediate', locked: true },
  'programme-registrations': { inApp: true, email: 'immediate', locked: false },
  'city-digest': { inApp: true, email: 'weekly', locked: false },
});

export const notificationPreferenceViewSchema = view(
  'NotificationPreferenceView',
  z.object({
    category: notificationCategorySchema,
    inApp: z.boolean(),
    email: emailRhythmSchema,
    canSwitchOff: z.boolean().describe('false: the category cannot be switched off or changed (an assignment proposed to a mentor, a new charter).'),
  }),
);
export type NotificationPreferenceView = z.infer<typeof notificationPreferenceViewSchema>;

export const notificationPreferencesViewSchema = view('NotificationPreferencesView', z.object({ items: z.array(notificationPreferenceViewSchema) }));
export type NotificationPreferencesView = z.infer<typeof notificationPreferencesViewSchema>;

/** The caller's preferences, every category (the defaults where they changed nothing). */
export const GetNotificationPreferences = defineRequest('notifications.get-preferences', {
  input: z.strictObject({}),
  answer: notificationPreferencesViewSchema,
});

/** Changes the categories named (the others stay); a category that cannot be switched off refuses any change (409 `preference-locked`). */
export const PutNotificationPreferences = defineRequest('notifications.put-preferences', {
  input: z.strictObject({
    preferences: z
      .array(z.strictObject({ category: notificationCategorySchema, inApp: z.boolean(), email: emailRhythmSchema }))
      .min(1)
      .max(NOTIFICATION_CATEGORIES.length)
      .refine((items) => new Set(items.map((i) => i.category)).size === items.length, 'each category once'),
  }),
  answer: notificationPreferencesViewSchema,
});

/** What the one-click link of a daily or weekly digest switches off: every category the person gets in that digest. */
export const DIGEST_UNSUBSCRIBES = ['daily-digest', 'weekly-digest'] as const;
export type DigestUnsubscribe = (typeof DIGEST_UNSUBSCRIBES)[number];

export const unsubscribedViewSchema = view(
  'UnsubscribedView',
  z.object({
    category: z.enum([...NOTIFICATION_CATEGORIES, ...DIGEST_UNSUBSCRIBES]).describe("The token's category, or the digest (`daily-digest`, `weekly-digest`) whose categories are now off"),
    email: z.literal('off'),
    switchedOff: z.array(notificationCategorySchema).describe('The categories whose e-mail this switched off'),
  }),
);
export type UnsubscribedView = z.infer<typeof unsubscribedViewSchema>;

/** One-click unsubscribe (RFC 8058): the signed token of an e-mail switches off that category's e-mail for that person (a digest's: the categories it gathers), nothing else. */
export const Unsubscribe = defineRequest('notifications.unsubscribe', {
  anonymous: true,
  input: z.strictObject({ token: z.string().min(10).max(500) }),
  answer: unsubscribedViewSchema,
});
