import { z } from 'zod';
import { defineEvent } from '../events/event-contract';
import { workDomainSchema } from '../shared/vocabulary';

/** The coaching of one idea: proposals and acceptances of it share a version. */
const IDEA_COACHING = { type: 'idea-coaching', id: (data: { ideaId: string }) => data.ideaId };

/** Matching proposed an idea to a mentor (notifications tells the mentor). */
export const AssignmentProposed = defineEvent(
  'coaching.assignment-proposed',
  1,
  z.object({ assignmentId: z.uuid(), ideaId: z.uuid(), ideaTitle: z.string().min(1), workDomain: workDomainSchema, mentorId: z.uuid() }),
  IDEA_COACHING,
);
export const ASSIGNMENT_PROPOSED = AssignmentProposed.type;

/** A mentor accepted an idea: it may enter the coaching stage. */
export const AssignmentAccepted = defineEvent(
  'coaching.assignment-accepted',
  1,
  z.object({ assignmentId: z.uuid(), ideaId: z.uuid(), mentorId: z.uuid(), mentorName: z.string().optional().describe("The mentor's name (absent from events published before it was added).") }),
  IDEA_COACHING,
);
export const ASSIGNMENT_ACCEPTED = AssignmentAccepted.type;

/** One coaching session: planning, moves, cancellation and completion share a version. */
const COACHING_SESSION = { type: 'coaching-session', id: (data: { sessionId: string }) => data.sessionId };

/** What every session event says of the session as it is after the fact. */
const sessionFacts = {
  sessionId: z.uuid(),
  assignmentId: z.uuid(),
  ideaId: z.uuid(),
  ideaTitle: z.string().min(1),
  /** The mentor who coaches the idea (and runs the session). */
  mentorId: z.uuid(),
  /** The idea's team members taking part (the mentor not among them). */
  participantIds: z.array(z.uuid()),
  startsAt: z.iso.datetime({ offset: true }),
  durationMinutes: z.number().int().positive(),
  /** An address or a meeting link. */
  place: z.string(),
};

/** A mentor planned a coaching session with the idea's team. */
export const SessionPlanned = defineEvent('coaching.session-planned', 1, z.object(sessionFacts), COACHING_SESSION);
export const SESSION_PLANNED = SessionPlanned.type;

/** A planned session got another time, length or place (the reminders moved with it). */
export const SessionMoved = defineEvent(
  'coaching.session-moved',
  1,
  z.object({ ...sessionFacts, previousStartsAt: z.iso.datetime({ offset: true }) }),
  COACHING_SESSION,
);
export const SESSION_MOVED = SessionMoved.type;

/** A planned session will not take place (its reminders are removed). */
export const SessionCancelled = defineEvent('coaching.session-cancelled', 1, z.object({ ...sessionFacts, reason: z.string().nullable() }), COACHING_SESSION);
export const SESSION_CANCELLED = SessionCancelled.type;

/**
 * A session took place and the mentor completed it: reporting counts sessions held and their hours
 * from this event (`hours` = `durationMinutes` / 60, two decimals).
 */
export const SessionHeld = defineEvent(
  'coaching.session-held',
  1,
  z.object({ ...sessionFacts, hours: z.number().nonnegative(), actionItemCount: z.number().int().nonnegative() }),
  COACHING_SESSION,
);
export const SESSION_HELD = SessionHeld.type;

/**
 * A session starts in `leadMinutes` (1440 and 60 by default, COACHING_REMINDER_LEADS_MINUTES):
 * notifications tells the mentor and the participants. Published once per session, lead and start
 * time; never for a session moved or cancelled since the reminder was queued.
 */
export const SessionReminderDue = defineEvent(
  'coaching.session-reminder-due',
  1,
  z.object({ ...sessionFacts, leadMinutes: z.number().int().positive() }),
);
export const SESSION_REMINDER_DUE = SessionReminderDue.type;

/**
 * An action item is still open the day after its due date (09:00 Europe/Brussels): notifications
 * tells its owner (and the mentor). Published once per action item and due date.
 */
export const ActionOverdue = defineEvent(
  'coaching.action-overdue',
  1,
  z.object({
    actionItemId: z.uuid(),
    sessionId: z.uuid(),
    ideaId: z.uuid(),
    ideaTitle: z.string().min(1),
    description: z.string().min(1),
    ownerId: z.uuid(),
    mentorId: z.uuid(),
    /** The due date, a Brussels calendar day. */
    dueOn: z.iso.date(),
  }),
);
export const ACTION_OVERDUE = ActionOverdue.type;

/** A cancellation freed a place of a programme: the first on its waiting list is confirmed (notifications tells them). */
export const RegistrationPromoted = defineEvent(
  'coaching.registration-promoted',
  1,
  z.object({ programmeId: z.uuid(), programmeTitle: z.string().min(1), registrationId: z.uuid(), personId: z.uuid() }),
  { type: 'programme', id: (data: { programmeId: string }) => data.programmeId },
);
export const REGISTRATION_PROMOTED = RegistrationPromoted.type;

/**
 * What happened to a registration: `confirmed` or `waitlisted` when it was made, `cancelled`, or
 * `promoted` from the waiting list to a confirmed place. Its aggregate is the registration: a read
 * model keeps each registration's newest status (newest version wins). `organisationId` is the
 * organisation it was made for (the org_admin's when they registered a colleague, else the person's
 * first membership in the hub), or null for a person of no organisation.
 */
export const RegistrationChanged = defineEvent(
  'coaching.registration-changed',
  1,
  z.object({
    programmeId: z.uuid(),
    registrationId: z.uuid(),
    personId: z.uuid(),
    organisationId: z.uuid().nullable(),
    status: z.enum(['confirmed', 'waitlisted', 'cancelled', 'promoted']),
    /** The programme's places and, after this change, how many are confirmed and waiting. */
    capacity: z.number().int().positive(),
    confirmed: z.number().int().nonnegative(),
    waitlisted: z.number().int().nonnegative(),
  }),
  { type: 'programme-registration', id: (data: { registrationId: string }) => data.registrationId },
);
export const REGISTRATION_CHANGED = RegistrationChanged.type;

/**
 * A hub admin recorded (or corrected) who attended one session of a programme. Its aggregate is the
 * programme session: the newest version replaces the earlier record. Registration ids only (no
 * names): present and absent are the session's confirmed registrations at the time.
 */
export const AttendanceRecorded = defineEvent(
  'coaching.attendance-recorded',
  1,
  z.object({
    programmeId: z.uuid(),
    programmeSessionId: z.uuid(),
    startsAt: z.iso.datetime({ offset: true }),
    endsAt: z.iso.datetime({ offset: true }),
    presentRegistrationIds: z.array(z.uuid()),
    absentRegistrationIds: z.array(z.uuid()),
    present: z.number().int().nonnegative(),
    absent: z.number().int().nonnegative(),
  }),
  { type: 'programme-session', id: (data: { programmeSessionId: string }) => data.programmeSessionId },
);
export const ATTENDANCE_RECORDED = AttendanceRecorded.type;

export const COACHING_EVENTS = [
  AssignmentProposed,
  AssignmentAccepted,
  SessionPlanned,
  SessionMoved,
  SessionCancelled,
  SessionHeld,
  SessionReminderDue,
  ActionOverdue,
  RegistrationPromoted,
  RegistrationChanged,
  AttendanceRecorded,
] as const;
