import { z } from 'zod';
import { hubRoleSchema, organisationRoleSchema } from './vocabulary';

/**
 * Who is asking: the person, their hub, and the roles they hold there. The gateway reads it from a
 * verified access token; a service that authorises replaces the roles by its own, fresh copy.
 */
export const callerSchema = z.object({
  personId: z.uuid(),
  hubId: z.uuid(),
  hubRoles: z.array(hubRoleSchema),
  memberships: z.array(z.object({ organisationId: z.uuid(), role: organisationRoleSchema })),
});

export type Caller = z.infer<typeof callerSchema>;
