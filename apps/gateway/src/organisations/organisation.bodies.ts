import { z } from 'zod';
import { InviteMember, ListInvitations, ListOrganisations, RejectOrganisation, SignCharter, UpdateOrganisation } from '@cirkel/contracts';

/**
 * The HTTP bodies of the organisation routes: the contracts' schemas without what the path
 * carries (the organisation id), so a body naming it is refused as an unknown field.
 */
export const organisationsQuerySchema = ListOrganisations.input;
export type OrganisationsQuery = z.input<typeof organisationsQuerySchema>;

export const organisationChangesSchema = UpdateOrganisation.input.shape.changes;
export type OrganisationChanges = z.input<typeof organisationChangesSchema>;

export const invitationBodySchema = InviteMember.input.omit({ organisationId: true });
export type InvitationBody = z.input<typeof invitationBodySchema>;

export const rejectionBodySchema = RejectOrganisation.input.omit({ organisationId: true });
export type RejectionBody = z.input<typeof rejectionBodySchema>;

export const invitationsQuerySchema = ListInvitations.input.omit({ organisationId: true });
export type InvitationsQuery = z.input<typeof invitationsQuerySchema>;

export const charterSignatureBodySchema = SignCharter.input.omit({ organisationId: true });
export type CharterSignatureBody = z.input<typeof charterSignatureBodySchema>;
