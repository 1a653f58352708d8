import { Caller } from '@cirkel/contracts';

/** The roles a person holds now, as a service knows them. */
export type HeldRoles = Pick<Caller, 'hubRoles' | 'memberships'>;

/**
 * Where a service reads who holds which role. Partners reads its own tables; every other service
 * reads its copy, kept from partners' events (`RoleCopyDirectory`). Null: no such person (any more).
 */
export abstract class RoleDirectory {
  abstract rolesOf(hubId: string, personId: string): Promise<HeldRoles | null>;

  /**
   * Told by partners once a transaction of its own that changed the person's roles committed: a
   * directory that keeps roles drops theirs at once on this replica, so that the next request here
   * (the same hub admin's, say) sees the change; the tables' notice comes a moment later, and tells
   * the other replicas.
   */
  committedChange(personId: string): void {
    void personId; // nothing kept, nothing to drop
  }
}
