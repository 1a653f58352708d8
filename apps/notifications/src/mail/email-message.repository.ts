import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager, In } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import { EmailAttempt } from './email-attempt.entity';
import { EmailMessage } from './email-message.entity';

/** Rows per INSERT statement (PostgreSQL takes at most 65,535 parameters in one). */
const INSERT_CHUNK = 1000;

/** The first key of the advisory locks that order a message's attempt log (the second is the message's hash). */
const ATTEMPT_LOG_LOCK = 0x656d6c; // "eml"

/** A message to queue: what the sender fills in later left out. */
export type NewEmailMessage = Omit<
  EmailMessage,
  'id' | 'toAddress' | 'language' | 'sentAt' | 'abandonedAt' | 'abandonedReason' | 'params' | 'generation' | 'firstQueuedAt' | 'generationAt' | 'claim' | 'claimedUntil'
> & {
  params?: Record<string, string>;
};

/** What the outbox needs of a message to queue its send job. */
export type QueuedEmailMessage = Pick<EmailMessage, 'id' | 'generation' | 'sentAt' | 'abandonedAt'>;

@Injectable()
export class EmailMessageRepository {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Adds each message unless one with its key exists; answers the messages with those keys, in the
   * order given. Two statements per 1,000 messages (a city digest writes one per reader).
   */
  async addAllOnce(manager: EntityManager, messages: NewEmailMessage[]): Promise<QueuedEmailMessage[]> {
    const found = new Map<string, QueuedEmailMessage>();
    for (let i = 0; i < messages.length; i += INSERT_CHUNK) {
      const chunk = messages.slice(i, i + INSERT_CHUNK);
      await manager
        .createQueryBuilder()
        .insert()
        .into(EmailMessage)
        .values(chunk.map((message) => ({ params: null, ...message, id: uuidv7(), toAddress: null, language: null, sentAt: null, abandonedAt: null, abandonedReason: null })))
        .orIgnore()
        .execute();
      const rows = await manager.getRepository(EmailMessage).find({ where: { messageKey: In(chunk.map((m) => m.messageKey)) }, select: { id: true, messageKey: true, generation: true, sentAt: true, abandonedAt: true } });
      for (const row of rows) found.set(row.messageKey, row);
    }
    return messages.map((m) => found.get(m.messageKey) as QueuedEmailMessage);
  }

  /** Messages neither sent nor given up on whose current generation was queued before `queuedBefore`, oldest first. */
  unsentQueuedBefore(queuedBefore: Date, limit: number, after?: Pick<EmailMessage, 'createdAt' | 'id'>): Promise<EmailMessage[]> {
    const query = this.dataSource
      .getRepository(EmailMessage)
      .createQueryBuilder('m')
      .where('m.sent_at IS NULL AND m.abandoned_at IS NULL AND m.generation_at < :queuedBefore', { queuedBefore })
      .orderBy('m.created_at', 'ASC')
      .addOrderBy('m.id', 'ASC')
      .take(limit);
    if (after) query.andWhere('(m.created_at, m.id) > (:createdAt, :id)', { createdAt: after.createdAt, id: after.id });
    return query.getMany();
  }

  /**
   * Moves a message from `generation` to the next one, unless it was sent, given up on or moved on
   * meanwhile (by another replica's sweep): answers the new generation, or null.
   */
  async nextGeneration(id: string, generation: number): Promise<number | null> {
    const [rows] = (await this.dataSource.query(
      `UPDATE email_message SET generation = generation + 1, generation_at = now()
        WHERE id = $1 AND generation = $2 AND sent_at IS NULL AND abandoned_at IS NULL
        RETURNING generation`,
      [id, generation],
    )) as [{ generation: number }[], number];
    return rows[0]?.generation ?? null;
  }

  /** Gives up on a message still at `generation` and unsent; answers whether this call did. */
  async giveUp(id: string, generation: number, reason: string): Promise<boolean> {
    const [, count] = (await this.dataSource.query(
      `UPDATE email_message SET abandoned_at = now(), abandoned_reason = $3
        WHERE id = $1 AND generation = $2 AND sent_at IS NULL AND abandoned_at IS NULL`,
      [id, generation, reason],
    )) as [unknown, number];
    return count > 0;
  }

  /** The message, its row locked until the transaction ends (one sender at a time). */
  find(id: string): Promise<EmailMessage | null> {
    return this.dataSource.getRepository(EmailMessage).findOneBy({ id });
  }

  /**
   * Claims a message neither sent nor given up on for one send attempt (`claim`) until `forMs` from
   * now, unless another attempt's claim still runs: one statement, no transaction left open while
   * the attempt talks to partners and the SMTP server. Answers the message, or null.
   */
  async claim(id: string, claim: string, forMs: number): Promise<EmailMessage | null> {
    const [rows] = (await this.dataSource.query(
      `UPDATE email_message SET claim = $2, claimed_until = now() + make_interval(secs => $3)
        WHERE id = $1 AND sent_at IS NULL AND abandoned_at IS NULL AND (claimed_until IS NULL OR claimed_until < now())
        RETURNING id`,
      [id, claim, forMs / 1000],
    )) as [{ id: string }[], number];
    return rows.length > 0 ? this.find(id) : null;
  }

  /** Gives a claim up (the attempt failed), so that the next attempt need not wait for it to run out. */
  async release(id: string, claim: string): Promise<void> {
    await this.dataSource.getRepository(EmailMessage).update({ id, claim }, { claim: null, claimedUntil: null });
  }

  /** Marks the message sent by the attempt that claimed it; answers whether it still held the claim. */
  async markSent(manager: EntityManager, id: string, claim: string, to: string, language: string): Promise<boolean> {
    const result = await manager.getRepository(EmailMessage).update({ id, claim }, { sentAt: new Date(), toAddress: to, language: language as EmailMessage['language'], claim: null, claimedUntil: null });
    return (result.affected ?? 0) > 0;
  }

  async markAbandoned(manager: EntityManager, id: string, reason: string): Promise<void> {
    await manager.getRepository(EmailMessage).update({ id }, { abandonedAt: new Date(), abandonedReason: reason });
  }

  /**
   * Logs an attempt (in the transaction given, or in one of its own when the sending transaction was
   * rolled back), numbered after the message's attempts logged before it. Two attempts at one message
   * log one after the other: a transaction-scoped advisory lock per message is taken before the
   * number is read, so the second reads the first's row (without it both read the same maximum and
   * one row was refused by `email_attempt_once`, and lost).
   */
  async logAttempt(manager: EntityManager | null, messageId: string, outcome: EmailAttempt['outcome'], detail: string): Promise<void> {
    const log = async (m: EntityManager) => {
      await m.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [ATTEMPT_LOG_LOCK, messageId]);
      await m.query(
        `INSERT INTO email_attempt (id, message_id, attempt, at, outcome, detail)
         SELECT $1, $2, coalesce(max(attempt), 0) + 1, now(), $3, $4 FROM email_attempt WHERE message_id = $2`,
        [uuidv7(), messageId, outcome, detail.slice(0, 2000)],
      );
    };
    if (manager?.queryRunner?.isTransactionActive) await log(manager);
    else await this.dataSource.transaction(log);
  }
}
