import { z } from 'zod';
import { InviteMember, ListOrganisations, SignCharter, UpdateOrganisation } from '@cirkel/contracts';

/**
 * The HTTP bodies of the organisation routes: the contracts' schemas without what the path
 * carries (the organisation id), so a body naming it is refused as an unknown field.
 */
export const OrganisationsQuery = ListOrganisations.schema;
export type OrganisationsQuery = z.input<typeof OrganisationsQuery>;

export const OrganisationChanges = UpdateOrganisation.schema.shape.changes;
export type OrganisationChanges = z.input<typeof OrganisationChanges>;

export const InvitationBody = InviteMember.schema.omit({ organisationId: true });
export type InvitationBody = z.input<typeof InvitationBody>;

export const CharterSignatureBody = SignCharter.schema.omit({ organisationId: true });
export type CharterSignatureBody = z.input<typeof CharterSignatureBody>;
