import { z } from 'zod';
import { timestamp, view } from '../shared/views';

export const SESSION_STATUSES = ['planned', 'cancelled', 'held'] as const;
export type SessionStatus = (typeof SESSION_STATUSES)[number];

/** A calendar day, `2026-12-24` (Europe/Brussels). */
export const calendarDay = z.iso.date();

export const actionItemViewSchema = view(
  'ActionItemView',
  z.object({
    id: z.uuid(),
    sessionId: z.uuid(),
    description: z.string(),
    ownerId: z.uuid().describe('The mentor or a participant of the session.'),
    dueOn: calendarDay.describe('A Brussels calendar day; still open the day after, it is overdue (coaching.action-overdue).'),
    done: z.boolean(),
    doneAt: timestamp.nullable(),
  }),
);
export type ActionItemView = z.infer<typeof actionItemViewSchema>;

/** A coaching session of an assignment: the mentor and members of the idea's lead organisation. */
export const sessionViewSchema = view(
  'CoachingSessionView',
  z.object({
    id: z.uuid(),
    assignmentId: z.uuid(),
    idea: z.object({ id: z.uuid(), title: z.string() }),
    mentor: z.object({ personId: z.uuid(), name: z.string() }),
    participantIds: z.array(z.uuid()),
    participants: z
      .array(z.object({ personId: z.uuid(), name: z.string().nullable() }))
      .describe('The participants (as participantIds) with their display names; a name is null when partners cannot give it now (or the person left).'),
    startsAt: timestamp,
    durationMinutes: z.number().int(),
    place: z.string().describe('An address or a meeting link.'),
    status: z.enum(SESSION_STATUSES),
    cancelReason: z.string().nullable(),
    notes: z.string().describe('Written when the session is completed.'),
    heldAt: timestamp.nullable(),
    actionItems: z.array(actionItemViewSchema),
  }),
);
export type SessionView = z.infer<typeof sessionViewSchema>;

export const sessionListSchema = view(
  'CoachingSessionList',
  z.object({ items: z.array(sessionViewSchema), nextCursor: z.string().nullable().describe('The cursor of the next page (`cursor`), or null on the last page.') }),
);

/** The people a mentor may invite to a session of an assignment: the active members of the idea's lead organisation, by name. */
export const assignmentTeamSchema = view('AssignmentTeam', z.object({ items: z.array(z.object({ personId: z.uuid(), name: z.string() })) }));
export type AssignmentTeam = z.infer<typeof assignmentTeamSchema>;

/** A person's secret calendar feed: the path (under the API) a calendar client subscribes to. Renewing it ends the old one. */
export const calendarFeedViewSchema = view(
  'CalendarFeedView',
  z.object({
    path: z.string().describe('/api/v1/calendar-feeds/{token}: secret; anyone with it reads your sessions.'),
    createdAt: timestamp,
  }),
);
export type CalendarFeedView = z.infer<typeof calendarFeedViewSchema>;

/** An iCalendar document (RFC 5545), which the gateway answers as `text/calendar`. */
export const calendarTextSchema = view('CalendarText', z.object({ filename: z.string(), ics: z.string() }));
export type CalendarText = z.infer<typeof calendarTextSchema>;

/** The hub's session reminder lead times, minutes before the start, largest first; `isDefault` when the hub has none of its own (the configured default). */
export const reminderSettingsViewSchema = view('ReminderSettingsView', z.object({ sessionLeadMinutes: z.array(z.number().int()), isDefault: z.boolean() }));
export type ReminderSettingsView = z.infer<typeof reminderSettingsViewSchema>;
