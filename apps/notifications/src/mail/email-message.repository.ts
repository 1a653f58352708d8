import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import { EmailAttempt } from './email-attempt.entity';
import { EmailMessage } from './email-message.entity';

/** A message to queue: what the sender fills in later left out. */
export type NewEmailMessage = Omit<EmailMessage, 'id' | 'toAddress' | 'language' | 'sentAt' | 'abandonedAt' | 'params'> & { params?: Record<string, string> };

@Injectable()
export class EmailMessageRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Adds a message unless one with its key exists; answers the id of the message with that key. */
  async addOnce(manager: EntityManager, message: NewEmailMessage): Promise<string> {
    await manager
      .createQueryBuilder()
      .insert()
      .into(EmailMessage)
      .values({ params: null, ...message, id: uuidv7(), toAddress: null, language: null, sentAt: null, abandonedAt: null })
      .orIgnore()
      .execute();
    const row = await manager.getRepository(EmailMessage).findOneByOrFail({ messageKey: message.messageKey });
    return row.id;
  }

  /** The message, its row locked until the transaction ends (one sender at a time). */
  findForUpdate(manager: EntityManager, id: string): Promise<EmailMessage | null> {
    return manager.getRepository(EmailMessage).createQueryBuilder('m').setLock('pessimistic_write').where('m.id = :id', { id }).getOne();
  }

  async markSent(manager: EntityManager, id: string, to: string, language: string): Promise<void> {
    await manager.getRepository(EmailMessage).update({ id }, { sentAt: new Date(), toAddress: to, language: language as EmailMessage['language'] });
  }

  async markAbandoned(manager: EntityManager, id: string): Promise<void> {
    await manager.getRepository(EmailMessage).update({ id }, { abandonedAt: new Date() });
  }

  /** Logs an attempt (in the transaction given, or on its own when the sending transaction was rolled back). */
  async logAttempt(manager: EntityManager | null, messageId: string, outcome: EmailAttempt['outcome'], detail: string): Promise<void> {
    await (manager ?? this.dataSource.manager).query(
      `INSERT INTO email_attempt (id, message_id, attempt, at, outcome, detail)
       SELECT $1, $2, coalesce(max(attempt), 0) + 1, now(), $3, $4 FROM email_attempt WHERE message_id = $2`,
      [uuidv7(), messageId, outcome, detail.slice(0, 2000)],
    );
  }
}
