import { z } from 'zod';
import { defineRequest } from '../requests/request-contract';
import { normaliseEnterpriseNumber } from './enterprise-number';
import {
  hubRoleSchema,
  languageSchema,
  ORGANISATION_STATUSES,
  organisationRoleSchema,
  organisationTypeSchema,
  workDomainSchema,
} from './partners.vocabulary';

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

const name = z.string().trim().min(2).max(200);
const email = z.email().max(254).transform((e) => e.toLowerCase());
export const passwordSchema = z.string().min(10, 'at least 10 characters').max(200);
const workDomains = z.array(workDomainSchema).max(7).refine((a) => new Set(a).size === a.length, 'each work domain once');
const hubSlug = z.string().regex(/^[a-z][a-z0-9-]{1,39}$/, 'a hub code such as "genk"');

// ---- registrations and accounts ------------------------------------------------------------

export const RegisterOrganisation = defineRequest(
  'partners.register-organisation',
  z.strictObject({
    hub: hubSlug,
    organisation: z.strictObject({
      name,
      type: organisationTypeSchema,
      enterpriseNumber: enterpriseNumber.optional(),
      workDomains: workDomains.default([]),
    }),
    person: z.strictObject({ name, email, password: passwordSchema, language: languageSchema.default('nl') }),
  }),
);

/** Checks a password; answers the person's identity for the gateway to put in its tokens. */
export const Authenticate = defineRequest('partners.authenticate', z.strictObject({ email, password: z.string().min(1).max(200) }));

/** The current identity of a person (roles may have changed since the last token). */
export const GetIdentity = defineRequest('partners.get-identity', z.strictObject({ personId: z.uuid() }));

export const GetMe = defineRequest('partners.get-me', z.strictObject({}));

// ---- organisations --------------------------------------------------------------------------

export const pageQuery = {
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
};

export const ListOrganisations = defineRequest(
  'partners.list-organisations',
  z.strictObject({
    ...pageQuery,
    type: organisationTypeSchema.optional(),
    workDomain: workDomainSchema.optional(),
    status: z.enum(ORGANISATION_STATUSES).optional(),
    q: z.string().trim().min(1).max(100).optional(),
  }),
);

export const GetOrganisation = defineRequest('partners.get-organisation', z.strictObject({ organisationId: z.uuid() }));

export const UpdateOrganisation = defineRequest(
  'partners.update-organisation',
  z.strictObject({
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
);

export const ApproveOrganisation = defineRequest('partners.approve-organisation', z.strictObject({ organisationId: z.uuid() }));

// ---- invitations ----------------------------------------------------------------------------

export const InviteMember = defineRequest(
  'partners.invite-member',
  z.strictObject({ organisationId: z.uuid(), email, role: organisationRoleSchema }),
);

export const AcceptInvitation = defineRequest(
  'partners.accept-invitation',
  z.strictObject({ token: z.string().min(20).max(200), name, password: passwordSchema, language: languageSchema.default('nl') }),
);

// ---- people and hub roles -------------------------------------------------------------------

export const ListPeople = defineRequest(
  'partners.list-people',
  z.strictObject({ ...pageQuery, role: z.union([hubRoleSchema, organisationRoleSchema]).optional() }),
);

export const SetHubRoles = defineRequest(
  'partners.set-hub-roles',
  z.strictObject({
    personId: z.uuid(),
    roles: z.array(hubRoleSchema).max(4).refine((a) => new Set(a).size === a.length, 'each role once'),
  }),
);

// ---- charters -------------------------------------------------------------------------------

const charterText = z.string().trim().min(20).max(50_000);

export const GetCurrentCharter = defineRequest('partners.get-current-charter', z.strictObject({}));

export const PublishCharter = defineRequest('partners.publish-charter', z.strictObject({ text: z.strictObject({ nl: charterText, en: charterText }) }));

export const SignCharter = defineRequest(
  'partners.sign-charter',
  z.strictObject({ organisationId: z.uuid(), version: z.number().int().min(1) }),
);

// ---- hubs -----------------------------------------------------------------------------------

/**
 * The hub with this code (answers a HubView; NotFound when there is none), for anonymous callers
 * that name their hub, e.g. `GET /charters/current?hub=genk` in the gateway.
 */
export const GetHub = defineRequest('partners.get-hub', z.strictObject({ slug: hubSlug }));
