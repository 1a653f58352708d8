import { DomainError } from '@cirkel/contracts';

export const EmailDeliveryProblem = {
  EmailDeliverySent: 'email-delivery-sent',
  EmailDeliveryExpired: 'email-delivery-expired',
} as const;

/** Asked for a delivery notifications already said it sent: its link is forgotten, nothing is to be sent again. */
export class EmailDeliverySent extends DomainError {
  constructor() {
    super(EmailDeliveryProblem.EmailDeliverySent, 410, 'E-mail already sent', 'This e-mail was sent; its link is no longer kept.');
  }
}

/** Asked for a delivery older than the longest link lifetime, never sent: its link is forgotten (and would no longer work). */
export class EmailDeliveryExpired extends DomainError {
  constructor() {
    super(EmailDeliveryProblem.EmailDeliveryExpired, 410, 'E-mail expired', 'This e-mail was never sent and is too old to send; its link is no longer kept.');
  }
}
