import { Injectable } from '@nestjs/common';
import { Caller, PersonView } from '@cirkel/contracts';
import { HubRoleRepository } from './hub-role.repository';
import { MembershipRepository } from './membership.repository';
import { Person } from './person.entity';

/** Builds PersonViews (and principals) with the roles and memberships people hold now. */
@Injectable()
export class PersonViews {
  constructor(
    private readonly hubRoles: HubRoleRepository,
    private readonly memberships: MembershipRepository,
  ) {}

  async many(people: Person[]): Promise<PersonView[]> {
    if (people.length === 0) return [];
    const hubId = people[0].hubId;
    const ids = people.map((p) => p.id);
    const [roles, memberships] = await Promise.all([this.hubRoles.rolesOf(hubId, ids), this.memberships.ofPeople(hubId, ids)]);
    return people.map((person) => ({
      id: person.id,
      hubId: person.hubId,
      name: person.name,
      email: person.email,
      language: person.language,
      hubRoles: roles.get(person.id) ?? [],
      memberships: memberships
        .filter((m) => m.personId === person.id)
        .map((m) => ({ organisationId: m.organisationId, organisationName: m.organisationName, role: m.role })),
      deactivatedAt: person.deactivatedAt ? person.deactivatedAt.toISOString() : null,
    }));
  }

  async one(person: Person): Promise<PersonView> {
    const [view] = await this.many([person]);
    return view;
  }

  async asCaller(person: Person): Promise<Caller> {
    return asCaller(await this.one(person));
  }
}

export function asCaller(view: PersonView): Caller {
  return {
    personId: view.id,
    hubId: view.hubId,
    hubRoles: view.hubRoles,
    memberships: view.memberships.map((m) => ({ organisationId: m.organisationId, role: m.role })),
  };
}
