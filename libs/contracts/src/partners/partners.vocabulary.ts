import { z } from 'zod';

/** The vocabulary of partners only; what every context shares is in shared/vocabulary.ts. */

export const ORGANISATION_TYPES = ['public', 'regular', 'social', 'knowledge', 'startup', 'citizen'] as const;
export type OrganisationType = (typeof ORGANISATION_TYPES)[number];

/** `rejected`: a hub admin turned the registration down; it frees its enterprise number and can do nothing more. */
export const ORGANISATION_STATUSES = ['pending', 'active', 'rejected'] as const;
export type OrganisationStatus = (typeof ORGANISATION_STATUSES)[number];

/** Where an invitation stands: open until accepted, revoked by an org admin, or past its expiry. */
export const INVITATION_STATUSES = ['pending', 'accepted', 'revoked', 'expired'] as const;
export type InvitationStatus = (typeof INVITATION_STATUSES)[number];

export const organisationTypeSchema = z.enum(ORGANISATION_TYPES);
export const organisationStatusSchema = z.enum(ORGANISATION_STATUSES);
export const invitationStatusSchema = z.enum(INVITATION_STATUSES);
