import { Job } from 'bullmq';
import { JobData, ResendUnsentEmail } from '@cirkel/contracts';
import { JobHandler, JobWorker } from '@cirkel/jobs';
import { SweepOutcome, UnsentEmailSweep } from './unsent-email.sweep';

/** Runs the sweep of unsent e-mail (a job scheduler, every `NOTIFICATIONS_EMAIL_SWEEP_EVERY_MS`). */
@JobWorker(ResendUnsentEmail)
export class ResendUnsentEmailJob extends JobHandler<typeof ResendUnsentEmail> {
  constructor(private readonly sweep: UnsentEmailSweep) {
    super();
  }

  protected handle(_data: JobData<typeof ResendUnsentEmail>, _job: Job): Promise<SweepOutcome> {
    return this.sweep.sweep();
  }
}
