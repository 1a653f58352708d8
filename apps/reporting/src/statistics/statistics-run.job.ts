import { Job } from 'bullmq';
import { JobData, StatisticsRun } from '@cirkel/contracts';
import { JobHandler, JobWorker, scheduledFor } from '@cirkel/jobs';
import { monthOfDayBefore } from '../monthly-tally/month-of';
import { periodsOfYear } from './periods';
import { StatisticsRepository } from './statistics.repository';
import { TargetsService } from '../targets/targets.service';
import { PublishedFigures } from './published-figures.service';

/** Stores a hub's statistics of a year and of its ESF phases, and chooses what readers without detail rights are shown of the year; the nightly run (no hub) stores every hub's, of the year of the day just ended. */
@JobWorker(StatisticsRun)
export class StatisticsRunJob extends JobHandler<typeof StatisticsRun> {
  constructor(
    private readonly statistics: StatisticsRepository,
    private readonly targets: TargetsService,
    private readonly published: PublishedFigures,
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
      // What readers without detail rights are shown of the year, chosen now rather than on their first read.
      await this.published.ofYear(hubId, year);
    }
    return { year, hubs: hubs.length, figures };
  }
}
