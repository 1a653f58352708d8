import { z } from 'zod';
import { Caller, hubRoleSchema, organisationRoleSchema } from '@cirkel/contracts';

/**
 * What an access token says, besides `iss`, `aud`, `iat` and `exp`: the Caller, with the person
 * as `sub`. Checked against this schema after the signature, so a well-signed token of the wrong
 * shape is refused too.
 */
export const accessTokenClaimsSchema = z.object({
  sub: z.uuid(),
  hubId: z.uuid(),
  hubRoles: z.array(hubRoleSchema),
  memberships: z.array(z.object({ organisationId: z.uuid(), role: organisationRoleSchema })),
  iss: z.string(),
  aud: z.union([z.string(), z.array(z.string())]),
  iat: z.number().int(),
  exp: z.number().int(),
});

export type AccessTokenClaims = z.infer<typeof accessTokenClaimsSchema>;

/** The claims the token service signs; it adds `iss`, `aud`, `iat` and `exp` itself. */
export type CallerClaims = Pick<AccessTokenClaims, 'sub' | 'hubId' | 'hubRoles' | 'memberships'>;

export function claimsOf(caller: Caller): CallerClaims {
  return {
    sub: caller.personId,
    hubId: caller.hubId,
    hubRoles: [...caller.hubRoles],
    memberships: caller.memberships.map(({ organisationId, role }) => ({ organisationId, role })),
  };
}

export function callerOf(claims: AccessTokenClaims): Caller {
  return { personId: claims.sub, hubId: claims.hubId, hubRoles: claims.hubRoles, memberships: claims.memberships };
}

/**
 * What a service token says, besides `iss`, `aud` (the one app it is for, `serviceAudienceOf`,
 * never the audience HTTP accepts), `iat` and `exp`: which app asks on its own account, and for
 * which hub (null for none); no person and no roles.
 */
export const serviceTokenClaimsSchema = z.object({
  sub: z.string().regex(/^service:[a-z]+$/),
  hubId: z.uuid().nullable(),
  iss: z.string(),
  aud: z.union([z.string(), z.array(z.string())]),
  iat: z.number().int(),
  exp: z.number().int(),
});
