import { z } from 'zod';
import { defineRequest } from '../requests/request-contract';
import { singleLineText } from '../shared/text';
import { timestamp, view } from '../shared/views';
import { suppressibleSchema } from './reporting.views';

/** How `GET /statistics` splits the figures: one of the placement's facts, every common indicator of the participant, or the results of those who left. */
export const STATISTICS_GROUPINGS = ['workDomain', 'sector', 'contractType', 'indicator', 'result'] as const;
export type StatisticsGrouping = (typeof STATISTICS_GROUPINGS)[number];

/**
 * The years statistics are kept for: 2000–2100, as a run's (RunStatistics). Beyond them a year is no year of the programme, and
 * JavaScript's Date.UTC takes the years 0–99 for 1900–1999 (a period '0050' read as 1950's days).
 */
export const STATISTICS_YEARS = { first: 2000, last: 2100 } as const;
const statisticsYear = '(20\\d{2}|2100)';

/** A year `2026`, a quarter `2026-Q3`, a month `2026-11` (Europe/Brussels calendar; years 2000–2100) or an ESF phase's key. */
export const statisticsPeriod = z
  .string()
  .regex(new RegExp(`^(${statisticsYear}(-Q[1-4]|-(0[1-9]|1[0-2]))?|[a-z][a-z0-9-]{0,39})$`), 'a year (2026), a quarter (2026-Q3), a month (2026-11) of 2000–2100, or an ESF phase key');

/** A day of an ESF phase: within the statistics' years (2000–2100). */
const phaseDay = z.iso.date().refine((day) => day >= `${STATISTICS_YEARS.first}-01-01` && day <= `${STATISTICS_YEARS.last}-12-31`, 'a day of the years 2000–2100');

/**
 * The longest an ESF phase may be: 10 years. An ESF+ programme runs seven years (2021–2027) and its spending is eligible two
 * more (Regulation (EU) 2021/1060, art. 63(2): until 31 December 2029), so a phase of one fits; each year a phase touches costs
 * a reader without detail rights the choice of that year's pattern (about a second of CPU), so an absurd phase would stall them.
 */
export const ESF_PHASE_MAX_YEARS = 10;

export const statisticsRowSchema = z.object({
  dimension: z.string().describe('workDomain, sector, contractType, or an indicator (gender, ageBand, …)'),
  group: z.string(),
  jobs: suppressibleSchema.optional().describe('Placements that started in the period (not by result)'),
  fte: suppressibleSchema.optional().describe('Their hours per week / 38; hidden wherever the jobs are (not by result)'),
  participantsEntered: suppressibleSchema.optional().describe('Participants who entered in the period (by indicator only)'),
  participantsLeft: suppressibleSchema.optional().describe('Participants who left in the period (the total; by resultAtExit: who left in the period with that result; by resultAfterSixMonths: whose six months after exit ended in the period, with that result then)'),
});

export const statisticsViewSchema = view(
  'StatisticsView',
  z.object({
    period: z.object({ key: z.string(), from: z.iso.date(), to: z.iso.date().describe('The last day') }),
    groupBy: z.enum(STATISTICS_GROUPINGS),
    suppressed: z.boolean().describe('False only for callers with detail rights (hub admins)'),
    rules: z.string().nullable().describe('The disclosure rules applied, when suppressed'),
    total: statisticsRowSchema,
    rows: z.array(statisticsRowSchema),
    computedAt: timestamp.nullable().describe('When the statistics job last computed the period; null before its first run'),
  }),
);
export type StatisticsView = z.infer<typeof statisticsViewSchema>;
export type StatisticsRow = z.infer<typeof statisticsRowSchema>;

/** The hub's figures of a period split by one grouping: suppressed unless the caller is a hub admin (hub admins, city staff). */
export const GetStatistics = defineRequest('reporting.get-statistics', {
  input: z.strictObject({ period: statisticsPeriod, groupBy: z.enum(STATISTICS_GROUPINGS) }),
  answer: statisticsViewSchema,
});

/**
 * Hub admins: the ESF common indicators of a period for the export (`GET /statistics/export`),
 * grouped by indicator. Suppressed as city staff see them unless `suppressed` is false (the exact
 * figures, for the ESF managing authority: not to be published). Every export is written to the
 * audit log, with the period and whether it was suppressed.
 */
export const ExportStatistics = defineRequest('reporting.export-statistics', {
  input: z.strictObject({ period: statisticsPeriod, suppressed: z.boolean() }),
  answer: statisticsViewSchema,
});

export const statisticsRunViewSchema = view(
  'StatisticsRunView',
  z.object({
    year: z.number().int(),
    runId: z.string().describe('The job that will compute the figures'),
    coalesced: z.boolean().describe('True when a run of the same hub and year was already waiting (after a change) and this request joined it'),
    startsBy: timestamp.describe('When the run is due to start (now, or when the waiting run is due)'),
  }),
);
export type StatisticsRunView = z.infer<typeof statisticsRunViewSchema>;

/**
 * Hub admins: compute the hub's statistics of a year (this year, Brussels, unless named) and of
 * every ESF phase now, instead of at the nightly run (a new phase, corrected data). Joins a run of
 * the same hub and year that is already waiting.
 */
export const RunStatistics = defineRequest('reporting.run-statistics', {
  input: z.strictObject({ year: z.number().int().min(STATISTICS_YEARS.first).max(STATISTICS_YEARS.last).optional() }),
  answer: statisticsRunViewSchema,
});

/** The stages the public page counts ideas in (every stage past draft). */
export const PUBLIC_IDEA_STAGES = ['submitted', 'screening', 'coaching', 'business_model', 'pilot', 'launched', 'parked', 'withdrawn'] as const;

/** The hub's headline figures for its public page: always suppressed, whoever asks. */
export const publicStatisticsViewSchema = view(
  'PublicStatisticsView',
  z.object({
    year: z.number().int(),
    jobsCreated: suppressibleSchema,
    socialEconomyJobs: suppressibleSchema,
    ideas: z.object({
      stages: z.array(z.enum(PUBLIC_IDEA_STAGES)),
      rows: z.array(z.object({ workDomain: z.string(), byStage: z.array(suppressibleSchema), total: suppressibleSchema })),
      byStage: z.array(suppressibleSchema),
      total: suppressibleSchema,
    }),
    rules: z.string(),
    computedAt: timestamp,
  }),
);
export type PublicStatisticsView = z.infer<typeof publicStatisticsViewSchema>;

/** Anonymous: the hub of the envelope. */
export const GetPublicStatistics = defineRequest('reporting.get-public-statistics', {
  anonymous: true,
  input: z.strictObject({}),
  answer: publicStatisticsViewSchema,
});

/** An ESF phase's key in paths and periods: lower-case, starting with a letter (`circulair-werkt-2`). */
export const esfPhaseKey = z.string().regex(/^[a-z][a-z0-9-]{0,39}$/, 'lower-case letters, digits and dashes, starting with a letter');

export const esfPhaseViewSchema = view(
  'EsfPhaseView',
  z.object({ key: z.string(), name: z.string(), from: z.iso.date(), to: z.iso.date().describe('The last day') }),
);
export type EsfPhaseView = z.infer<typeof esfPhaseViewSchema>;
export const esfPhaseListSchema = view('EsfPhaseList', z.object({ items: z.array(esfPhaseViewSchema) }));

/** A named period of the ESF call (hub admins), such as "circulair werk(t)! fase 2"; statistics are kept for it too. */
export const PutEsfPhase = defineRequest('reporting.put-esf-phase', {
  input: z.strictObject({ key: esfPhaseKey, name: singleLineText({ min: 1, max: 120 }), from: phaseDay, to: phaseDay.describe(`The last day: on or after the first, at most ${ESF_PHASE_MAX_YEARS} years later`) }),
  answer: esfPhaseViewSchema,
});

/**
 * Removes an ESF phase of the hub (hub admins) with the statistics kept for it. While a target is
 * set for it, refused (409 esf-phase-has-target) unless `removeTarget` is true: then the target
 * goes with it. 404 esf-phase-not-found when the hub has no such phase.
 */
export const DeleteEsfPhase = defineRequest('reporting.delete-esf-phase', {
  input: z.strictObject({
    key: esfPhaseKey,
    removeTarget: z
      .enum(['true', 'false'])
      .transform((v) => v === 'true')
      .optional()
      .describe('true: remove the target set for the phase with it (without, a phase with a target is refused)'),
  }),
  answer: esfPhaseViewSchema,
});

export const ListEsfPhases = defineRequest('reporting.list-esf-phases', {
  input: z.strictObject({}),
  answer: esfPhaseListSchema,
});

const targetFigures = {
  jobs: z.number().int().min(0).max(1_000_000),
  socialJobs: z.number().int().min(0).max(1_000_000).describe('Of the jobs, in the social economy'),
  fte: z.number().min(0).max(1_000_000),
  participants: z.number().int().min(0).max(1_000_000),
};

export const targetViewSchema = view(
  'TargetView',
  z.object({
    period: z.string().describe('A year (2026) or an ESF phase key'),
    from: z.iso.date(),
    to: z.iso.date(),
    target: z.object(targetFigures),
    actual: z.object({ jobs: suppressibleSchema, socialJobs: suppressibleSchema, fte: suppressibleSchema, participants: suppressibleSchema.describe('Participants who entered in the period') }),
    computedAt: timestamp.nullable(),
  }),
);
export type TargetView = z.infer<typeof targetViewSchema>;
export const targetListSchema = view('TargetList', z.object({ items: z.array(targetViewSchema) }));

/** The hub's target for a year or an ESF phase (hub admins). */
export const PutTarget = defineRequest('reporting.put-target', {
  input: z.strictObject({ period: z.union([z.string().regex(new RegExp(`^${statisticsYear}$`), 'a year of 2000–2100'), esfPhaseKey]), ...targetFigures }),
  answer: targetViewSchema,
});

/**
 * Removes the hub's target of a year or an ESF phase on its own (hub admins); the phase and the
 * figures stay. Answers the target as it was, with what was reached. 404 target-not-found when the
 * hub has none for that period.
 */
export const DeleteTarget = defineRequest('reporting.delete-target', {
  input: z.strictObject({ period: PutTarget.input.shape.period }),
  answer: targetViewSchema,
});

/** Every target with the figures reached so far (hub admins as they are; city staff suppressed). */
export const ListTargets = defineRequest('reporting.list-targets', {
  input: z.strictObject({}),
  answer: targetListSchema,
});
