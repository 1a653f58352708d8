import { JobData, ProposalTimeout } from '@cirkel/contracts';
import { JobHandler, JobWorker } from '@cirkel/jobs';
import { MatchingService } from './matching.service';

/** A proposal's time is up: unanswered, it expires and the idea goes to the next mentor; answered, nothing happens. */
@JobWorker(ProposalTimeout)
export class ProposalTimeoutJob extends JobHandler<typeof ProposalTimeout> {
  constructor(private readonly matching: MatchingService) {
    super();
  }

  protected async handle(data: JobData<typeof ProposalTimeout>): Promise<{ expired: boolean }> {
    return { expired: await this.matching.expire(data.assignmentId) };
  }
}
