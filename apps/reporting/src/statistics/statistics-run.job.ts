import { Job } from 'bullmq';
import { JobData, StatisticsRun } from '@cirkel/contracts';
import { JobHandler, JobWorker, scheduledFor } from '@cirkel/jobs';
import { monthOfDayBefore } from '../monthly-tally/month-of';
import { periodsOfYear } from './periods';
import { StatisticsRepository } from './statistics.repository';
import { TargetsService } from '../targets/targets.service';

/** Stores a hub's statistics of a year and of its ESF phases; the nightly run (no hub) stores every hub's, of the year of the day just ended. */
@JobWorker(StatisticsRun)
export class StatisticsRunJob extends JobHandler<typeof StatisticsRun> {
  constructor(
    private readonly statistics: StatisticsRepository,
    private readonly targets: TargetsService,
  ) {
    super();
  }

  protected async handle(data: JobData<typeof StatisticsRun>, job: Job): Promise<{ year: number; hubs: number; figures: number }> {
    const year = data.year ?? Number(monthOfDayBefore(scheduledFor(job)).slice(0, 4));
    const hubs = data.hubId ? [data.hubId] : await this.statistics.hubs();
    let figures = 0;
    for (const hubId of hubs) {
      figures += await this.statistics.store(hubId, periodsOfYear(year));
      const phases = await this.targets.phasePeriods(hubId);
      if (phases.length > 0) figures += await this.statistics.store(hubId, phases);
    }
    return { year, hubs: hubs.length, figures };
  }
}
