import { Inject, Injectable, Logger } from '@nestjs/common';
import { DataSource, EntityManager, MoreThan } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import { CIRKEL_CONFIG, CirkelConfig } from '@cirkel/config';
import { ContactView, EmailDeliveryView, EmailQueued, Language, NotFound } from '@cirkel/contracts';
import { currentCorrelationId, systemCause, Transaction } from '@cirkel/messaging';
import { Person } from '../people/person.entity';
import { EmailDelivery, EmailKind } from './email-delivery.entity';
import { EmailDeliveryExpired, EmailDeliverySent } from './email-delivery.errors';

/**
 * At most one e-mail of a kind about one thing (a person, an organisation's invitations to one
 * address) per this many minutes: no one can make partners e-mail a chosen address over and over
 * (a reset link, "you already have an account", an invitation). Within it the newest link e-mailed
 * still works and is the one to use.
 */
export const MAIL_INTERVAL_MINUTES = 5;

/**
 * The longest a link e-mailed by partners works (an invitation's 7 days; a registration's 48 hours
 * and a reset's hour are shorter; email-deliveries.spec checks it): a delivery older than this is not
 * sent any more and its link, if never sent, is cleared.
 */
export const LONGEST_LINK_LIFETIME_DAYS = 7;
/** Links of unsent e-mails cleared by one queued e-mail at most: the purge never makes a change slow. */
const PURGE_BATCH = 100;

export interface NewEmail {
  hubId: string;
  kind: EmailKind;
  to: string;
  language: Language;
  aboutId: string;
  link: string | null;
}

/**
 * Queues the e-mails of a change, in its transaction, and tells notifications (which sends them).
 * A link is a secret of the addressee, kept only until the e-mail is sent: notifications says so
 * (`partners.mark-email-delivery-sent`) and the link is cleared; a link of an e-mail never sent is
 * cleared once older than LONGEST_LINK_LIFETIME_DAYS (by the next e-mail queued).
 */
@Injectable()
export class EmailDeliveries {
  private readonly logger = new Logger(EmailDeliveries.name);

  constructor(
    @Inject(CIRKEL_CONFIG) private readonly config: CirkelConfig,
    private readonly dataSource: DataSource,
  ) {}

  async queue(tx: Transaction, email: NewEmail): Promise<void> {
    const delivery: EmailDelivery = {
      id: uuidv7(),
      hubId: email.hubId,
      kind: email.kind,
      toAddress: email.to,
      language: email.language,
      aboutId: email.aboutId,
      link: email.link,
      createdAt: new Date(),
      sentAt: null,
    };
    await tx.manager.insert(EmailDelivery, delivery);
    await this.purgeLinks(tx.manager, delivery.createdAt);
    // Neither the address nor the link goes into the event: notifications asks for them when it sends.
    tx.publish(EmailQueued, email.hubId, { deliveryId: delivery.id, kind: delivery.kind }, systemCause(currentCorrelationId()));
    // The link is a secret of the addressee: only a developer's own machine shows it.
    const link = email.link && this.config.nodeEnv === 'development' ? ` (development: ${email.link})` : '';
    this.logger.log(`e-mail ${email.kind} about ${email.aboutId} queued as delivery ${delivery.id}${link}`);
  }

  /** Whether an e-mail of this kind about this was queued within MAIL_INTERVAL_MINUTES before `now`. */
  async sentRecently(kind: EmailKind, aboutId: string, now: Date, manager: EntityManager = this.dataSource.manager): Promise<boolean> {
    const since = new Date(now.getTime() - MAIL_INTERVAL_MINUTES * 60_000);
    return manager.getRepository(EmailDelivery).existsBy({ kind, aboutId, createdAt: MoreThan(since) });
  }

  /**
   * A queued e-mail of the hub with its address and link, for the service that sends it (another
   * hub's is not found); 410 once sent (its link is forgotten: it must not go again without it) or
   * older than LONGEST_LINK_LIFETIME_DAYS.
   */
  async get(hubId: string, deliveryId: string, now = new Date()): Promise<EmailDeliveryView> {
    const delivery = await this.dataSource.getRepository(EmailDelivery).findOneBy({ id: deliveryId, hubId });
    if (!delivery) throw new NotFound(`E-mail delivery ${deliveryId}`, 'email-delivery-not-found');
    if (delivery.sentAt) throw new EmailDeliverySent();
    if (delivery.createdAt.getTime() < linksKeptSince(now).getTime()) throw new EmailDeliveryExpired();
    return { deliveryId: delivery.id, kind: delivery.kind, to: delivery.toAddress, language: delivery.language, link: delivery.link };
  }

  /** Notifications sent the e-mail of the hub: marked sent (the first time counts) and its link cleared; another hub's is not found. */
  async markSent(hubId: string, deliveryId: string, now = new Date()): Promise<{ deliveryId: string; sentAt: string }> {
    // an UPDATE answers [rows, count] through TypeORM's query()
    const [rows] = (await this.dataSource.query('UPDATE email_delivery SET sent_at = COALESCE(sent_at, $2), link = NULL WHERE id = $1 AND hub_id = $3 RETURNING sent_at', [deliveryId, now, hubId])) as [{ sent_at: Date }[], number];
    if (rows.length === 0) throw new NotFound(`E-mail delivery ${deliveryId}`, 'email-delivery-not-found');
    return { deliveryId, sentAt: rows[0].sent_at.toISOString() };
  }

  /** Clears the links of e-mails never sent that are older than LONGEST_LINK_LIFETIME_DAYS (a batch; rows another transaction holds are left to the next). */
  private async purgeLinks(manager: EntityManager, now: Date): Promise<void> {
    await manager.query(
      `UPDATE email_delivery SET link = NULL WHERE id IN (
         SELECT id FROM email_delivery WHERE sent_at IS NULL AND link IS NOT NULL AND created_at < $1 ORDER BY created_at LIMIT $2 FOR UPDATE SKIP LOCKED)`,
      [linksKeptSince(now), PURGE_BATCH],
    );
  }

  /** Where a person of the hub is written to, for notifications at sending time; a deactivated person (or another hub's) is not written to. */
  async contactOf(hubId: string, personId: string): Promise<ContactView> {
    const person = await this.dataSource.getRepository(Person).findOneBy({ id: personId, hubId });
    if (!person || person.deactivatedAt) throw new NotFound(`Person ${personId}`, 'person-not-found');
    return { personId: person.id, name: person.name, email: person.email, language: person.language };
  }
}

function linksKeptSince(now: Date): Date {
  return new Date(now.getTime() - LONGEST_LINK_LIFETIME_DAYS * 86_400_000);
}
