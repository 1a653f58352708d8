import { Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { EmailOutbox } from '../mail/email-outbox';
import { DigestItemRepository } from './digest-item.repository';

/** The Brussels calendar day of a moment, `2026-12-07`. */
function brusselsDay(at: Date): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Brussels', year: 'numeric', month: '2-digit', day: '2-digit' }).format(at);
}

/**
 * Daily and weekly digests: everything waiting for a person in that rhythm goes into one e-mail
 * (`daily-digest`, `weekly-digest`), once per person and period (the Brussels day the run was due):
 * the items are locked and marked with the message in one transaction, and the message key names
 * the period, so a second run or a second instance sends nothing more.
 */
@Injectable()
export class DigestsService {
  private readonly logger = new Logger(DigestsService.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly items: DigestItemRepository,
    private readonly email: EmailOutbox,
  ) {}

  async send(rhythm: 'daily' | 'weekly', due: Date): Promise<number> {
    let sent = 0;
    for (const { personId, hubId } of await this.items.waiting(rhythm, due)) {
      const queued = await this.dataSource.transaction(async (manager) => {
        const waiting = await this.items.lockWaiting(manager, personId, rhythm, due);
        if (waiting.length === 0) return false;
        const messageId = await this.email.queue(manager, {
          messageKey: `digest.${rhythm}.${personId}.${brusselsDay(due)}`,
          hubId,
          kind: `${rhythm}-digest`,
          source: 'person',
          sourceId: personId,
          params: { count: String(waiting.length), link: '/notifications' },
          createdAt: due,
        });
        await this.items.markCarried(manager, waiting.map((i) => i.id), messageId);
        return true;
      });
      if (queued) sent++;
    }
    this.logger.log(`${rhythm} digest due ${due.toISOString()}: ${sent} e-mail(s)`);
    return sent;
  }
}
