import { z } from 'zod';
import { defineRequest } from '../requests/request-contract';
import { digestFiguresViewSchema } from '../reporting/reporting.views';
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
