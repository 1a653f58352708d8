import { z } from 'zod';
import { defineRequest } from '../requests/request-contract';
import { multiLineText, singleLineText } from '../shared/text';
import { timestamp } from '../shared/views';
import { actionItemViewSchema, assignmentTeamSchema, calendarDay, calendarFeedViewSchema, calendarTextSchema, reminderSettingsViewSchema, sessionListSchema, sessionViewSchema } from './sessions.views';

const durationMinutes = z.number().int().min(15, 'at least 15 minutes').max(8 * 60, 'at most 8 hours');
const place = singleLineText({ min: 1, max: 300 });
const participantIds = z
  .array(z.uuid())
  .max(30)
  .refine((ids) => new Set(ids).size === ids.length, 'each participant once');

/** The assignment's mentor plans a session with members of the idea's lead organisation. */
export const PlanSession = defineRequest('coaching.plan-session', {
  input: z.strictObject({ assignmentId: z.uuid(), startsAt: timestamp, durationMinutes, place, participantIds: participantIds.default([]) }),
  answer: sessionViewSchema,
});

/** The assignment's mentor: whom a session may have (the idea's lead organisation's active members, by name). */
export const GetAssignmentTeam = defineRequest('coaching.get-assignment-team', {
  input: z.strictObject({ assignmentId: z.uuid() }),
  answer: assignmentTeamSchema,
});

const someChange = (d: { startsAt?: string; durationMinutes?: number; place?: string; participantIds?: string[] }) =>
  d.startsAt !== undefined || d.durationMinutes !== undefined || d.place !== undefined || d.participantIds !== undefined;
const SOME_CHANGE = 'change at least one of startsAt, durationMinutes, place, participantIds';
const sessionChanges = z.strictObject({ startsAt: timestamp.optional(), durationMinutes: durationMinutes.optional(), place: place.optional(), participantIds: participantIds.optional() });

/** What `PATCH /sessions/{id}` changes of a planned session (at least one thing). */
export const sessionChangesBody = sessionChanges.refine(someChange, SOME_CHANGE);

/** The mentor moves a planned session (another time, length, place or participants); its reminders move with it. */
export const MoveSession = defineRequest('coaching.move-session', {
  input: sessionChanges.extend({ sessionId: z.uuid() }).refine(someChange, SOME_CHANGE),
  answer: sessionViewSchema,
});

/** The mentor cancels a planned session; its reminders are removed. */
export const CancelSession = defineRequest('coaching.cancel-session', {
  input: z.strictObject({ sessionId: z.uuid(), reason: singleLineText({ min: 1, max: 500 }).nullable().default(null) }),
  answer: sessionViewSchema,
});

/** The mentor completes a session that has started: notes, and action items with an owner and a due date. */
export const CompleteSession = defineRequest('coaching.complete-session', {
  input: z.strictObject({
    sessionId: z.uuid(),
    notes: multiLineText({ min: 0, max: 10_000 }).default(''),
    actionItems: z
      .array(z.strictObject({ description: singleLineText({ min: 1, max: 500 }), ownerId: z.uuid(), dueOn: calendarDay }))
      .max(50)
      .default([]),
  }),
  answer: sessionViewSchema,
});

/**
 * The caller's sessions (as mentor or participant) starting in [from, to), by start, a page (`limit`,
 * at most 500) at a time. With `ideaId`, only that idea's: for a hub admin every session of the idea,
 * for anyone else their own of it.
 */
export const ListMySessions = defineRequest('coaching.list-my-sessions', {
  input: z
    .strictObject({
      from: timestamp.optional(),
      to: timestamp.optional(),
      ideaId: z.uuid().optional().describe("Only this idea's sessions: a hub admin gets every session of it, anyone else their own of it"),
      cursor: z.string().max(200).optional(),
      limit: z.coerce.number().int().min(1).max(500).default(100),
    })
    .refine((d) => !d.from || !d.to || Date.parse(d.from) < Date.parse(d.to), { message: 'from must come before to', path: ['to'] }),
  answer: sessionListSchema,
});

/** The owner of an action item (or the session's mentor) marks it done, or open again. */
export const SetActionItemDone = defineRequest('coaching.set-action-item-done', {
  input: z.strictObject({ actionItemId: z.uuid(), done: z.boolean() }),
  answer: actionItemViewSchema,
});

/** Makes (or renews) the caller's secret calendar feed; an old feed address stops working. */
export const RenewCalendarFeed = defineRequest('coaching.renew-calendar-feed', {
  input: z.strictObject({}),
  answer: calendarFeedViewSchema,
});

/** The caller's calendar feed as it is (not renewed); a 404 (calendar-feed-not-found) when they have none. */
export const GetOwnCalendarFeed = defineRequest('coaching.get-own-calendar-feed', {
  input: z.strictObject({}),
  answer: calendarFeedViewSchema,
});

/** The calendar of the feed's owner: their sessions as mentor or participant (anyone with the token; no caller). */
export const GetCalendarFeed = defineRequest('coaching.get-calendar-feed', {
  anonymous: true,
  input: z.strictObject({ token: z.string().regex(/^[A-Za-z0-9_-]{43}$/, 'a calendar feed token') }),
  answer: calendarTextSchema,
});

/** One session as an iCalendar file (its mentor and participants), to attach or import. */
export const GetSessionCalendar = defineRequest('coaching.get-session-calendar', {
  input: z.strictObject({ sessionId: z.uuid() }),
  answer: calendarTextSchema,
});

/** Minutes before a session's start its reminders go out: one to five, distinct, from 5 minutes to 14 days. */
const sessionLeadMinutes = z
  .array(z.number().int().min(5, 'at least 5 minutes').max(14 * 24 * 60, 'at most 14 days'))
  .min(1)
  .max(5)
  .refine((leads) => new Set(leads).size === leads.length, 'each lead time once');

/** The hub's session reminder lead times (hub admins). */
export const GetReminderSettings = defineRequest('coaching.get-reminder-settings', {
  input: z.strictObject({}),
  answer: reminderSettingsViewSchema,
});

/** A hub admin sets the hub's session reminder lead times: sessions planned from then on, and those still ahead, get reminders at these times only. */
export const PutReminderSettings = defineRequest('coaching.put-reminder-settings', {
  input: z.strictObject({ sessionLeadMinutes }),
  answer: reminderSettingsViewSchema,
});
