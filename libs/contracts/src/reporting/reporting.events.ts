import { z } from 'zod';
import { defineEvent } from '../events/event-contract';
import { contractTypeSchema, sectorSchema } from './reporting.vocabulary';

/** Reporting's events carry no indicator values: who a participant is stays in reporting. */
const PARTICIPANT = { type: 'participant', id: (data: { participantId: string }) => data.participantId };
const PLACEMENT = { type: 'placement', id: (data: { placementId: string }) => data.placementId };

/** A job coach enrolled a participant (pseudonymous; no indicators). */
export const ParticipantEnrolled = defineEvent(
  'reporting.participant-enrolled',
  1,
  z.object({ participantId: z.uuid(), organisationId: z.uuid(), entryDate: z.iso.date() }),
  PARTICIPANT,
);

/** A job for a participant: the statistics job runs shortly after (coalesced). */
export const PlacementRecorded = defineEvent(
  'reporting.placement-recorded',
  1,
  z.object({
    placementId: z.uuid(),
    participantId: z.uuid(),
    ideaId: z.uuid(),
    employerOrganisationId: z.uuid(),
    sector: sectorSchema,
    contractType: contractTypeSchema,
    hoursPerWeek: z.number().positive(),
    startDate: z.iso.date(),
  }),
  PLACEMENT,
);

/** A placement got its end date. */
export const PlacementEnded = defineEvent('reporting.placement-ended', 1, z.object({ placementId: z.uuid(), participantId: z.uuid(), endDate: z.iso.date() }), PLACEMENT);

export const REPORTING_EVENTS = [ParticipantEnrolled, PlacementRecorded, PlacementEnded] as const;
