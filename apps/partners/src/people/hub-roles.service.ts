import { Injectable, Logger } from '@nestjs/common';
import { RoleDirectory } from '@cirkel/auth';
import { Caller, HUB_ROLES, HubRole, PersonView, InputOf, RolesChanged, SetHubRoles } from '@cirkel/contracts';
import { UnitOfWork } from '@cirkel/messaging';
import { personCause } from '@cirkel/messaging';
import { HubRepository } from '../hubs/hub.repository';
import { HubRoleRepository } from './hub-role.repository';
import { LastHubAdmin, PersonNotFound } from './people.errors';
import { Person } from './person.entity';
import { PersonRepository } from './person.repository';
import { PersonViews } from './person-views';

@Injectable()
export class HubRolesService {
  private readonly logger = new Logger(HubRolesService.name);

  constructor(
    private readonly hubs: HubRepository,
    private readonly people: PersonRepository,
    private readonly hubRoles: HubRoleRepository,
    private readonly unitOfWork: UnitOfWork,
    private readonly views: PersonViews,
    private readonly roles: RoleDirectory,
  ) {}

  /**
   * A hub admin sets a person's hub roles to exactly the given set. The hub never loses its last
   * hub admin. The event carries the full set; an unchanged set publishes nothing.
   */
  async set(caller: Caller, data: InputOf<typeof SetHubRoles>, correlationId: string): Promise<PersonView> {
    const roles = sortRoles(data.roles);
    const person: Person = await this.unitOfWork.run(async (tx) => {
      await this.hubs.lock(caller.hubId, tx.manager); // one role change per hub at a time: the last-admin check holds
      const target = await this.people.findInHub(caller.hubId, data.personId, tx.manager);
      if (!target) throw new PersonNotFound();
      const current = (await this.hubRoles.rolesOf(caller.hubId, [target.id], tx.manager)).get(target.id) ?? [];
      if (sameRoles(current, roles)) return target;
      if (current.includes('hub_admin') && !roles.includes('hub_admin') && (await this.hubRoles.countHolders(caller.hubId, 'hub_admin', tx.manager)) <= 1) {
        throw new LastHubAdmin();
      }
      await this.hubRoles.replace(caller.hubId, target.id, roles, tx.manager);
      tx.publish(
        RolesChanged,
        caller.hubId,
        { personId: target.id, name: target.name, language: target.language, hubRoles: roles },
        personCause(caller.personId, correlationId),
      );
      this.logger.log(`hub roles of ${target.id} set to [${roles.join(', ')}] by ${caller.personId}`);
      return target;
    });
    this.roles.committedChange(person.id);
    return this.views.one(person);
  }
}

function sortRoles(roles: HubRole[]): HubRole[] {
  return HUB_ROLES.filter((role) => roles.includes(role));
}

function sameRoles(a: HubRole[], b: HubRole[]): boolean {
  return a.length === b.length && a.every((role) => b.includes(role));
}
