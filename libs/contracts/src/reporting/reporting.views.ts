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

export const AUDIT_ACTIONS = ['participant-read', 'participant-listed', 'participant-enrolled', 'participant-changed', 'placement-recorded', 'placement-changed'] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

/** Who read or changed which participant's data, and when (hub admins). */
export const auditEntryViewSchema = view(
  'AuditEntryView',
  z.object({
    id: z.uuid(),
    at: timestamp,
    personId: z.uuid(),
    action: z.enum(AUDIT_ACTIONS),
    participantId: z.uuid(),
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
