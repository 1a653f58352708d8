import { Job } from 'bullmq';
import { JobData, SendDigests } from '@cirkel/contracts';
import { JobHandler, JobWorker, scheduledFor } from '@cirkel/jobs';
import { DigestsService } from './digests.service';

@JobWorker(SendDigests)
export class SendDigestsJob extends JobHandler<typeof SendDigests> {
  constructor(private readonly digests: DigestsService) {
    super();
  }

  protected handle(data: JobData<typeof SendDigests>, job: Job): Promise<number> {
    return this.digests.send(data.rhythm, scheduledFor(job));
  }
}
