import { z } from 'zod';
import { defineJob } from './job-contract';

/** A calendar month, `2026-12`. */
const month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'a month as YYYY-MM');

/**
 * Recount one month's totals per hub and event type from the daily tally (`event_tally`). Without
 * `month` (the nightly scheduler): the month of the Brussels day before the run.
 */
export const MonthlyTallyRecount = defineJob('reporting.monthly-tally-recount', z.strictObject({ month: month.optional() }), {
  attempts: 5,
  backoff: { type: 'exponential', delayMs: 2000 },
});

/**
 * Compute and store a hub's statistics of a year (the year, its quarters and months), replacing
 * what was stored: running it twice gives the same figures. Without `hubId` (the nightly scheduler):
 * every hub reporting knows, for the year of the Brussels day before the run. Added shortly after
 * placements change too (coalesced per hub and year).
 */
export const StatisticsRun = defineJob(
  'reporting.statistics-run',
  z.strictObject({ hubId: z.uuid().optional(), year: z.number().int().min(2000).max(2100).optional() }),
  { attempts: 5, backoff: { type: 'exponential', delayMs: 2000 } },
);

/**
 * Rehash every participant's reference hash made with an older version of the reference key to
 * version `toVersion` (the current one: the number of keys the app knows), in batches, reporting
 * its progress. Queued at start by an app that finds older ones; one job per version.
 */
export const ReferenceRehash = defineJob('reporting.reference-rehash', z.strictObject({ toVersion: z.number().int().min(2) }), {
  attempts: 5,
  backoff: { type: 'exponential', delayMs: 2000 },
});
