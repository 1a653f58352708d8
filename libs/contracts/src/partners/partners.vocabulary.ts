import { z } from 'zod';

export const ORGANISATION_TYPES = ['public', 'regular', 'social', 'knowledge', 'startup', 'citizen'] as const;
export type OrganisationType = (typeof ORGANISATION_TYPES)[number];

export const WORK_DOMAINS = ['green', 'mobility', 'hospitality', 'industry', 'care', 'mentoring', 'other'] as const;
export type WorkDomain = (typeof WORK_DOMAINS)[number];

export const ORGANISATION_STATUSES = ['pending', 'active'] as const;
export type OrganisationStatus = (typeof ORGANISATION_STATUSES)[number];

/** Roles held in a hub. */
export const HUB_ROLES = ['hub_admin', 'city_staff', 'mentor', 'job_coach'] as const;
export type HubRole = (typeof HUB_ROLES)[number];

/** Roles held in an organisation. */
export const ORGANISATION_ROLES = ['org_admin', 'member'] as const;
export type OrganisationRole = (typeof ORGANISATION_ROLES)[number];

export const LANGUAGES = ['nl', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

export const organisationTypeSchema = z.enum(ORGANISATION_TYPES);
export const workDomainSchema = z.enum(WORK_DOMAINS);
export const hubRoleSchema = z.enum(HUB_ROLES);
export const organisationRoleSchema = z.enum(ORGANISATION_ROLES);
export const languageSchema = z.enum(LANGUAGES);
