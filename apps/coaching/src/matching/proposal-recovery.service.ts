import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { CIRKEL_CONFIG, CoachingConfig } from '@cirkel/config';
import { ProposalTimeout } from '@cirkel/contracts';
import { jobIdFor, JobQueue } from '@cirkel/jobs';
import { startUpScan } from '../start-up-scan';
import { AssignmentRepository } from './assignment.repository';

/**
 * At start, every open proposal's timeout job is queued again (due at its proposal + the timeout,
 * at once if that is past): one lost from Redis comes back, one still queued is kept (its id), so an
 * unanswered idea always moves on to the next mentor.
 */
@Injectable()
export class ProposalRecovery implements OnApplicationBootstrap {
  private readonly logger = new Logger(ProposalRecovery.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly assignments: AssignmentRepository,
    private readonly jobs: JobQueue,
    @Inject(CIRKEL_CONFIG) private readonly config: CoachingConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await startUpScan(this.dataSource, 'coaching.proposal-timeouts', this.logger, async () => {
      const open = await this.assignments.openProposals(this.dataSource.manager);
      const now = Date.now();
      const jobs = open.map((a) => ({
        data: { assignmentId: a.id },
        opts: { jobId: jobIdFor(ProposalTimeout, a.id), delay: Math.max(0, a.proposedAt.getTime() + this.config.coaching.proposalTimeoutMs - now) },
      }));
      for (let from = 0; from < jobs.length; from += 1000) await this.jobs.addBulk(ProposalTimeout, jobs.slice(from, from + 1000));
      this.logger.log(`timeouts of ${open.length} open proposals are queued`);
    });
  }
}
