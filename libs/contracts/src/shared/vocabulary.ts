import { z } from 'zod';

/** The vocabulary every context shares (ARCHITECTURE.md, "Domain"). Lengths and SQL lists derive from these lists. */

export const WORK_DOMAINS = ['green', 'mobility', 'hospitality', 'industry', 'care', 'mentoring', 'other'] as const;
export type WorkDomain = (typeof WORK_DOMAINS)[number];

/** Roles held in a hub. */
export const HUB_ROLES = ['hub_admin', 'city_staff', 'mentor', 'job_coach'] as const;
export type HubRole = (typeof HUB_ROLES)[number];

/** Roles held in an organisation. */
export const ORGANISATION_ROLES = ['org_admin', 'member'] as const;
export type OrganisationRole = (typeof ORGANISATION_ROLES)[number];

/** The languages of the interface: Dutch first. */
export const LANGUAGES = ['nl', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

export const workDomainSchema = z.enum(WORK_DOMAINS);
export const hubRoleSchema = z.enum(HUB_ROLES);
export const organisationRoleSchema = z.enum(ORGANISATION_ROLES);
export const languageSchema = z.enum(LANGUAGES);

/** A list of distinct values of a vocabulary, at most all of them. */
export function distinctOf<T extends readonly [string, ...string[]]>(values: T, what: string) {
  return z
    .array(z.enum(values))
    .max(values.length)
    .refine((a) => new Set(a).size === a.length, `each ${what} once`);
}

/** The SQL of a CHECK that `column` holds one of `values` (entities derive their checks from the vocabulary). */
export function sqlOneOf(column: string, values: readonly string[]): string {
  return `${column} IN (${values.map((v) => `'${v}'`).join(', ')})`;
}

/** The SQL of a CHECK that the array `column` holds only `values`. */
export function sqlSubsetOf(column: string, values: readonly string[]): string {
  return `${column} <@ ARRAY[${values.map((v) => `'${v}'`).join(', ')}]::text[]`;
}
