import { DynamicModule, Module } from '@nestjs/common';
import { AccessModule, RoleDirectorySource } from '@cirkel/auth';
import { CirkelConfig, ConfigModule } from '@cirkel/config';
import { APPS } from '@cirkel/contracts';
import { MessagingModule } from '@cirkel/messaging';
import { PersistenceModule, PersistenceOptions } from '@cirkel/persistence';
import { DeadLettersController } from './dead-letters.controller';
import { HealthModule } from './health/health.module';

export interface ServiceModuleOptions {
  config: CirkelConfig;
  /** The service's entities and migrations (its `<service>.persistence.ts`). */
  persistence: PersistenceOptions;
  /** Where the guards read roles: the service's copy from partners' events (default), or partners' own tables. */
  roles?: RoleDirectorySource;
}

/**
 * What every service has, in one import: its config, its data source (migrated), the event
 * backbone on its own stream, health, the request guards with fresh roles, and its dead letters.
 * A service module imports this and adds only its own controllers and providers.
 */
@Module({})
export class ServiceModule {
  static forRoot({ config, persistence, roles }: ServiceModuleOptions): DynamicModule {
    const context = APPS.find((app) => app.name === config.service)?.context;
    if (!context) throw new Error(`${config.service} is not a service: it owns no stream (see libs/contracts/src/shared/apps.ts)`);
    return {
      module: ServiceModule,
      imports: [
        ConfigModule.forRoot(config),
        PersistenceModule.forRoot(persistence),
        MessagingModule.forRoot({ publishes: [context] }),
        HealthModule,
        roles ? AccessModule.forSource(roles) : AccessModule.forService(),
      ],
      controllers: [DeadLettersController],
    };
  }
}
