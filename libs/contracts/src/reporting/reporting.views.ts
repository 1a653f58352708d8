import { z } from 'zod';
import { pageOf } from '../shared/page';
import { timestamp, view } from '../shared/views';
import { contractTypeSchema, indicatorFields, participantResultSchema, sectorSchema } from './reporting.vocabulary';

/** A placement: a job an idea created for a participant. */
export const placementViewSchema = view(
  'PlacementView',
  z.object({
    id: z.uuid(),
    participantId: z.uuid(),
    ideaId: z.uuid(),
    employerOrganisationId: z.uuid(),
    sector: sectorSchema,
    contractType: contractTypeSchema,
    hoursPerWeek: z.number(),
    fte: z.number().describe('hoursPerWeek / 38'),
    startDate: z.iso.date(),
    endDate: z.iso.date().nullable(),
  }),
);
export type PlacementView = z.infer<typeof placementViewSchema>;

/** A participant as their job coach's organisation and the hub admins see them: never a name or a reference, only the indicators. */
export const participantViewSchema = view(
  'ParticipantView',
  z.object({
    id: z.uuid(),
    organisationId: z.uuid(),
    ...indicatorFields,
    entryDate: z.iso.date(),
    exitDate: z.iso.date().nullable(),
    resultsAtExit: z.array(participantResultSchema).nullable(),
    resultsAfterSixMonths: z.array(participantResultSchema).nullable(),
    placements: z.array(placementViewSchema),
    enrolledAt: timestamp,
  }),
);
export type ParticipantView = z.infer<typeof participantViewSchema>;

export const participantPageSchema = view('ParticipantPage', pageOf(participantViewSchema));

export const AUDIT_ACTIONS = ['participant-read', 'participant-listed', 'participant-enrolled', 'participant-changed', 'placement-recorded', 'placement-changed', 'statistics-exported', 'statistics-exported-unsuppressed', 'statistics-read-unsuppressed'] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

/** Who read or changed which participant's data, or exported the statistics (suppressed or not), and when (hub admins). */
export const auditEntryViewSchema = view(
  'AuditEntryView',
  z.object({
    id: z.uuid(),
    at: timestamp,
    personId: z.uuid(),
    action: z.enum(AUDIT_ACTIONS),
    participantId: z.uuid().nullable().describe('The participant read or changed; null for an export of the statistics'),
    period: z.string().nullable().describe('The period exported or read (statistics-exported, statistics-exported-unsuppressed, statistics-read-unsuppressed); null otherwise'),
    placementId: z.uuid().nullable(),
    fields: z.array(z.string()).describe('The fields changed (their names, never their values).'),
  }),
);
export type AuditEntryView = z.infer<typeof auditEntryViewSchema>;

export const auditPageSchema = view('AuditPage', pageOf(auditEntryViewSchema));

/** A count that may be withheld: `value` null and `suppressed` true when it is 1–4 or would reveal one that is. */
export const suppressibleSchema = view(
  'SuppressibleFigure',
  z.object({ value: z.number().nullable(), suppressed: z.boolean() }),
);
export type Suppressible = z.infer<typeof suppressibleSchema>;

/** What the weekly city digest shows of a week and of the year to date (always suppressed). */
export const digestFiguresSchema = z.object({
  jobsCreated: suppressibleSchema,
  socialEconomyJobs: suppressibleSchema,
  fte: suppressibleSchema,
  participantsEntered: suppressibleSchema,
  participantsLeft: suppressibleSchema,
});

export const digestFiguresViewSchema = view(
  'DigestFiguresView',
  z.object({
    hubId: z.uuid(),
    week: z.object({ key: z.string(), from: z.iso.date(), to: z.iso.date(), figures: digestFiguresSchema }),
    yearToDate: z.object({ key: z.string(), from: z.iso.date(), to: z.iso.date(), figures: digestFiguresSchema }),
    rules: z.string().describe('The disclosure rules applied, in words.'),
  }),
);
export type DigestFiguresView = z.infer<typeof digestFiguresViewSchema>;

/** A count split into groups that add up to it (organisations by type, ideas by work domain, …), suppressed as one table. */
export const digestBreakdownSchema = view(
  'DigestBreakdown',
  z.object({
    total: suppressibleSchema,
    groups: z.array(z.object({ group: z.string(), count: suppressibleSchema })),
  }),
);
export type DigestBreakdown = z.infer<typeof digestBreakdownSchema>;

/** What happened in the hub in a period besides jobs, from reporting's read models of partners', ideas' and coaching's events. */
export const digestActivitySchema = view(
  'DigestActivity',
  z.object({
    organisationsRegistered: digestBreakdownSchema.describe('Organisations that registered in the period, by type (public, regular, social, knowledge, startup, citizen; unknown while only the approval has arrived)'),
    organisationsApproved: digestBreakdownSchema.describe('Organisations a hub admin approved in the period, by type'),
    ideasSubmitted: digestBreakdownSchema.describe('Ideas submitted in the period, by work domain'),
    stageMovements: digestBreakdownSchema.describe('Moves of ideas through the pipeline in the period, by the stage reached'),
    coaching: z.object({
      sessionsHeld: suppressibleSchema.describe('Coaching sessions held in the period (by the day they started)'),
      hours: suppressibleSchema.describe('Their hours; hidden wherever the sessions are'),
    }),
    programmes: z.object({
      registrations: suppressibleSchema.describe('Registrations for programmes made in the period (confirmed or on the waiting list when made)'),
      attended: suppressibleSchema.describe('Attendances at programme sessions held in the period (one per person and session present)'),
    }),
  }),
);
export type DigestActivity = z.infer<typeof digestActivitySchema>;

/** The year's jobs against its target, and per month (the digest's chart). */
export const digestJobsSchema = view(
  'DigestJobs',
  z.object({
    year: z.number().int(),
    target: z
      .object({ jobs: z.number().int(), socialJobs: z.number().int(), fte: z.number(), participants: z.number().int() })
      .nullable()
      .describe("The hub's target for the year (PUT /targets/{year}); null when it has none"),
    perMonth: z
      .array(z.object({ month: z.string().describe('2026-03'), jobs: suppressibleSchema }))
      .describe('Jobs created in each month of the year up to the end of the week (the last month to that day): they add up to yearToDate.figures.jobsCreated'),
  }),
);
export type DigestJobs = z.infer<typeof digestJobsSchema>;

const digestPeriodV2Schema = z.object({ key: z.string(), from: z.iso.date(), to: z.iso.date(), figures: digestFiguresSchema, activity: digestActivitySchema });

/**
 * Version 2 of the digest's figures: version 1's fields (kept as they were) and what the weekly
 * city digest needs besides: the period's activity, and the year's jobs per month against its target.
 */
export const digestFiguresV2ViewSchema = view(
  'DigestFiguresV2View',
  z.object({
    hubId: z.uuid(),
    week: digestPeriodV2Schema,
    yearToDate: digestPeriodV2Schema,
    jobs: digestJobsSchema,
    rules: z.string().describe('The disclosure rules applied, in words.'),
  }),
);
export type DigestFiguresV2View = z.infer<typeof digestFiguresV2ViewSchema>;
