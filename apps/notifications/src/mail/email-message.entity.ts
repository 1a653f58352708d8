import { Column, Entity, Index, PrimaryColumn, Unique } from 'typeorm';
import { Language } from '@cirkel/contracts';

/**
 * One e-mail to send, once. `messageKey` names what it is for (`partners-email.<delivery id>`, …):
 * an event handled twice finds its message and adds none. Its text is rendered when it is sent,
 * from the templates in the recipient's language.
 */
@Entity('email_message')
@Unique('email_message_key', ['messageKey'])
@Index('email_message_unsent_idx', ['createdAt'], { where: '(sent_at IS NULL)' })
export class EmailMessage {
  @PrimaryColumn('uuid')
  id: string;

  @Column('text', { name: 'message_key' })
  messageKey: string;

  @Column('uuid', { name: 'hub_id' })
  hubId: string;

  /** The template: a kind of partners' e-mail (`password-reset`, …) or of a notification. */
  @Column('text')
  kind: string;

  /** Where the address comes from, asked for when sending: partners' `email_delivery`, or the person's contact (`partners.get-contact`). */
  @Column('text')
  source: EmailSource;

  /** The row of the source: partners' delivery id, or the person written to (`person`: address and language asked of partners). */
  @Column('uuid', { name: 'source_id' })
  sourceId: string;

  /** The template's values (a `person` message's; partners' come with the delivery). */
  @Column('jsonb', { nullable: true })
  params: Record<string, string> | null;

  /** Once sent: the address and language it went out with (until then they are asked for at sending time). */
  @Column('text', { name: 'to_address', nullable: true })
  toAddress: string | null;

  @Column('text', { nullable: true })
  language: Language | null;

  @Column('timestamptz', { name: 'created_at' })
  createdAt: Date;

  @Column('timestamptz', { name: 'sent_at', nullable: true })
  sentAt: Date | null;

  /** Given up on (the source answered that it does not exist, or it stayed unsent too long); never sent. */
  @Column('timestamptz', { name: 'abandoned_at', nullable: true })
  abandonedAt: Date | null;

  /** Why it was given up on. */
  @Column('text', { name: 'abandoned_reason', nullable: true })
  abandonedReason: string | null;

  /** The send job's generation: 0 when queued first, one more each time the sweep queues it again under a new job id. */
  @Column('integer', { default: 0 })
  generation: number;

  /** When this row was written (the first queueing). */
  @Column('timestamptz', { name: 'first_queued_at', default: () => 'now()' })
  firstQueuedAt: Date;

  /** When the current generation was queued (the sweep leaves a message alone for one period after). */
  @Column('timestamptz', { name: 'generation_at', default: () => 'now()' })
  generationAt: Date;

  /** The send attempt that has claimed the message (`EmailSender`), until when. */
  @Column('uuid', { nullable: true })
  claim: string | null;

  @Column('timestamptz', { name: 'claimed_until', nullable: true })
  claimedUntil: Date | null;
}

export type EmailSource = 'partners' | 'person';
