import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { AnswerOf, GetContact, GetEmailDelivery, MarkEmailDeliverySent, RequestOf, ValidationFailed } from '@cirkel/contracts';
import { Answers } from '@cirkel/messaging';
import { EmailDeliveries } from './email-deliveries';

/**
 * Requests of the notifications service, which sends partners' e-mails. Not a gateway route; the
 * contracts are `servicesOnly`: a person's token is refused (403), a service's signed token needed.
 * Each answers within the hub its token is for (`request.hubId`): another hub's e-mail or person is 404.
 */
@Controller()
export class EmailDeliveriesController {
  constructor(private readonly deliveries: EmailDeliveries) {}

  @Answers(GetEmailDelivery)
  get(@Payload() request: RequestOf<typeof GetEmailDelivery>): Promise<AnswerOf<typeof GetEmailDelivery>> {
    return this.deliveries.get(hubOf(request), request.data.deliveryId);
  }

  @Answers(MarkEmailDeliverySent)
  sent(@Payload() request: RequestOf<typeof MarkEmailDeliverySent>): Promise<AnswerOf<typeof MarkEmailDeliverySent>> {
    return this.deliveries.markSent(hubOf(request), request.data.deliveryId);
  }

  @Answers(GetContact)
  contact(@Payload() request: RequestOf<typeof GetContact>): Promise<AnswerOf<typeof GetContact>> {
    return this.deliveries.contactOf(hubOf(request), request.data.personId);
  }
}

/** The hub the request's token is for; a token for no hub is asked for nothing. */
function hubOf(request: Pick<RequestOf<unknown>, 'hubId'>): string {
  if (!request.hubId) throw new ValidationFailed([{ field: 'envelope.hubId', message: 'the hub whose e-mail or person is asked for' }]);
  return request.hubId;
}
