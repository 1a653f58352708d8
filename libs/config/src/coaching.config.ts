import { z } from 'zod';
import type { CirkelConfig } from './cirkel-config';

/** The settings only coaching reads. */
export const coachingEnvironment = z.object({
  /** How long a mentor has to answer a proposed idea before it goes to the next mentor. */
  COACHING_PROPOSAL_TIMEOUT_HOURS: z.coerce.number().min(0.001).max(24 * 30).default(72),
});

export interface CoachingSettings {
  coaching: { proposalTimeoutMs: number };
}

export type CoachingConfig = CirkelConfig & CoachingSettings;

export function coachingSettings(e: z.output<typeof coachingEnvironment>): CoachingSettings {
  return { coaching: { proposalTimeoutMs: Math.round(e.COACHING_PROPOSAL_TIMEOUT_HOURS * 3_600_000) } };
}
