import { z } from 'zod';
import { defineRequest } from '../requests/request-contract';
import { digestActivitySchema, digestFiguresViewSchema, digestJobsSchema } from '../reporting/reporting.views';
import { pageOf, pageQuery } from '../shared/page';
import { timestamp, view } from '../shared/views';

export const cityDigestSummarySchema = view(
  'CityDigestSummary',
  z.object({ id: z.uuid(), week: z.string().describe('The ISO week, `2026-W48`.'), createdAt: timestamp }),
);

export type CityDigestSummary = z.infer<typeof cityDigestSummarySchema>;

export const cityDigestListSchema = view('CityDigestList', pageOf(cityDigestSummarySchema));

export const cityDigestViewSchema = view(
  'CityDigestView',
  z.object({ id: z.uuid(), week: z.string(), createdAt: timestamp, figures: digestFiguresViewSchema.describe("Reporting's figures as the digest sent them (suppressed).") }),
);
export type CityDigestView = z.infer<typeof cityDigestViewSchema>;

/**
 * A past digest with everything it showed: version 1's figures, and the week's and the year's
 * activity and the year's jobs per month against the target (null for a digest built before
 * reporting gave them, which showed only the figures).
 */
export const cityDigestV2ViewSchema = view(
  'CityDigestV2View',
  z.object({
    id: z.uuid(),
    week: z.string().describe('The ISO week, `2026-W48`.'),
    createdAt: timestamp,
    figures: digestFiguresViewSchema.describe("Reporting's figures as the digest sent them (suppressed)."),
    activity: z
      .object({ week: digestActivitySchema, yearToDate: digestActivitySchema })
      .nullable()
      .describe('New partners, ideas per work domain, stage movements, coaching sessions and programme attendance, of the week and of the year to date (suppressed); null for a digest that did not show them'),
    jobs: digestJobsSchema.nullable().describe("The year's jobs against the hub's target and per month (the digest's chart; suppressed); null for a digest that did not show them"),
  }),
);
export type CityDigestV2View = z.infer<typeof cityDigestV2ViewSchema>;

/** The hub's past weekly city digests, newest first, by cursor (52 a page unless `limit` says otherwise: a year of weeks), for city staff and hub admins. */
export const ListCityDigests = defineRequest('notifications.list-city-digests', {
  input: z.strictObject({ cursor: pageQuery.cursor, limit: z.coerce.number().int().min(1).max(100).default(52) }),
  answer: cityDigestListSchema,
});

/** One past city digest with its figures; 404 `digest-not-found` (also for another hub's). */
export const GetCityDigest = defineRequest('notifications.get-city-digest', {
  input: z.strictObject({ digestId: z.uuid() }),
  answer: cityDigestViewSchema,
});

/** Version 2: the digest with all it showed (activity, jobs per month and the target), not only version 1's figures. */
export const GetCityDigestV2 = defineRequest('notifications.get-city-digest', {
  version: 2,
  input: z.strictObject({ digestId: z.uuid() }),
  answer: cityDigestV2ViewSchema,
});
