import { z } from 'zod';
import { defineEvent } from '../events/event-contract';
import { hubRoleSchema, languageSchema, organisationRoleSchema, workDomainSchema } from '../shared/vocabulary';
import { organisationStatusSchema, organisationTypeSchema } from './partners.vocabulary';

/** Events of one organisation share its version; roles, memberships and charter signatures count their own. */
const ORGANISATION = { type: 'organisation', id: (data: { organisationId: string }) => data.organisationId };

const organisationFacts = {
  organisationId: z.uuid(),
  name: z.string().min(1),
  type: organisationTypeSchema,
  enterpriseNumber: z.string().regex(/^\d{10}$/).nullable(),
  workDomains: z.array(workDomainSchema),
};

export const OrganisationRegistered = defineEvent(
  'partners.organisation-registered',
  1,
  z.object({
    ...organisationFacts,
    status: z.literal('pending'),
    registeredBy: z.object({ personId: z.uuid(), name: z.string().min(1) }),
  }),
  ORGANISATION,
);
export const ORGANISATION_REGISTERED = OrganisationRegistered.type;

export const OrganisationApproved = defineEvent(
  'partners.organisation-approved',
  1,
  z.object({ organisationId: z.uuid(), name: z.string().min(1), approvedBy: z.uuid() }),
  ORGANISATION,
);
export const ORGANISATION_APPROVED = OrganisationApproved.type;

export const OrganisationRejected = defineEvent(
  'partners.organisation-rejected',
  1,
  z.object({ organisationId: z.uuid(), name: z.string().min(1), reason: z.string().min(1), rejectedBy: z.uuid() }),
  ORGANISATION,
);
export const ORGANISATION_REJECTED = OrganisationRejected.type;

export const OrganisationUpdated = defineEvent(
  'partners.organisation-updated',
  1,
  z.object({ ...organisationFacts, status: organisationStatusSchema }),
  ORGANISATION,
);
export const ORGANISATION_UPDATED = OrganisationUpdated.type;

/**
 * An org admin of an active organisation asked for a new name or enterprise number: it waits for a
 * hub admin's approval (the organisation keeps its name and number until then). `name` is the
 * name it still has; a proposed field left out is not changed.
 */
export const OrganisationChangeProposed = defineEvent(
  'partners.organisation-change-proposed',
  1,
  z.object({
    organisationId: z.uuid(),
    name: z.string().min(1),
    proposedName: z.string().min(1).optional(),
    proposedEnterpriseNumber: z.string().regex(/^\d{10}$/).nullable().optional(),
    proposedBy: z.uuid(),
  }),
  ORGANISATION,
);
export const ORGANISATION_CHANGE_PROPOSED = OrganisationChangeProposed.type;

export const MemberJoined = defineEvent(
  'partners.member-joined',
  1,
  z.object({
    organisationId: z.uuid(),
    personId: z.uuid(),
    name: z.string().min(1),
    language: languageSchema,
    role: organisationRoleSchema,
  }),
  { type: 'membership', id: (data) => `${data.organisationId}/${data.personId}` },
);
export const MEMBER_JOINED = MemberJoined.type;

/**
 * A membership ended (today: its person was deactivated). The same aggregate as member-joined, so a
 * copy orders the two by version; `role` is the role the person held, for a copy that never saw it.
 */
export const MemberLeft = defineEvent(
  'partners.member-left',
  1,
  z.object({ organisationId: z.uuid(), personId: z.uuid(), role: organisationRoleSchema }),
  { type: 'membership', id: (data) => `${data.organisationId}/${data.personId}` },
);
export const MEMBER_LEFT = MemberLeft.type;

/** The full set of hub roles a person now holds (not a delta), so a consumer can rebuild its view from the last event. */
export const RolesChanged = defineEvent(
  'partners.roles-changed',
  1,
  z.object({
    personId: z.uuid(),
    name: z.string().min(1),
    language: languageSchema,
    hubRoles: z.array(hubRoleSchema),
  }),
  { type: 'hub-roles', id: (data) => data.personId },
);
export const ROLES_CHANGED = RolesChanged.type;

export const CharterPublished = defineEvent(
  'partners.charter-published',
  1,
  z.object({ charterId: z.uuid(), version: z.number().int().min(1) }),
  { type: 'charter', id: (data) => data.charterId },
);
export const CHARTER_PUBLISHED = CharterPublished.type;

export const CharterSigned = defineEvent(
  'partners.charter-signed',
  1,
  z.object({ organisationId: z.uuid(), version: z.number().int().min(1), signedBy: z.uuid() }),
  { type: 'charter-signature', id: (data) => data.organisationId },
);
export const CHARTER_SIGNED = CharterSigned.type;

export const PARTNERS_EVENTS = [
  OrganisationRegistered,
  OrganisationApproved,
  OrganisationRejected,
  OrganisationUpdated,
  OrganisationChangeProposed,
  MemberJoined,
  MemberLeft,
  RolesChanged,
  CharterPublished,
  CharterSigned,
] as const;
