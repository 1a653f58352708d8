import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { ResendUnsentEmail, SendEmail } from '@cirkel/contracts';
import { JobQueue } from '@cirkel/jobs';
import { EmailDeliverySettings } from '@cirkel/config';
import { emailDelivery, NOTIFICATIONS_SETTINGS, NotificationsSettings } from '../notifications.config';
import { EmailMessage } from './email-message.entity';
import { EmailMessageRepository } from './email-message.repository';
import { sendEmailJobId } from './email-outbox';

/** A send job in one of these states will still run: its message is left alone. */
const IN_FLIGHT = new Set(['waiting', 'delayed', 'active', 'prioritized', 'waiting-children']);

/** Messages read at a time; a run goes on until it has looked at every one (an outage may leave a whole city digest unsent). */
const BATCH = 500;

export interface SweepOutcome {
  requeued: number;
  givenUp: number;
}

/**
 * The sweep of unsent e-mail. A send job's attempts run out after about 17 minutes of an SMTP
 * server that is down (ten, doubling from 2 s); a job may never have been queued (a crash between
 * the commit and the queueing) or Redis may have lost it. Every period, each message neither sent
 * nor given up on, queued at least a period ago, whose current job will not run again, is queued
 * under a new job id (its next generation: the failed job keeps its id for 14 days). Two replicas'
 * sweeps at once queue it once: the generation moves only where it still is what was read. A
 * message still unsent `giveUpAfterMs` after it was first queued is given up on: `abandoned_at`
 * and `abandoned_reason` on the message, an `abandoned` attempt in the log, and an error logged.
 */
@Injectable()
export class UnsentEmailSweep implements OnApplicationBootstrap {
  private readonly logger = new Logger(UnsentEmailSweep.name);
  private readonly delivery: EmailDeliverySettings;

  constructor(
    private readonly messages: EmailMessageRepository,
    private readonly jobs: JobQueue,
    @Inject(NOTIFICATIONS_SETTINGS) settings: NotificationsSettings,
  ) {
    this.delivery = emailDelivery(settings);
  }

  /** One scheduler for the deployment, whichever replica upserts it. */
  async onApplicationBootstrap(): Promise<void> {
    await this.jobs.schedule(ResendUnsentEmail, 'every', { every: this.delivery.sweepEveryMs }, {});
  }

  async sweep(now = new Date(), batch = BATCH): Promise<SweepOutcome> {
    const outcome: SweepOutcome = { requeued: 0, givenUp: 0 };
    const queuedBefore = new Date(now.getTime() - this.delivery.sweepEveryMs);
    for (let idle = await this.messages.unsentQueuedBefore(queuedBefore, batch); idle.length > 0; idle = idle.length < batch ? [] : await this.messages.unsentQueuedBefore(queuedBefore, batch, idle[idle.length - 1])) {
      for (const message of idle) {
        const state = await this.jobs.queueOf(SendEmail).getJobState(sendEmailJobId(message.id, message.generation));
        if (IN_FLIGHT.has(state)) continue;
        if (now.getTime() - message.firstQueuedAt.getTime() >= this.delivery.giveUpAfterMs) {
          if (await this.giveUp(message)) outcome.givenUp++;
        } else if (await this.requeue(message)) outcome.requeued++;
      }
    }
    if (outcome.requeued + outcome.givenUp > 0) this.logger.warn(`unsent e-mail: ${outcome.requeued} queued again, ${outcome.givenUp} given up on`);
    return outcome;
  }

  private async requeue(message: EmailMessage): Promise<boolean> {
    const generation = await this.messages.nextGeneration(message.id, message.generation);
    if (generation === null) return false;
    const { attempts, retryDelayMs } = this.delivery;
    // If this fails the generation has moved all the same: its job is 'unknown', so the next run queues the one after.
    await this.jobs.add(SendEmail, { messageId: message.id }, { jobId: sendEmailJobId(message.id, generation), attempts, backoff: { type: 'exponential', delay: retryDelayMs } });
    return true;
  }

  private async giveUp(message: EmailMessage): Promise<boolean> {
    const hours = Math.round(this.delivery.giveUpAfterMs / 360_000) / 10;
    const reason = `not sent within ${hours} h of being queued (${message.generation + 1} generation(s) of send jobs); see the failed attempts before this one`;
    if (!(await this.messages.giveUp(message.id, message.generation, reason))) return false;
    await this.messages.logAttempt(null, message.id, 'abandoned', reason);
    this.logger.error(`e-mail ${message.id} (${message.kind}, hub ${message.hubId}) given up on: ${reason}`);
    return true;
  }
}
