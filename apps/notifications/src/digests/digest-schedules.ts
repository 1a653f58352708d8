import { Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { SendDigests } from '@cirkel/contracts';
import { JobQueue } from '@cirkel/jobs';

/** Every instance upserts the same two schedulers at start; BullMQ keeps one of each. */
@Injectable()
export class DigestSchedules implements OnApplicationBootstrap {
  constructor(private readonly jobs: JobQueue) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.jobs.schedule(SendDigests, 'daily', { pattern: '0 7 * * *', tz: 'Europe/Brussels' }, { rhythm: 'daily' });
    await this.jobs.schedule(SendDigests, 'weekly', { pattern: '0 7 * * 1', tz: 'Europe/Brussels' }, { rhythm: 'weekly' });
  }
}
