import { Caller } from '@cirkel/contracts';

/** The roles a person holds now, as a service knows them. */
export type HeldRoles = Pick<Caller, 'hubRoles' | 'memberships'>;

/**
 * Where a service reads who holds which role. Partners reads its own tables; every other service
 * reads its copy, kept from partners' events (`RoleCopyDirectory`). Null: no such person (any more).
 */
export abstract class RoleDirectory {
  abstract rolesOf(hubId: string, personId: string): Promise<HeldRoles | null>;
}
