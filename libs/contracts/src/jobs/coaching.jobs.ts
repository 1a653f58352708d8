import { z } from 'zod';
import { defineJob } from './job-contract';

/** A proposal's answer time is over: if the mentor has not answered, the idea goes to the next mentor. */
export const ProposalTimeout = defineJob('coaching.proposal-timeout', z.strictObject({ assignmentId: z.uuid() }), {
  attempts: 5,
  backoff: { type: 'exponential', delayMs: 2000 },
});
