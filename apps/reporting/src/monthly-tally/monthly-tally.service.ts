import { Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { Job } from 'bullmq';
import { MonthlyTallyRecount } from '@cirkel/contracts';
import { jobIdFor, JobQueue } from '@cirkel/jobs';

/** Every night at 02:00 in Brussels, after the day's last events have been counted. */
export const NIGHTLY = { pattern: '0 2 * * *', tz: 'Europe/Brussels' };

@Injectable()
export class MonthlyTallyService implements OnApplicationBootstrap {
  constructor(private readonly jobs: JobQueue) {}

  /** Every instance upserts the same scheduler; there stays one, and one job per night. */
  async onApplicationBootstrap(): Promise<void> {
    await this.jobs.schedule(MonthlyTallyRecount, 'nightly', NIGHTLY, {});
  }

  /** Asks for a month's recount (a late event, a correction). While one is pending for the month, asking again adds nothing. */
  recount(month: string): Promise<Job> {
    return this.jobs.add(MonthlyTallyRecount, { month }, { deduplication: { id: jobIdFor(MonthlyTallyRecount, month) } });
  }
}
