import { DynamicModule, Module } from '@nestjs/common';
import { CirkelConfig, ConfigModule } from '@cirkel/config';
import { HealthModule, MessagingModule, MessagingTables1764230400000, RedisModule } from '@cirkel/messaging';
import { PersistenceModule } from '@cirkel/persistence';
import { EventTally } from './event-tally/event-tally.entity';
import { EventTallyHandler } from './event-tally/event-tally.handler';
import { EventTally1764230800000 } from './migrations/1764230800000-event-tally';

/**
 * Reporting: participants, placements and statistics (later issues). For now it counts the events
 * of the hub per type and day, the first read model of the statistics.
 */
@Module({})
export class ReportingModule {
  static forRoot(config: CirkelConfig): DynamicModule {
    return {
      module: ReportingModule,
      imports: [
        ConfigModule.forRoot(config),
        PersistenceModule.forRoot({ entities: [EventTally], migrations: [MessagingTables1764230400000, EventTally1764230800000] }),
        MessagingModule.forRoot({ publishes: ['reporting'] }),
        RedisModule,
        HealthModule,
      ],
      controllers: [EventTallyHandler],
    };
  }
}
