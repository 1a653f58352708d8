import { z } from 'zod';
import { defineJob } from './job-contract';

/** A proposal's answer time is over: if the mentor has not answered, the idea goes to the next mentor. */
export const ProposalTimeout = defineJob('coaching.proposal-timeout', z.strictObject({ assignmentId: z.uuid() }), {
  attempts: 5,
  backoff: { type: 'exponential', delayMs: 2000 },
});

/**
 * A session reminder's time has come (one job per reminder, as queued before coaching kept its
 * reminders in PostgreSQL: only jobs queued before that still run). The job names the start it was
 * queued for: a session moved since (another start) or cancelled gets no reminder from it. Job id per
 * session, lead and start.
 */
export const SessionReminder = defineJob(
  'coaching.session-reminder',
  z.strictObject({ sessionId: z.uuid(), leadMinutes: z.number().int().positive(), startsAt: z.iso.datetime({ offset: true }) }),
  { attempts: 5, backoff: { type: 'exponential', delayMs: 2000 } },
);

/**
 * Session reminders are due: the job claims every reminder due by the time it runs (rows in
 * coaching's `session_reminder`) and sends them. One job per due bucket (its id names the bucket's
 * end, so reminders due in the same bucket share it), and a periodic one as a sweep.
 */
export const SessionRemindersDue = defineJob('coaching.session-reminders-due', z.strictObject({}), {
  attempts: 5,
  backoff: { type: 'exponential', delayMs: 1000 },
});

/** The day after an action item's due date: still open, it is overdue. Job id per action item and due date. */
export const ActionOverdueCheck = defineJob('coaching.action-overdue-check', z.strictObject({ actionItemId: z.uuid(), dueOn: z.iso.date() }), {
  attempts: 5,
  backoff: { type: 'exponential', delayMs: 2000 },
});
