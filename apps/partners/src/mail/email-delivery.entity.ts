import { Check, Column, Entity, ForeignKey, Index, PrimaryColumn } from 'typeorm';
import { Language, PARTNER_EMAIL_KINDS, PartnerEmailKind, sqlOneOf } from '@cirkel/contracts';
import { Hub } from '../hubs/hub.entity';

/** What partners e-mails, and why: the contract's list (notifications sends them). */
export const EMAIL_KINDS = PARTNER_EMAIL_KINDS;
export type EmailKind = PartnerEmailKind;

/**
 * An e-mail partners has to send: kept in the transaction of the change that needs it, with the
 * event `partners.email-queued`; notifications sends it, asking for the address and the link with
 * `partners.get-email-delivery`. In development the link is also logged. A link holds a secret:
 * only the addressee may see it.
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

  /** The language the e-mail is written in. */
  @Column('text')
  language: Language;

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
