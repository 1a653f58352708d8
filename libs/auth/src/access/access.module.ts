import { DynamicModule, Module } from '@nestjs/common';
import { RoleCopyDirectory } from '../role-copy/role-copy.directory';
import { RoleCopyHandler } from '../role-copy/role-copy.handler';
import { RoleCopyRepository } from '../role-copy/role-copy.repository';
import { Access } from './access.service';
import { RoleDirectory } from './role-directory';

/**
 * The request guards of a service (`Access`). `forService()` keeps a copy of who holds which role
 * from partners' events (list `ROLE_COPY_PERSISTENCE` in the service's persistence). Partners, the
 * source of roles, provides `Access` with a `RoleDirectory` of its own tables instead.
 */
@Module({})
export class AccessModule {
  static forService(): DynamicModule {
    return {
      module: AccessModule,
      global: true,
      controllers: [RoleCopyHandler],
      providers: [RoleCopyRepository, { provide: RoleDirectory, useClass: RoleCopyDirectory }, Access],
      exports: [Access],
    };
  }

}
