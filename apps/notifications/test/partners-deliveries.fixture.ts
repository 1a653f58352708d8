import { randomUUID } from 'node:crypto';
import { CirkelConfig } from '@cirkel/config';
import { EmailDeliveryView, EmailQueued, EventEnvelope, GetEmailDelivery, MarkEmailDeliverySent } from '@cirkel/contracts';
import { FakeService, testEvent } from '@cirkel/testing';

/**
 * Partners' side of its e-mails, for the e-mail tests: `queued` makes a delivery and the
 * `partners.email-queued` event that announces it, and a fake partners answers
 * `partners.get-email-delivery` with it at sending time (an unknown delivery fails the request), and
 * records `partners.mark-email-delivery-sent` once it went.
 */
export class PartnersDeliveries {
  readonly hubId = randomUUID();
  private readonly deliveries = new Map<string, EmailDeliveryView>();
  private readonly partners = new FakeService()
    .on(GetEmailDelivery, async (envelope) => {
      const delivery = this.deliveries.get((envelope.data as { deliveryId: string }).deliveryId);
      if (!delivery) throw new Error('unknown delivery');
      return delivery;
    })
    .on(MarkEmailDeliverySent, ({ data }) => ({ deliveryId: (data as { deliveryId: string }).deliveryId, sentAt: new Date().toISOString() }));

  async start(config: CirkelConfig): Promise<void> {
    await this.partners.start(config, [GetEmailDelivery, MarkEmailDeliverySent]);
  }

  /** The deliveries notifications said it sent (`partners.mark-email-delivery-sent`), in order. */
  saidSent(): string[] {
    return this.partners.envelopesOf(MarkEmailDeliverySent).map((e) => (e.data as { deliveryId: string }).deliveryId);
  }

  stop(): Promise<void> {
    return this.partners.stop();
  }

  /** The event of a delivery partners queued, the delivery kept for the send. */
  queued(delivery: EmailDeliveryView): EventEnvelope<{ deliveryId: string; kind: EmailDeliveryView['kind'] }> {
    this.deliveries.set(delivery.deliveryId, delivery);
    return testEvent(EmailQueued, this.hubId, { deliveryId: delivery.deliveryId, kind: delivery.kind });
  }

  /** A registration confirmation to `<who>@<domain>`, in `language`. */
  confirmation(who: string, domain: string, language: EmailDeliveryView['language'] = 'en') {
    return this.queued({ deliveryId: randomUUID(), kind: 'registration-confirmation', to: `${who}@${domain}`, language, link: `https://cirkel.example/registrations/confirm#${who}` });
  }
}
