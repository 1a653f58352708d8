import { Injectable } from '@nestjs/common';
import { HeldRoles, RoleDirectory } from '@cirkel/auth';
import { PersonRepository } from '../people/person.repository';

/** Partners is the source of roles: its guards read its own tables (one query), never a copy. */
@Injectable()
export class PartnersRoleDirectory extends RoleDirectory {
  constructor(private readonly people: PersonRepository) {
    super();
  }

  rolesOf(hubId: string, personId: string): Promise<HeldRoles | null> {
    return this.people.heldRoles(hubId, personId);
  }
}
