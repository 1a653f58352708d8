import { z } from 'zod';
import { defineEvent } from '../events/event-contract';
import { defineRequest } from '../requests/request-contract';
import { languageSchema } from '../shared/vocabulary';
import { timestamp, view } from '../shared/views';

/** What partners e-mails, and why (notifications sends them; none can be switched off). */
export const PARTNER_EMAIL_KINDS = [
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
  /** To a person's address whose logins are refused for failures made elsewhere: the link that lets one browser log in again (an unknown address gets nothing). */
  'login-unlock',
] as const;
export type PartnerEmailKind = (typeof PARTNER_EMAIL_KINDS)[number];
export const partnerEmailKindSchema = z.enum(PARTNER_EMAIL_KINDS);

/**
 * Partners queued an e-mail (`email_delivery`, in the transaction of the change that needs it).
 * Neither the address nor the link travels in the event (a stream keeps events for weeks, and the
 * link is a secret of the addressee): notifications asks for them with `partners.get-email-delivery`
 * when it sends.
 */
export const EmailQueued = defineEvent('partners.email-queued', 1, z.object({ deliveryId: z.uuid(), kind: partnerEmailKindSchema }));
export const EMAIL_QUEUED = EmailQueued.type;

/** One queued e-mail of partners, for the service that sends it (notifications), at sending time. */
export const emailDeliveryViewSchema = view(
  'EmailDeliveryView',
  z.object({
    deliveryId: z.uuid(),
    kind: partnerEmailKindSchema,
    to: z.email(),
    language: languageSchema,
    /** The link the addressee opens, if the e-mail has one (a secret of the addressee). */
    link: z.url().nullable(),
  }),
);
export type EmailDeliveryView = z.infer<typeof emailDeliveryViewSchema>;

/** Asked by notifications on its own account: its own service token (its JWT_SERVICE_PRIVATE_KEY), never a person's nor another service's (docs/security.md). */
export const GetEmailDelivery = defineRequest('partners.get-email-delivery', {
  servicesOnly: ['notifications'],
  input: z.strictObject({ deliveryId: z.uuid() }),
  answer: emailDeliveryViewSchema,
});

/**
 * Notifications sent a queued e-mail: partners marks it sent and forgets its link (the addressee has
 * it now; a copy of partners' schema no longer gives it). Asked again, the same answer; an unknown
 * delivery is a 404 `email-delivery-not-found`.
 */
export const MarkEmailDeliverySent = defineRequest('partners.mark-email-delivery-sent', {
  servicesOnly: ['notifications'], // as GetEmailDelivery
  input: z.strictObject({ deliveryId: z.uuid() }),
  answer: z.object({ deliveryId: z.uuid(), sentAt: timestamp }),
});

/** Where and in which language a person is written to, asked by notifications when it sends (a changed address counts from the next e-mail on). */
export const contactViewSchema = view(
  'ContactView',
  z.object({
    personId: z.uuid(),
    name: z.string(),
    email: z.email(),
    language: languageSchema,
  }),
);
export type ContactView = z.infer<typeof contactViewSchema>;

/** A person's address and language; 404 `person-not-found` for an unknown or deactivated person (nothing is sent to them). */
export const GetContact = defineRequest('partners.get-contact', {
  servicesOnly: ['notifications'], // as GetEmailDelivery
  input: z.strictObject({ personId: z.uuid() }),
  answer: contactViewSchema,
});
