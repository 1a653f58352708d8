import { Injectable, Logger } from '@nestjs/common';
import { RoleDirectory } from '@cirkel/auth';
import { Caller, DeactivatePerson, InputOf, MemberLeft, PersonView, ReactivatePerson, RolesChanged } from '@cirkel/contracts';
import { personCause, UnitOfWork } from '@cirkel/messaging';
import { HubRepository } from '../hubs/hub.repository';
import { HubRoleRepository } from './hub-role.repository';
import { LoginUnlockRepository } from './login-unlock.repository';
import { MembershipRepository } from './membership.repository';
import { PasswordResetRepository } from './password-reset.repository';
import { PersonActive, PersonDeactivated, PersonNotFound, SelfDeactivation } from './people.errors';
import { PersonRepository } from './person.repository';
import { PersonViews } from './person-views';

/**
 * A hub admin deactivates a person of the hub. In one transaction: the person is marked (they can no
 * longer log in or refresh, and partners' own checks no longer know them), their hub roles and
 * memberships end, their password reset and login unlock links stop working, and the events that say so go out —
 * roles-changed with no roles and a member-left per membership — so every service's copy of roles
 * drops them at once. The gateway ends their logins when it gets the answer.
 */
@Injectable()
export class DeactivationService {
  private readonly logger = new Logger(DeactivationService.name);

  constructor(
    private readonly hubs: HubRepository,
    private readonly people: PersonRepository,
    private readonly hubRoles: HubRoleRepository,
    private readonly memberships: MembershipRepository,
    private readonly resets: PasswordResetRepository,
    private readonly unlocks: LoginUnlockRepository,
    private readonly unitOfWork: UnitOfWork,
    private readonly views: PersonViews,
    private readonly roles: RoleDirectory,
  ) {}

  async deactivate(caller: Caller, data: InputOf<typeof DeactivatePerson>, correlationId: string): Promise<PersonView> {
    if (data.personId === caller.personId) throw new SelfDeactivation();
    const person = await this.unitOfWork.run(async (tx) => {
      await this.hubs.lock(caller.hubId, tx.manager); // one role change per hub at a time, as for set-hub-roles
      const target = await this.people.findInHub(caller.hubId, data.personId, tx.manager);
      if (!target) throw new PersonNotFound();
      if (target.deactivatedAt) throw new PersonDeactivated();
      const now = new Date();
      const cause = personCause(caller.personId, correlationId);
      await this.people.markDeactivated(target.id, now, caller.personId, tx.manager);
      await this.hubRoles.replace(caller.hubId, target.id, [], tx.manager);
      tx.publish(RolesChanged, caller.hubId, { personId: target.id, name: target.name, language: target.language, hubRoles: [] }, cause);
      for (const ended of await this.memberships.removeAllOf(caller.hubId, target.id, tx.manager)) {
        tx.publish(MemberLeft, caller.hubId, { organisationId: ended.organisationId, personId: target.id, role: ended.role }, cause);
      }
      await this.resets.useAllOf(target.id, now, tx.manager);
      await this.unlocks.useAllOf(target.id, now, tx.manager);
      return { ...target, deactivatedAt: now, deactivatedBy: caller.personId };
    });
    this.roles.committedChange(person.id);
    this.logger.log(`person ${person.id} deactivated by ${caller.personId}`);
    return this.views.one(person);
  }

  /**
   * A hub admin lets a deactivated person of the hub log in again. Nothing else comes back: their
   * roles and memberships ended with the deactivation (and every service was told), so they return
   * with none, and no event is needed; a hub admin gives hub roles again, an org admin invites.
   */
  async reactivate(caller: Caller, data: InputOf<typeof ReactivatePerson>): Promise<PersonView> {
    const person = await this.unitOfWork.run(async (tx) => {
      const target = await this.people.findInHub(caller.hubId, data.personId, tx.manager);
      if (!target) throw new PersonNotFound();
      if (!target.deactivatedAt) throw new PersonActive();
      await this.people.markReactivated(target.id, tx.manager);
      return { ...target, deactivatedAt: null, deactivatedBy: null };
    });
    this.logger.log(`person ${person.id} reactivated by ${caller.personId}`);
    return this.views.one(person);
  }
}
