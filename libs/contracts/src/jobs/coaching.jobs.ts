import { z } from 'zod';
import { defineJob } from './job-contract';

/** A proposal's answer time is over: if the mentor has not answered, the idea goes to the next mentor. */
export const ProposalTimeout = defineJob('coaching.proposal-timeout', z.strictObject({ assignmentId: z.uuid() }), {
  attempts: 5,
  backoff: { type: 'exponential', delayMs: 2000 },
});

/**
 * A session reminder's time has come. The job names the start it was queued for: a session moved
 * since (another start) or cancelled gets no reminder from it. Job id per session, lead and start.
 */
export const SessionReminder = defineJob(
  'coaching.session-reminder',
  z.strictObject({ sessionId: z.uuid(), leadMinutes: z.number().int().positive(), startsAt: z.iso.datetime({ offset: true }) }),
  { attempts: 5, backoff: { type: 'exponential', delayMs: 2000 } },
);

/** The day after an action item's due date: still open, it is overdue. Job id per action item and due date. */
export const ActionOverdueCheck = defineJob('coaching.action-overdue-check', z.strictObject({ actionItemId: z.uuid(), dueOn: z.iso.date() }), {
  attempts: 5,
  backoff: { type: 'exponential', delayMs: 2000 },
});
