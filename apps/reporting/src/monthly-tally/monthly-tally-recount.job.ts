import { Job } from 'bullmq';
import { JobData, MonthlyTallyRecount } from '@cirkel/contracts';
import { JobHandler, JobWorker, scheduledFor } from '@cirkel/jobs';
import { monthOfDayBefore } from './month-of';
import { MonthlyTallyRepository } from './monthly-tally.repository';

/** Recounts a month's totals; the nightly run (no month) recounts the month of the day just ended. */
@JobWorker(MonthlyTallyRecount)
export class MonthlyTallyRecountJob extends JobHandler<typeof MonthlyTallyRecount> {
  constructor(private readonly tally: MonthlyTallyRepository) {
    super();
  }

  protected async handle(data: JobData<typeof MonthlyTallyRecount>, job: Job): Promise<{ month: string; rows: number }> {
    const month = data.month ?? monthOfDayBefore(scheduledFor(job));
    const rows = await this.tally.recount(month);
    return { month, rows };
  }
}
