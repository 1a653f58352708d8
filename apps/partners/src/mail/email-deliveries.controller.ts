import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { AnswerOf, GetContact, GetEmailDelivery, MarkEmailDeliverySent, RequestOf } from '@cirkel/contracts';
import { Answers } from '@cirkel/messaging';
import { EmailDeliveries } from './email-deliveries';

/**
 * Requests of the notifications service, which sends partners' e-mails. Not a gateway route; the
 * contracts are `servicesOnly`: a person's token is refused (403), a service's signed token needed.
 */
@Controller()
export class EmailDeliveriesController {
  constructor(private readonly deliveries: EmailDeliveries) {}

  @Answers(GetEmailDelivery)
  get(@Payload() request: RequestOf<typeof GetEmailDelivery>): Promise<AnswerOf<typeof GetEmailDelivery>> {
    return this.deliveries.get(request.data.deliveryId);
  }

  @Answers(MarkEmailDeliverySent)
  sent(@Payload() request: RequestOf<typeof MarkEmailDeliverySent>): Promise<AnswerOf<typeof MarkEmailDeliverySent>> {
    return this.deliveries.markSent(request.data.deliveryId);
  }

  @Answers(GetContact)
  contact(@Payload() request: RequestOf<typeof GetContact>): Promise<AnswerOf<typeof GetContact>> {
    return this.deliveries.contactOf(request.data.personId);
  }
}
