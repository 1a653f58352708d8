import { Check, Column, Entity, ForeignKey, Index, PrimaryColumn } from 'typeorm';
import { sqlOneOf } from '@cirkel/contracts';
import { Hub } from '../hubs/hub.entity';

/** What partners e-mails, and why. */
export const EMAIL_KINDS = [
  /** To an invited address without an account: the link to accept. */
  'invitation',
  /** To an invited address that has an account already: no link, only that someone asked. */
  'invitation-for-existing-account',
  /** To a registration's address: the link that confirms it (and creates the organisation). */
  'registration-confirmation',
  /** To an address that registered again while it has an account: no link, a reminder to log in. */
  'registration-for-existing-account',
  /** To a person's address: the link that sets a new password (an unknown address gets nothing). */
  'password-reset',
] as const;
export type EmailKind = (typeof EMAIL_KINDS)[number];

/**
 * An e-mail partners has to send: kept in the transaction of the change that needs it. Until the
 * notifications service sends e-mail (issue 10), this table is the outbox an operator (or a test)
 * reads; in development the link is also logged. A link holds a secret: only the addressee may see it.
 */
@Entity('email_delivery')
@Check('email_delivery_kind_check', sqlOneOf('kind', EMAIL_KINDS))
@Index('email_delivery_about_idx', ['aboutId'])
@Index('email_delivery_unsent_idx', ['createdAt'], { where: '(sent_at IS NULL)' })
export class EmailDelivery {
  @PrimaryColumn('uuid', { primaryKeyConstraintName: 'email_delivery_pkey' })
  id: string;

  @Column('uuid', { name: 'hub_id' })
  @ForeignKey(() => Hub, { name: 'email_delivery_hub_id_fkey' })
  hubId: string;

  @Column('text')
  kind: EmailKind;

  @Column('text', { name: 'to_address' })
  toAddress: string;

  /** What the e-mail is about: an invitation, a registration request, or the person who has the account. */
  @Column('uuid', { name: 'about_id' })
  aboutId: string;

  /** The link the addressee opens, if the e-mail has one. */
  @Column('text', { nullable: true })
  link: string | null;

  @Column('timestamptz', { name: 'created_at', default: () => 'now()' })
  createdAt: Date;

  @Column('timestamptz', { name: 'sent_at', nullable: true })
  sentAt: Date | null;
}
