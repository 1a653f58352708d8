import { Job } from 'bullmq';
import { JobData, StatisticsRun } from '@cirkel/contracts';
import { JobHandler, JobQueue, JobWorker, scheduledFor } from '@cirkel/jobs';
import { monthOfDayBefore } from '../monthly-tally/month-of';
import { periodsOfYear } from './periods';
import { StatisticsRepository } from './statistics.repository';
import { PublishedFigures } from './published-figures.service';

/** Stores a hub's statistics of a year and of its ESF phases, and chooses what readers without detail rights are shown of the year; the nightly run (no hub) stores every hub's, of the year of the day just ended. */
@JobWorker(StatisticsRun)
export class StatisticsRunJob extends JobHandler<typeof StatisticsRun> {
  constructor(
    private readonly statistics: StatisticsRepository,
    private readonly published: PublishedFigures,
    private readonly jobs: JobQueue,
  ) {
    super();
  }

  protected async handle(data: JobData<typeof StatisticsRun>, job: Job): Promise<{ year: number; hubs: number; figures: number }> {
    const year = data.year ?? Number(monthOfDayBefore(scheduledFor(job)).slice(0, 4));
    const hubs = data.hubId ? [data.hubId] : await this.statistics.hubs();
    let figures = 0;
    for (const hubId of hubs) {
      figures += await this.statistics.store(hubId, periodsOfYear(year), year);
      figures += await this.statistics.storePhases(hubId);
      // What readers without detail rights are shown of the year, chosen now rather than on their first read — unless a later
      // change has queued another run of the hub's year already (figuresChanged's deduplication id is taken): that run stores
      // the year again within seconds and chooses then. In a burst of placements only the last run pays the second of CPU.
      if (!(await this.laterRunWaits(hubId, year, job))) await this.published.ofYear(hubId, year);
    }
    return { year, hubs: hubs.length, figures };
  }

  /** Whether another run of the hub's year waits to start (the deduplication id outlives its run by up to its ttl: that run does not count). */
  private async laterRunWaits(hubId: string, year: number, job: Job): Promise<boolean> {
    const queue = this.jobs.queueOf(StatisticsRun);
    const id = await queue.getDeduplicationJobId(`${hubId}.${year}`);
    if (!id || id === job.id) return false;
    const state = await (await queue.getJob(id))?.getState();
    return state === 'delayed' || state === 'waiting' || state === 'prioritized';
  }
}
