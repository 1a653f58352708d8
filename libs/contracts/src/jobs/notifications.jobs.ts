import { z } from 'zod';
import { defineJob } from './job-contract';

/**
 * Send one e-mail (a row of notifications' `email_message`; the job id is the message's and its
 * generation's). Sent at most once whatever the retries: the worker locks the row and skips a
 * message already sent. An SMTP server that is down is waited out: ten attempts, doubling from 2 s
 * (about 17 minutes); after that `ResendUnsentEmail` queues a new generation.
 */
export const SendEmail = defineJob('notifications.send-email', z.strictObject({ messageId: z.uuid() }), {
  attempts: 10,
  backoff: { type: 'exponential', delayMs: 2000 },
});

/**
 * Gather the messages people chose to get `daily` or `weekly` into one e-mail each. Job schedulers:
 * every day at 07:00 and every Monday at 07:00, Europe/Brussels; a run for a period that already
 * ran sends nothing more (one e-mail per person and period).
 */
export const SendDigests = defineJob('notifications.send-digests', z.strictObject({ rhythm: z.enum(['daily', 'weekly']) }), {
  attempts: 5,
  backoff: { type: 'exponential', delayMs: 5000 },
});

/**
 * Build and send a hub's weekly city digest for the ISO week that ended before the run (a job
 * scheduler per hub, Monday 07:00 Europe/Brussels). Built once per (hub, ISO week): a second run,
 * a second instance or a restart sends nothing more.
 */
export const CityDigest = defineJob('notifications.city-digest', z.strictObject({ hubId: z.uuid() }), {
  attempts: 8,
  backoff: { type: 'exponential', delayMs: 10_000 },
});

/**
 * The sweep of unsent e-mail (a job scheduler, one per deployment): every message neither sent nor
 * given up on whose send job is no longer waiting, delayed or active (its attempts ran out, it was
 * never queued, or Redis lost it) is queued again under a new job id, its next generation; a
 * message still unsent long after it was first queued is given up on, with the reason kept.
 */
export const ResendUnsentEmail = defineJob('notifications.resend-unsent-email', z.strictObject({}), {
  attempts: 3,
  backoff: { type: 'exponential', delayMs: 10_000 },
});
