import { z } from 'zod';
import { callerSchema } from '../shared/caller';
import { pageOf } from '../shared/page';
import { timestamp, view } from '../shared/views';
import { hubRoleSchema, languageSchema, organisationRoleSchema, workDomainSchema } from '../shared/vocabulary';
import { invitationStatusSchema, organisationStatusSchema, organisationTypeSchema } from './partners.vocabulary';

/** Answers of the partners requests, as the gateway returns them over HTTP. Dates are ISO 8601 strings. */

export const charterSignatureViewSchema = view(
  'CharterSignatureView',
  z.object({
    version: z.number().int(),
    signedAt: timestamp,
    signedBy: z.uuid().nullable().describe("Who signed: for the organisation's own members and hub admins; null for everyone else."),
  }),
);
export type CharterSignatureView = z.infer<typeof charterSignatureViewSchema>;

export const memberViewSchema = view(
  'MemberView',
  z.object({ personId: z.uuid(), name: z.string(), email: z.string(), role: organisationRoleSchema }),
);
export type MemberView = z.infer<typeof memberViewSchema>;

export const organisationViewSchema = view(
  'OrganisationView',
  z.object({
    id: z.uuid(),
    hubId: z.uuid(),
    name: z.string(),
    type: organisationTypeSchema,
    enterpriseNumber: z.string().nullable().describe('Ten digits, or null.'),
    workDomains: z.array(workDomainSchema),
    status: organisationStatusSchema,
    createdAt: timestamp,
    approvedAt: timestamp.nullable(),
    charter: charterSignatureViewSchema.nullable().describe('The signature of the current charter version, or null if the organisation has not signed it.'),
    proposedChange: z
      .object({
        name: z.string().optional(),
        enterpriseNumber: z.string().nullable().optional(),
        proposedAt: timestamp,
      })
      .nullable()
      .describe("A new name or enterprise number an org admin asked for, waiting for a hub admin's approval; only for the organisation's own members and hub admins (null for everyone else, and when nothing waits)."),
    members: z.array(memberViewSchema).nullable().describe("Only for the organisation's own members and hub admins; null for everyone else."),
  }),
);
export type OrganisationView = z.infer<typeof organisationViewSchema>;

export const organisationPageSchema = view('OrganisationPage', pageOf(organisationViewSchema));

export const personViewSchema = view(
  'PersonView',
  z.object({
    id: z.uuid(),
    hubId: z.uuid(),
    name: z.string(),
    email: z.string(),
    language: languageSchema,
    hubRoles: z.array(hubRoleSchema),
    memberships: z.array(z.object({ organisationId: z.uuid(), organisationName: z.string(), role: organisationRoleSchema })),
    deactivatedAt: timestamp.nullable().describe('When a hub admin closed the account (the person can no longer log in); null while it is open.'),
  }),
);
export type PersonView = z.infer<typeof personViewSchema>;

export const personPageSchema = view('PersonPage', pageOf(personViewSchema));

export const registrationViewSchema = view('RegistrationView', z.object({ organisation: organisationViewSchema, person: personViewSchema }));
export type RegistrationView = z.infer<typeof registrationViewSchema>;

/**
 * The answer to a registration: the same whether or not the address has an account, so that it
 * tells no one which addresses do. The registration takes effect when the address confirms it.
 */
export const registrationReceivedViewSchema = view(
  'RegistrationReceivedView',
  z.object({
    email: z.string(),
    status: z.literal('confirmation-sent').describe('A link was e-mailed to the address; the registration takes effect when it is opened.'),
  }),
);
export type RegistrationReceivedView = z.infer<typeof registrationReceivedViewSchema>;

export const passwordResetRequestedViewSchema = view(
  'PasswordResetRequestedView',
  z.object({
    status: z.literal('reset-link-sent').describe('If the address has an account, a link to set a new password was e-mailed to it; the answer is the same either way.'),
  }),
);
export type PasswordResetRequestedView = z.infer<typeof passwordResetRequestedViewSchema>;

/** The answer of partners.reset-password: whose password was set, for the gateway to end their logins. Not an HTTP answer. */
export const passwordResetViewSchema = z.object({ personId: z.uuid() });
export type PasswordResetView = z.infer<typeof passwordResetViewSchema>;

export const loginUnlockRequestedViewSchema = view(
  'LoginUnlockRequestedView',
  z.object({
    status: z
      .literal('unlock-link-sent')
      .describe('If the address has an account, a link that lets one browser log in to it during an attack was e-mailed to it; the answer is the same either way.'),
  }),
);
export type LoginUnlockRequestedView = z.infer<typeof loginUnlockRequestedViewSchema>;

/** The answer of partners.confirm-login-unlock: whose account the link unlocks, and its address (the gateway's device cookie is per account). Not an HTTP answer. */
export const loginUnlockViewSchema = z.object({ personId: z.uuid(), email: z.email() });
export type LoginUnlockView = z.infer<typeof loginUnlockViewSchema>;

/** The answer of partners.authenticate and partners.get-identity: who the person is, for the gateway's tokens. Not an HTTP answer. */
export const identityViewSchema = z.object({ caller: callerSchema, name: z.string(), language: languageSchema });
export type IdentityView = z.infer<typeof identityViewSchema>;

/**
 * The answer of partners.get-identity v2: the identity, and when the person's credentials last
 * changed (a password change or reset, a deactivation; null if never since it was recorded), so
 * the gateway refuses a refresh of a login that began before. Not an HTTP answer.
 */
export const credentialedIdentityViewSchema = identityViewSchema.extend({ credentialsChangedAt: timestamp.nullable() });
export type CredentialedIdentityView = z.infer<typeof credentialedIdentityViewSchema>;

export const hubViewSchema = view('HubView', z.object({ id: z.uuid(), slug: z.string(), name: z.string() }));
export type HubView = z.infer<typeof hubViewSchema>;

export const meViewSchema = view('MeView', z.object({ person: personViewSchema, hub: hubViewSchema, organisations: z.array(organisationViewSchema) }));
export type MeView = z.infer<typeof meViewSchema>;


/** An invitation as its organisation's org admins see it. Never its token: that goes to the invited address only. */
export const invitationViewSchema = view(
  'InvitationView',
  z.object({
    id: z.uuid(),
    organisationId: z.uuid(),
    email: z.string(),
    role: organisationRoleSchema,
    status: invitationStatusSchema,
    createdAt: timestamp,
    expiresAt: timestamp,
    acceptedAt: timestamp.nullable(),
    revokedAt: timestamp.nullable(),
  }),
);
export type InvitationView = z.infer<typeof invitationViewSchema>;

export const invitationPageSchema = view('InvitationPage', pageOf(invitationViewSchema));

export const charterViewSchema = view(
  'CharterView',
  z.object({ id: z.uuid(), hubId: z.uuid(), version: z.number().int(), text: z.object({ nl: z.string(), en: z.string() }), publishedAt: timestamp }),
);
export type CharterView = z.infer<typeof charterViewSchema>;
