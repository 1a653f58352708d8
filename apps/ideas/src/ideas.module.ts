import { DynamicModule, Module } from '@nestjs/common';
import { CirkelConfig, ConfigModule } from '@cirkel/config';
import { HealthModule, MessagingModule, MessagingTables1764230400000 } from '@cirkel/messaging';
import { PersistenceModule } from '@cirkel/persistence';
import { KnownOrganisation } from './organisations/known-organisation.entity';
import { OrganisationDirectoryHandler } from './organisations/organisation-directory.handler';
import { KnownOrganisations1764230500000 } from './migrations/1764230500000-known-organisations';

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
        PersistenceModule.forRoot({
          entities: [KnownOrganisation],
          migrations: [MessagingTables1764230400000, KnownOrganisations1764230500000],
        }),
        MessagingModule.forRoot({ publishes: ['ideas'] }),
        HealthModule,
      ],
      controllers: [OrganisationDirectoryHandler],
    };
  }
}
