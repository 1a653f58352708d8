import { z } from 'zod';
import { defineRequest } from '../requests/request-contract';
import { normaliseEnterpriseNumber } from './enterprise-number';
import { pageQuery } from '../shared/page';
import { multiLineText, singleLineText } from '../shared/text';
import { distinctOf, HUB_ROLES, hubRoleSchema, languageSchema, organisationRoleSchema, WORK_DOMAINS, workDomainSchema } from '../shared/vocabulary';
import {
  charterSignatureViewSchema,
  charterViewSchema,
  hubViewSchema,
  credentialedIdentityViewSchema,
  identityViewSchema,
  passwordResetRequestedViewSchema,
  passwordResetViewSchema,
  loginUnlockRequestedViewSchema,
  loginUnlockViewSchema,
  invitationPageSchema,
  invitationViewSchema,
  meViewSchema,
  organisationPageSchema,
  organisationViewSchema,
  personPageSchema,
  personViewSchema,
  registrationReceivedViewSchema,
  registrationViewSchema,
} from './partners.views';
import { invitationStatusSchema, organisationStatusSchema, organisationTypeSchema } from './partners.vocabulary';

const enterpriseNumber = z
  .string()
  .transform((text, ctx) => {
    const digits = normaliseEnterpriseNumber(text);
    if (digits === null) {
      ctx.addIssue({ code: 'custom', message: 'not a valid Belgian enterprise number (0123.456.749: ten digits, mod-97 check)' });
      return z.NEVER;
    }
    return digits;
  });

const name = singleLineText({ min: 2, max: 200 });
const email = z.email().max(254).transform((e) => e.toLowerCase());
export const passwordSchema = z.string().min(10, 'at least 10 characters').max(200);
const workDomains = distinctOf(WORK_DOMAINS, 'work domain');
const hubSlug = z.string().regex(/^[a-z][a-z0-9-]{1,39}$/, 'a hub code such as "genk"').meta({ example: 'genk' });

// ---- registrations and accounts ------------------------------------------------------------

export const RegisterOrganisation = defineRequest('partners.register-organisation', {
  anonymous: true,
  sealed: ['person.password'],
  input: z.strictObject({
    hub: hubSlug,
    organisation: z.strictObject({
      name,
      type: organisationTypeSchema,
      enterpriseNumber: enterpriseNumber.optional(),
      workDomains: workDomains.default([]),
    }),
    person: z.strictObject({ name, email, password: passwordSchema, language: languageSchema.default('nl') }),
  }),
  answer: registrationReceivedViewSchema,
});

/** The address's owner opens the e-mailed link: the organisation (pending) and its first person are created. */
export const ConfirmRegistration = defineRequest('partners.confirm-registration', {
  anonymous: true,
  sealed: ['token'],
  input: z.strictObject({ token: z.string().min(20).max(200) }),
  answer: registrationViewSchema,
});

/** Checks a password; answers the person's identity for the gateway to put in its tokens. */
export const Authenticate = defineRequest('partners.authenticate', {
  anonymous: true,
  sealed: ['password'],
  input: z.strictObject({ email, password: z.string().min(1).max(200) }),
  answer: identityViewSchema,
});

/** The current identity of a person (roles may have changed since the last token). */
export const GetIdentity = defineRequest('partners.get-identity', {
  input: z.strictObject({ personId: z.uuid() }),
  answer: identityViewSchema,
});

/**
 * Version 2 of `partners.get-identity`: the identity and when the person's credentials last
 * changed, for the gateway's refresh to refuse a login older than that (whether or not the gateway
 * managed to end the person's logins when the password changed). Partners answers both versions
 * while the gateway moves over.
 */
export const GetIdentityV2 = defineRequest('partners.get-identity', {
  version: 2,
  input: z.strictObject({ personId: z.uuid() }),
  answer: credentialedIdentityViewSchema,
});

export const GetMe = defineRequest('partners.get-me', {
  input: z.strictObject({}),
  answer: meViewSchema,
});

/** A signed-in person sets a new password, giving the current one; answers their identity (the gateway starts a new login with it). */
export const ChangePassword = defineRequest('partners.change-password', {
  sealed: ['currentPassword', 'newPassword'],
  input: z.strictObject({ currentPassword: z.string().min(1).max(200), newPassword: passwordSchema }),
  answer: identityViewSchema,
});

/** Anyone asks for a password reset link to be e-mailed to an address; the same answer whether or not it has an account. */
export const RequestPasswordReset = defineRequest('partners.request-password-reset', {
  anonymous: true,
  input: z.strictObject({ email }),
  answer: passwordResetRequestedViewSchema,
});

/** The address's owner opens the e-mailed link and sets a new password. */
export const ResetPassword = defineRequest('partners.reset-password', {
  anonymous: true,
  sealed: ['token', 'password'],
  input: z.strictObject({ token: z.string().min(20).max(200), password: passwordSchema }),
  answer: passwordResetViewSchema,
});

/**
 * Anyone asks for a login unlock link to be e-mailed to an address (its logins are refused while it
 * is under attack); the same answer whether or not it has an account.
 */
export const RequestLoginUnlock = defineRequest('partners.request-login-unlock', {
  anonymous: true,
  input: z.strictObject({ email }),
  answer: loginUnlockRequestedViewSchema,
});

/** The address's owner opens the e-mailed unlock link: used up, it names the account the gateway gives this browser a device cookie for. */
export const ConfirmLoginUnlock = defineRequest('partners.confirm-login-unlock', {
  anonymous: true,
  sealed: ['token'],
  input: z.strictObject({ token: z.string().min(20).max(200) }),
  answer: loginUnlockViewSchema,
});

// ---- organisations --------------------------------------------------------------------------

export const ListOrganisations = defineRequest('partners.list-organisations', {
  input: z.strictObject({
    ...pageQuery,
    type: organisationTypeSchema.optional(),
    workDomain: workDomainSchema.optional(),
    status: organisationStatusSchema.optional(),
    q: singleLineText({ min: 1, max: 100 }).optional(),
    changeProposed: z
      .enum(['true', 'false'])
      .transform((v) => v === 'true')
      .optional()
      .describe("true: only organisations with a proposed new name or enterprise number waiting for approval (a hub admin sees the hub's; anyone else only their own organisations'); false: only those without."),
  }),
  answer: organisationPageSchema,
});

export const GetOrganisation = defineRequest('partners.get-organisation', {
  input: z.strictObject({ organisationId: z.uuid() }),
  answer: organisationViewSchema,
});

export const UpdateOrganisation = defineRequest('partners.update-organisation', {
  input: z.strictObject({
    organisationId: z.uuid(),
    changes: z
      .strictObject({
        name: name.optional(),
        type: organisationTypeSchema.optional(),
        enterpriseNumber: enterpriseNumber.nullable().optional(),
        workDomains: workDomains.optional(),
      })
      .refine((c) => Object.keys(c).length > 0, 'change at least one field'),
  }),
  answer: organisationViewSchema,
});

/** A hub admin applies the name or enterprise number an org admin proposed for an active organisation. */
export const ApproveOrganisationChange = defineRequest('partners.approve-organisation-change', {
  input: z.strictObject({ organisationId: z.uuid() }),
  answer: organisationViewSchema,
});

/** A hub admin turns down a proposed change, or its organisation's org admin withdraws it. */
export const DiscardOrganisationChange = defineRequest('partners.discard-organisation-change', {
  input: z.strictObject({ organisationId: z.uuid() }),
  answer: organisationViewSchema,
});

export const ApproveOrganisation = defineRequest('partners.approve-organisation', {
  input: z.strictObject({ organisationId: z.uuid() }),
  answer: organisationViewSchema,
});

/** A hub admin turns a pending registration down, saying why (the registrant reads it). */
export const RejectOrganisation = defineRequest('partners.reject-organisation', {
  input: z.strictObject({ organisationId: z.uuid(), reason: multiLineText({ min: 3, max: 1_000 }) }),
  answer: organisationViewSchema,
});

// ---- invitations ----------------------------------------------------------------------------

export const InviteMember = defineRequest('partners.invite-member', {
  input: z.strictObject({ organisationId: z.uuid(), email, role: organisationRoleSchema }),
  answer: invitationViewSchema,
});

/** The invitations of an organisation, newest first, for its org admins. */
export const ListInvitations = defineRequest('partners.list-invitations', {
  input: z.strictObject({ ...pageQuery, organisationId: z.uuid(), status: invitationStatusSchema.optional() }),
  answer: invitationPageSchema,
});

/** An org admin withdraws an invitation that was not accepted yet: its link stops working. */
export const RevokeInvitation = defineRequest('partners.revoke-invitation', {
  input: z.strictObject({ organisationId: z.uuid(), invitationId: z.uuid() }),
  answer: invitationViewSchema,
});

export const AcceptInvitation = defineRequest('partners.accept-invitation', {
  anonymous: true,
  sealed: ['token', 'password'],
  input: z.strictObject({ token: z.string().min(20).max(200), name, password: passwordSchema, language: languageSchema.default('nl') }),
  answer: personViewSchema,
});

// ---- people and hub roles -------------------------------------------------------------------

export const ListPeople = defineRequest('partners.list-people', {
  input: z.strictObject({
    ...pageQuery,
    role: z.union([hubRoleSchema, organisationRoleSchema]).optional(),
    account: z.enum(['open', 'closed']).optional().describe('Only open accounts, or only closed (deactivated) ones; both when left out.'),
  }),
  answer: personPageSchema,
});

export const SetHubRoles = defineRequest('partners.set-hub-roles', {
  input: z.strictObject({
    personId: z.uuid(),
    roles: distinctOf(HUB_ROLES, 'role'),
  }),
  answer: personViewSchema,
});

/**
 * A hub admin deactivates a person of the hub: they can no longer log in, their hub roles and
 * memberships end at once (events tell every service), and the gateway ends their logins.
 */
export const DeactivatePerson = defineRequest('partners.deactivate-person', {
  input: z.strictObject({ personId: z.uuid() }),
  answer: personViewSchema,
});

/**
 * A hub admin reactivates a deactivated person of the hub: they may log in again (and ask for a
 * password reset), with no roles or memberships; a hub admin gives roles back, an org admin invites.
 */
export const ReactivatePerson = defineRequest('partners.reactivate-person', {
  input: z.strictObject({ personId: z.uuid() }),
  answer: personViewSchema,
});

// ---- charters -------------------------------------------------------------------------------

const charterText = multiLineText({ min: 20, max: 50_000 });

export const GetCurrentCharter = defineRequest('partners.get-current-charter', {
  anonymous: true,
  input: z.strictObject({}),
  answer: charterViewSchema,
});

export const PublishCharter = defineRequest('partners.publish-charter', {
  input: z.strictObject({ text: z.strictObject({ nl: charterText, en: charterText }) }),
  answer: charterViewSchema,
});

export const SignCharter = defineRequest('partners.sign-charter', {
  input: z.strictObject({ organisationId: z.uuid(), version: z.number().int().min(1) }),
  answer: charterSignatureViewSchema,
});

// ---- hubs -----------------------------------------------------------------------------------

/**
 * The hub with this code (answers a HubView; NotFound when there is none), for anonymous callers
 * that name their hub, e.g. `GET /charters/current?hub=genk` in the gateway.
 */
export const GetHub = defineRequest('partners.get-hub', {
  anonymous: true,
  input: z.strictObject({ slug: hubSlug }),
  answer: hubViewSchema,
});
