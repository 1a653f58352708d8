import { z } from 'zod';
import { defineJob } from './job-contract';

/**
 * Send one e-mail (a row of notifications' `email_message`; the job id is the message's). Sent at
 * most once whatever the retries: the worker locks the row and skips a message already sent. An
 * SMTP server that is down is waited out: ten attempts, doubling from 2 s (about half an hour).
 */
export const SendEmail = defineJob('notifications.send-email', z.strictObject({ messageId: z.uuid() }), {
  attempts: 10,
  backoff: { type: 'exponential', delayMs: 2000 },
});
