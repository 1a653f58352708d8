import { z } from 'zod';
import type { CirkelConfig } from './cirkel-config';

/** Public, so that development needs no setup; refused in production. */
export const DEVELOPMENT_REFERENCE_KEY = 'cirkel-development-reference-key-change-me';

/** The settings only reporting reads. */
export const reportingEnvironment = z.object({
  /**
   * The key of the keyed hash (HMAC-SHA256) of a participant's reference: without it the database
   * alone cannot be joined to the job coaches' own lists. To change it, move the old one to
   * REPORTING_REFERENCE_PREVIOUS_KEYS (changing it without that makes every reference new).
   */
  REPORTING_REFERENCE_KEY: z.string().min(32, 'at least 32 characters').default(DEVELOPMENT_REFERENCE_KEY),
  /**
   * The keys REPORTING_REFERENCE_KEY had before, oldest first, comma-separated: a rotation keeps
   * them (each participant's hash is rehashed under the new key, and a reference is found by the
   * chain of all of them; docs/decisions.md). Empty until the first rotation.
   */
  REPORTING_REFERENCE_PREVIOUS_KEYS: z
    .string()
    .default('')
    .transform((v) => v.split(',').map((k) => k.trim()).filter((k) => k.length > 0))
    .pipe(z.array(z.string().min(32, 'each at least 32 characters'))),
});

export interface ReportingSettings {
  /** `referenceKeys`: every key the reference hash has had, oldest first; the last is REPORTING_REFERENCE_KEY, the current one (its version is the list's length). */
  reporting: { referenceKey: string; referenceKeys: string[] };
}

export type ReportingConfig = CirkelConfig & ReportingSettings;

export function reportingSettings(e: z.output<typeof reportingEnvironment>, nodeEnv: CirkelConfig['nodeEnv']): { config: ReportingSettings; problems: string[] } {
  const problems = [
    ...(nodeEnv === 'production' && e.REPORTING_REFERENCE_KEY === DEVELOPMENT_REFERENCE_KEY ? ['REPORTING_REFERENCE_KEY: set a key of your own (at least 32 characters); the development default is public'] : []),
    ...(e.REPORTING_REFERENCE_PREVIOUS_KEYS.includes(e.REPORTING_REFERENCE_KEY) ? ['REPORTING_REFERENCE_PREVIOUS_KEYS: holds REPORTING_REFERENCE_KEY; a rotation adds the old key there and sets a new one'] : []),
  ];
  return { config: { reporting: { referenceKey: e.REPORTING_REFERENCE_KEY, referenceKeys: [...e.REPORTING_REFERENCE_PREVIOUS_KEYS, e.REPORTING_REFERENCE_KEY] } }, problems };
}
