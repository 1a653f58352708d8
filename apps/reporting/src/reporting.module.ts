import { DynamicModule, Module } from '@nestjs/common';
import { CirkelConfig } from '@cirkel/config';
import { RedisModule, ServiceModule } from '@cirkel/runtime';
import { REPORTING_PERSISTENCE } from './reporting.persistence';
import { EventTallyHandler } from './event-tally/event-tally.handler';
import { EventTallyRepository } from './event-tally/event-tally.repository';
import { JobsModule } from '@cirkel/jobs';
import { MonthlyTallyRecountJob } from './monthly-tally/monthly-tally-recount.job';
import { MonthlyTallyRepository } from './monthly-tally/monthly-tally.repository';
import { MonthlyTallyService } from './monthly-tally/monthly-tally.service';

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
        ServiceModule.forRoot({ config, persistence: REPORTING_PERSISTENCE }),
        RedisModule,
        JobsModule.forRoot({ workers: [MonthlyTallyRecountJob], providers: [MonthlyTallyRepository] }),
      ],
      controllers: [EventTallyHandler],
      providers: [EventTallyRepository, MonthlyTallyService],
    };
  }
}
