import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { SendEmail } from '@cirkel/contracts';
import { jobIdFor, JobQueue } from '@cirkel/jobs';
import { EmailMessageRepository, NewEmailMessage } from './email-message.repository';

/** Queues an e-mail: its message (once per key) and the job that sends it (once per message). */
@Injectable()
export class EmailOutbox {
  constructor(
    private readonly messages: EmailMessageRepository,
    private readonly jobs: JobQueue,
  ) {}

  async queue(manager: EntityManager, message: NewEmailMessage): Promise<string> {
    const messageId = await this.messages.addOnce(manager, message);
    // Added before the event's transaction commits: a job that runs first finds no message and is
    // retried; a second delivery of the event finds the same message and the same job id.
    await this.jobs.add(SendEmail, { messageId }, { jobId: jobIdFor(SendEmail, messageId) });
    return messageId;
  }
}
