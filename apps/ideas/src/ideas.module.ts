import { DynamicModule, Module } from '@nestjs/common';
import { CirkelConfig } from '@cirkel/config';
import { ServiceModule } from '@cirkel/runtime';
import { IDEAS_PERSISTENCE } from './ideas.persistence';
import { KnownOrganisationRepository } from './organisations/known-organisation.repository';
import { OrganisationDirectoryHandler } from './organisations/organisation-directory.handler';

/**
 * Ideas: the idea pipeline (a later issue). For now it keeps the directory of partner
 * organisations it will need for lead and collaborating organisations.
 */
@Module({})
export class IdeasModule {
  static forRoot(config: CirkelConfig): DynamicModule {
    return {
      module: IdeasModule,
      imports: [
        ServiceModule.forRoot({ config, persistence: IDEAS_PERSISTENCE }),
      ],
      controllers: [OrganisationDirectoryHandler],
      providers: [KnownOrganisationRepository],
    };
  }
}
