import { Injectable } from '@nestjs/common';
import { HeldRoles, RoleDirectory } from '../access/role-directory';
import { RoleCopyRepository } from './role-copy.repository';

/** The role directory of a service other than partners: its own copy, kept from partners' events. */
@Injectable()
export class RoleCopyDirectory extends RoleDirectory {
  constructor(private readonly copy: RoleCopyRepository) {
    super();
  }

  rolesOf(hubId: string, personId: string): Promise<HeldRoles> {
    return this.copy.rolesOf(hubId, personId);
  }
}
