import { Controller } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import { EMAIL_QUEUED, EmailQueued, EventOf } from '@cirkel/contracts';
import { JetStreamContext } from '@cirkel/messaging';
import { EmailOutbox } from './email-outbox';

/** Partners queued an e-mail (confirmation, invitation, password reset): send it, once. */
@Controller()
export class PartnerEmailsHandler {
  constructor(private readonly outbox: EmailOutbox) {}

  @EventPattern(EMAIL_QUEUED)
  async emailQueued(@Payload() event: EventOf<typeof EmailQueued>, @Ctx() ctx: JetStreamContext): Promise<void> {
    const { deliveryId, kind } = event.data;
    await this.outbox.queue(ctx.manager, { messageKey: `partners-email.${deliveryId}`, hubId: event.hubId, kind, source: 'partners', sourceId: deliveryId, createdAt: new Date(event.occurredAt) });
  }
}
