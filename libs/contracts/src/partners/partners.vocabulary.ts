import { z } from 'zod';

/** The vocabulary of partners only; what every context shares is in shared/vocabulary.ts. */

export const ORGANISATION_TYPES = ['public', 'regular', 'social', 'knowledge', 'startup', 'citizen'] as const;
export type OrganisationType = (typeof ORGANISATION_TYPES)[number];

export const ORGANISATION_STATUSES = ['pending', 'active'] as const;
export type OrganisationStatus = (typeof ORGANISATION_STATUSES)[number];

export const organisationTypeSchema = z.enum(ORGANISATION_TYPES);
export const organisationStatusSchema = z.enum(ORGANISATION_STATUSES);
