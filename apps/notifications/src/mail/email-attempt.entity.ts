import { Column, Entity, PrimaryColumn, Unique } from 'typeorm';

/** The delivery log: one row per attempt to hand an e-mail to the SMTP server, and how it went. */
@Entity('email_attempt')
@Unique('email_attempt_once', ['messageId', 'attempt'])
export class EmailAttempt {
  @PrimaryColumn('uuid')
  id: string;

  @Column('uuid', { name: 'message_id' })
  messageId: string;

  /** 1 for the first attempt of the message, then 2, … */
  @Column('integer')
  attempt: number;

  @Column('timestamptz')
  at: Date;

  @Column('text')
  outcome: 'sent' | 'failed' | 'abandoned';

  /** The SMTP server's answer, or what went wrong. */
  @Column('text')
  detail: string;
}
