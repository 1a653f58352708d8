import { Inject, Injectable, Logger } from '@nestjs/common';
import { DataSource, EntityManager, MoreThan } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import { CIRKEL_CONFIG, CirkelConfig } from '@cirkel/config';
import { ContactView, EmailDeliveryView, EmailQueued, Language, NotFound } from '@cirkel/contracts';
import { currentCorrelationId, systemCause, Transaction } from '@cirkel/messaging';
import { Person } from '../people/person.entity';
import { EmailDelivery, EmailKind } from './email-delivery.entity';

/**
 * At most one e-mail of a kind about one thing (a person, an organisation's invitations to one
 * address) per this many minutes: no one can make partners e-mail a chosen address over and over
 * (a reset link, "you already have an account", an invitation). Within it the newest link e-mailed
 * still works and is the one to use.
 */
export const MAIL_INTERVAL_MINUTES = 5;

export interface NewEmail {
  hubId: string;
  kind: EmailKind;
  to: string;
  language: Language;
  aboutId: string;
  link: string | null;
}

/** Queues the e-mails of a change, in its transaction, and tells notifications (which sends them). */
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

  /** A queued e-mail with its address and link, for the service that sends it. */
  async get(deliveryId: string): Promise<EmailDeliveryView> {
    const delivery = await this.dataSource.getRepository(EmailDelivery).findOneBy({ id: deliveryId });
    if (!delivery) throw new NotFound(`E-mail delivery ${deliveryId}`, 'email-delivery-not-found');
    return { deliveryId: delivery.id, kind: delivery.kind, to: delivery.toAddress, language: delivery.language, link: delivery.link };
  }

  /** Where a person is written to, for notifications at sending time; a deactivated person is not written to. */
  async contactOf(personId: string): Promise<ContactView> {
    const person = await this.dataSource.getRepository(Person).findOneBy({ id: personId });
    if (!person || person.deactivatedAt) throw new NotFound(`Person ${personId}`, 'person-not-found');
    return { personId: person.id, name: person.name, email: person.email, language: person.language };
  }
}
