import { z } from 'zod';
import type { CirkelConfig } from './cirkel-config';

/** `1440,60`: minutes before a session that its reminders go out, each distinct and positive. */
const leadMinutes = z
  .string()
  .regex(/^\d+(,\d+)*$/, 'minutes before a session, separated by commas, such as 1440,60')
  .transform((s) => [...new Set(s.split(',').map(Number))].sort((a, b) => b - a))
  .refine((leads) => leads.every((m) => m >= 1 && m <= 30 * 24 * 60), 'each between 1 minute and 30 days');

/** The settings only coaching reads. */
export const coachingEnvironment = z.object({
  /** How long a mentor has to answer a proposed idea before it goes to the next mentor. */
  COACHING_PROPOSAL_TIMEOUT_HOURS: z.coerce.number().min(0.001).max(24 * 30).default(72),
  /** When session reminders go out: minutes before the start (24 h and 1 h by default). */
  COACHING_REMINDER_LEADS_MINUTES: leadMinutes.prefault('1440,60'),
  /** The hour (Europe/Brussels) of the day after its due date at which an open action item is overdue. */
  COACHING_ACTION_OVERDUE_HOUR: z.coerce.number().int().min(0).max(23).default(9),
});

export interface CoachingSettings {
  coaching: { proposalTimeoutMs: number; reminderLeadsMinutes: number[]; actionOverdueHour: number };
}

export type CoachingConfig = CirkelConfig & CoachingSettings;

export function coachingSettings(e: z.output<typeof coachingEnvironment>): CoachingSettings {
  return {
    coaching: {
      proposalTimeoutMs: Math.round(e.COACHING_PROPOSAL_TIMEOUT_HOURS * 3_600_000),
      reminderLeadsMinutes: e.COACHING_REMINDER_LEADS_MINUTES,
      actionOverdueHour: e.COACHING_ACTION_OVERDUE_HOUR,
    },
  };
}
