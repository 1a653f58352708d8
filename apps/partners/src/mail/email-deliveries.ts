import { Inject, Injectable, Logger } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import { CIRKEL_CONFIG, CirkelConfig } from '@cirkel/config';
import { EmailDelivery, EmailKind } from './email-delivery.entity';

export interface NewEmail {
  hubId: string;
  kind: EmailKind;
  to: string;
  aboutId: string;
  link: string | null;
}

/** Queues the e-mails of a change, in its transaction. */
@Injectable()
export class EmailDeliveries {
  private readonly logger = new Logger(EmailDeliveries.name);

  constructor(@Inject(CIRKEL_CONFIG) private readonly config: CirkelConfig) {}

  async queue(manager: EntityManager, email: NewEmail): Promise<void> {
    const delivery: EmailDelivery = { id: uuidv7(), hubId: email.hubId, kind: email.kind, toAddress: email.to, aboutId: email.aboutId, link: email.link, createdAt: new Date(), sentAt: null };
    await manager.insert(EmailDelivery, delivery);
    // The link is a secret of the addressee: only a developer's own machine shows it.
    const link = email.link && this.config.nodeEnv === 'development' ? ` (development: ${email.link})` : '';
    this.logger.log(`e-mail ${email.kind} about ${email.aboutId} queued as delivery ${delivery.id}${link}`);
  }
}
