import { Job } from 'bullmq';
import { JobData, SendEmail } from '@cirkel/contracts';
import { JobHandler, JobWorker } from '@cirkel/jobs';
import { EmailSender } from './email-sender.service';

/** Sends one e-mail; a failure is retried with the contract's back-off (an SMTP server that is down is waited out). */
@JobWorker(SendEmail, { concurrency: 4 })
export class SendEmailJob extends JobHandler<typeof SendEmail> {
  constructor(private readonly sender: EmailSender) {
    super();
  }

  protected handle(data: JobData<typeof SendEmail>, _job: Job): Promise<string> {
    return this.sender.send(data.messageId);
  }
}
