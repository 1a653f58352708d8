import { DynamicModule, Module } from '@nestjs/common';
import { CirkelConfig, ConfigModule } from '@cirkel/config';
import { MessagingModule } from '@cirkel/messaging';
import { HealthModule } from '@cirkel/runtime';
import { PersistenceModule } from '@cirkel/persistence';
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
        ConfigModule.forRoot(config),
        PersistenceModule.forRoot(IDEAS_PERSISTENCE),
        MessagingModule.forRoot({ publishes: ['ideas'] }),
        HealthModule,
      ],
      controllers: [OrganisationDirectoryHandler],
      providers: [KnownOrganisationRepository],
    };
  }
}
