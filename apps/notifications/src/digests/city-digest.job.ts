import { Job } from 'bullmq';
import { CityDigest, JobData } from '@cirkel/contracts';
import { JobHandler, JobWorker, scheduledFor } from '@cirkel/jobs';
import { CityDigestService } from './city-digest.service';

@JobWorker(CityDigest)
export class CityDigestJob extends JobHandler<typeof CityDigest> {
  constructor(private readonly digests: CityDigestService) {
    super();
  }

  protected async handle(data: JobData<typeof CityDigest>, job: Job): Promise<string | null> {
    return this.digests.build(data.hubId, scheduledFor(job));
  }
}
