import { DynamicModule, Module } from '@nestjs/common';
import { CirkelConfig } from '@cirkel/config';
import { RedisModule, ServiceModule } from '@cirkel/runtime';
import { JobsModule } from '@cirkel/jobs';
import { REPORTING_PERSISTENCE } from './reporting.persistence';
import { AuditLogRepository } from './audit/audit-log.repository';
import { AuditLogService } from './audit/audit-log.service';
import { DigestActivityRepository } from './digest/digest-activity.repository';
import { DigestFiguresController } from './digest/digest-figures.controller';
import { DigestFiguresService } from './digest/digest-figures.service';
import { ProgrammeActivityHandler } from './directory/programme-activity.handler';
import { ProgrammeActivityRepository } from './directory/programme-activity.repository';
import { DirectoryHandler } from './directory/directory.handler';
import { DirectoryRepository } from './directory/directory.repository';
import { EventTallyHandler } from './event-tally/event-tally.handler';
import { EventTallyRepository } from './event-tally/event-tally.repository';
import { MonthlyTallyRecountJob } from './monthly-tally/monthly-tally-recount.job';
import { MonthlyTallyRepository } from './monthly-tally/monthly-tally.repository';
import { MonthlyTallyService } from './monthly-tally/monthly-tally.service';
import { ParticipantRepository } from './participants/participant.repository';
import { ParticipantService } from './participants/participant.service';
import { ParticipantsController } from './participants/participants.controller';
import { PlacementService } from './participants/placement.service';
import { ReferenceRehashJob } from './participants/reference-rehash.job';
import { StatisticsController } from './statistics/statistics.controller';
import { StatisticsRepository } from './statistics/statistics.repository';
import { StatisticsRunJob } from './statistics/statistics-run.job';
import { StatisticsService } from './statistics/statistics.service';
import { StatisticsRuns } from './statistics/statistics-runs';
import { PublishedFigures } from './statistics/published-figures.service';
import { TargetsController } from './targets/targets.controller';
import { TargetsService } from './targets/targets.service';

/**
 * Reporting: participants (pseudonymous, with the ESF+ common indicators) and their placements,
 * recorded by job coaches and audited; read models of ideas, organisations and stage moves from
 * their events; statistics stored by a job (nightly, on demand, shortly after placements) and read
 * with disclosure control; the daily event tally and its monthly recount.
 */
@Module({})
export class ReportingModule {
  static forRoot(config: CirkelConfig): DynamicModule {
    return {
      module: ReportingModule,
      imports: [
        ServiceModule.forRoot({ config, persistence: REPORTING_PERSISTENCE }),
        RedisModule,
        JobsModule.forRoot({ workers: [MonthlyTallyRecountJob, StatisticsRunJob, ReferenceRehashJob], providers: [MonthlyTallyRepository, StatisticsRepository, PublishedFigures] }),
      ],
      controllers: [EventTallyHandler, DirectoryHandler, ProgrammeActivityHandler, ParticipantsController, StatisticsController, DigestFiguresController, TargetsController],
      providers: [EventTallyRepository, MonthlyTallyService, DirectoryRepository, ParticipantRepository, AuditLogRepository, ParticipantService, PlacementService, AuditLogService, StatisticsRepository, PublishedFigures, StatisticsService, StatisticsRuns, TargetsService, DigestActivityRepository, DigestFiguresService, ProgrammeActivityRepository],
    };
  }
}
