import { z } from 'zod';
import type { CirkelConfig } from './cirkel-config';

/** Public, so that development needs no setup; refused in production. */
export const DEVELOPMENT_REFERENCE_KEY = 'cirkel-development-reference-key-change-me';

/** The settings only reporting reads. */
export const reportingEnvironment = z.object({
  /**
   * The key of the keyed hash (HMAC-SHA256) of a participant's reference: without it the database
   * alone cannot be joined to the job coaches' own lists. Changing it makes every reference new.
   */
  REPORTING_REFERENCE_KEY: z.string().min(32, 'at least 32 characters').default(DEVELOPMENT_REFERENCE_KEY),
});

export interface ReportingSettings {
  reporting: { referenceKey: string };
}

export type ReportingConfig = CirkelConfig & ReportingSettings;

export function reportingSettings(e: z.output<typeof reportingEnvironment>, nodeEnv: CirkelConfig['nodeEnv']): { config: ReportingSettings; problems: string[] } {
  const problems =
    nodeEnv === 'production' && e.REPORTING_REFERENCE_KEY === DEVELOPMENT_REFERENCE_KEY ? ['REPORTING_REFERENCE_KEY: set a key of your own (at least 32 characters); the development default is public'] : [];
  return { config: { reporting: { referenceKey: e.REPORTING_REFERENCE_KEY } }, problems };
}
