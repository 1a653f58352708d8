import { z } from 'zod';
import { defineRequest } from '../requests/request-contract';
import { pageQuery } from '../shared/page';
import { singleLineText } from '../shared/text';
import { distinctOf } from '../shared/vocabulary';
import { auditPageSchema, digestFiguresV2ViewSchema, digestFiguresViewSchema, participantPageSchema, participantViewSchema, placementViewSchema } from './reporting.views';
import { contractTypeSchema, indicatorFields, PARTICIPANT_RESULTS, reportingDay, sectorSchema } from './reporting.vocabulary';

/** The job coach's own reference of a participant (their organisation holds the link to the person); stored only as a keyed hash. */
export const participantReference = singleLineText({ min: 1, max: 100 });

const indicators = indicatorFields;

const results = distinctOf(PARTICIPANT_RESULTS, 'result');

/**
 * A job coach enrols a participant of their organisation (organisationId when they belong to
 * several). Strict: a field the schema does not know (a name, a national number, a birth date) is
 * refused with a 400 naming it.
 */
export const EnrolParticipant = defineRequest('reporting.enrol-participant', {
  input: z.strictObject({ reference: participantReference, ...indicators, entryDate: reportingDay, organisationId: z.uuid().optional() }),
  answer: participantViewSchema,
});

/** Participants the caller may see (a job coach: their organisations'; a hub admin: the hub's), newest first; `reference` finds the one with that reference. */
export const ListParticipants = defineRequest('reporting.list-participants', {
  input: z.strictObject({ ...pageQuery, reference: participantReference.optional() }),
  answer: participantPageSchema,
});

export const GetParticipant = defineRequest('reporting.get-participant', {
  input: z.strictObject({ participantId: z.uuid() }),
  answer: participantViewSchema,
});

/** Corrections of the indicators, the exit date and the results (at exit, six months after). */
export const participantChangesSchema = z
  .strictObject({
    ...Object.fromEntries(Object.entries(indicators).map(([k, s]) => [k, s.optional()])),
    exitDate: reportingDay.nullable().optional(),
    resultsAtExit: results.nullable().optional(),
    resultsAfterSixMonths: results.nullable().optional(),
  })
  .refine((c) => Object.keys(c).length > 0, 'change at least one field') as z.ZodType<
  Partial<{ [K in keyof typeof indicators]: z.output<(typeof indicators)[K]> }> & {
    exitDate?: string | null;
    resultsAtExit?: (typeof PARTICIPANT_RESULTS)[number][] | null;
    resultsAfterSixMonths?: (typeof PARTICIPANT_RESULTS)[number][] | null;
  }
>;

export const ChangeParticipant = defineRequest('reporting.change-participant', {
  input: z.strictObject({ participantId: z.uuid(), changes: participantChangesSchema }),
  answer: participantViewSchema,
});

/** Hours per week: FTE is hours / 38. */
const hoursPerWeek = z.number().positive().max(60);

export const placementFieldsSchema = z.strictObject({
  ideaId: z.uuid(),
  employerOrganisationId: z.uuid(),
  sector: sectorSchema,
  contractType: contractTypeSchema,
  hoursPerWeek,
  startDate: reportingDay,
  endDate: reportingDay.nullable().default(null),
});

export const RecordPlacement = defineRequest('reporting.record-placement', {
  input: z.strictObject({ participantId: z.uuid(), placement: placementFieldsSchema }),
  answer: placementViewSchema,
});

export const placementChangesSchema = z
  .strictObject({ sector: sectorSchema.optional(), contractType: contractTypeSchema.optional(), hoursPerWeek: hoursPerWeek.optional(), endDate: reportingDay.nullable().optional() })
  .refine((c) => Object.keys(c).length > 0, 'change at least one field');

export const ChangePlacement = defineRequest('reporting.change-placement', {
  input: z.strictObject({ placementId: z.uuid(), changes: placementChangesSchema }),
  answer: placementViewSchema,
});

/** Every read and change of participant data, newest first (hub admins); `participantId` narrows it to one. */
export const ListAuditLog = defineRequest('reporting.list-audit-log', {
  input: z.strictObject({ ...pageQuery, participantId: z.uuid().optional() }),
  answer: auditPageSchema,
});

/** An ISO week, `2026-W48` (Monday to Sunday, Europe/Brussels). */
export const isoWeek = z.string().regex(/^\d{4}-W(0[1-9]|[1-4]\d|5[0-3])$/, 'an ISO week as YYYY-Www');

/**
 * The figures of the weekly city digest (notifications asks, for the hub of the envelope): a week
 * and the year to date, always suppressed (counts 1–4 and what would reveal them withheld).
 */
export const GetDigestFigures = defineRequest('reporting.get-digest-figures', {
  // Notifications asks on its own account, with its own service token (as partners.get-email-delivery;
  // docs/security.md). The figures are suppressed whoever asks.
  servicesOnly: ['notifications'],
  input: z.strictObject({ week: isoWeek }),
  answer: digestFiguresViewSchema,
});

/**
 * Version 2 of `reporting.get-digest-figures`: the same week and year to date with version 1's
 * figures, and what the weekly city digest shows besides (new organisations by type, ideas submitted
 * by work domain, stage movements, coaching sessions and hours, programme registrations and
 * attendance, the year's jobs per month against its target). Always suppressed. Reporting answers
 * both versions while notifications moves over.
 */
export const GetDigestFiguresV2 = defineRequest('reporting.get-digest-figures', {
  version: 2,
  servicesOnly: ['notifications'],
  input: z.strictObject({ week: isoWeek }),
  answer: digestFiguresV2ViewSchema,
});
