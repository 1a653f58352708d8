import { Inject, Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { DataSource, EntityManager, EntitySubscriberInterface, QueryRunner, TransactionCommitEvent, TransactionRollbackEvent } from 'typeorm';
import { SendEmail } from '@cirkel/contracts';
import { jobIdFor, JobQueue } from '@cirkel/jobs';
import { emailDelivery, NOTIFICATIONS_SETTINGS, NotificationsSettings } from '../notifications.config';
import { EmailMessageRepository, NewEmailMessage } from './email-message.repository';

/** The send job of a message's generation: the first keeps the message's id alone, the next ones add `g<n>`. */
export function sendEmailJobId(messageId: string, generation: number): string {
  return generation === 0 ? jobIdFor(SendEmail, messageId) : jobIdFor(SendEmail, messageId, `g${generation}`);
}

/** Send jobs added to Redis in one call. */
const JOBS_PER_CALL = 500;

interface PendingJob {
  messageId: string;
  generation: number;
}

/**
 * Queues an e-mail: its message (once per key) and, once the transaction that wrote it has
 * committed, the job that sends it (once per message and generation). A job queued before the
 * commit would run first, find no message and wait out its back-off; a transaction rolled back
 * queues nothing. A crash between the commit and the queueing leaves a message without a job: the
 * sweep (`UnsentEmailSweep`) queues it.
 */
@Injectable()
export class EmailOutbox implements OnModuleInit, EntitySubscriberInterface {
  private readonly logger = new Logger(EmailOutbox.name);
  private readonly pending = new WeakMap<QueryRunner, PendingJob[]>();

  constructor(
    private readonly dataSource: DataSource,
    private readonly messages: EmailMessageRepository,
    private readonly jobs: JobQueue,
    @Inject(NOTIFICATIONS_SETTINGS) private readonly settings: NotificationsSettings,
  ) {}

  onModuleInit(): void {
    if (!this.dataSource.subscribers.includes(this)) this.dataSource.subscribers.push(this);
  }

  async queue(manager: EntityManager, message: NewEmailMessage): Promise<string> {
    const [id] = await this.queueAll(manager, [message]);
    return id;
  }

  /** Queues many e-mails at once (one per reader of a city digest, say); answers their message ids in order. */
  async queueAll(manager: EntityManager, messages: NewEmailMessage[]): Promise<string[]> {
    if (messages.length === 0) return [];
    const rows = await this.messages.addAllOnce(manager, messages);
    const jobs = rows.filter((row) => !row.sentAt && !row.abandonedAt).map((row) => ({ messageId: row.id, generation: row.generation }));
    const runner = manager.queryRunner;
    if (!runner?.isTransactionActive) await this.add(jobs);
    else this.pending.set(runner, [...(this.pending.get(runner) ?? []), ...jobs]);
    return rows.map((row) => row.id);
  }

  /** The transaction committed (not a savepoint: the outermost): its messages' jobs are queued now. */
  async afterTransactionCommit(event: TransactionCommitEvent): Promise<void> {
    if (event.queryRunner.isTransactionActive) return;
    const jobs = this.pending.get(event.queryRunner);
    if (!jobs) return;
    this.pending.delete(event.queryRunner);
    await this.add(jobs);
  }

  afterTransactionRollback(event: TransactionRollbackEvent): void {
    if (!event.queryRunner.isTransactionActive) this.pending.delete(event.queryRunner);
  }

  /**
   * Never throws: the transaction has committed, and an error here would fail its caller (a
   * delivery would be redelivered and absorbed by the inbox, nothing more). A job that could not be
   * queued now is queued by the sweep.
   */
  private async add(jobs: PendingJob[]): Promise<void> {
    const { attempts, retryDelayMs } = emailDelivery(this.settings);
    for (let i = 0; i < jobs.length; i += JOBS_PER_CALL) {
      const chunk = jobs.slice(i, i + JOBS_PER_CALL);
      try {
        await this.jobs.addBulk(
          SendEmail,
          chunk.map(({ messageId, generation }) => ({ data: { messageId }, opts: { jobId: sendEmailJobId(messageId, generation), attempts, backoff: { type: 'exponential', delay: retryDelayMs } } })),
        );
      } catch (error) {
        this.logger.warn(`${chunk.length} e-mail(s) not queued now (${(error as Error).message}); the sweep of unsent e-mail queues them`);
      }
    }
  }
}
