import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import { EventEnvelope, NotificationCategory } from '@cirkel/contracts';
import { DigestItemRepository } from '../digests/digest-item.repository';
import { EmailOutbox } from '../mail/email-outbox';
import { NotificationKind } from '../notifications/notification.entity';
import { NotificationRepository } from '../notifications/notification.repository';
import { NotificationPreferencesService, OWN_DIGEST_CATEGORIES } from '../preferences/notification-preferences.service';

/**
 * What an alert tells of: the event handled, or something notifications made itself (a city
 * digest). Its id makes the message once per person (in-app, digest item, e-mail key), its type
 * names the e-mail's key, its time dates the message.
 */
export type AlertSource = Pick<EventEnvelope, 'id' | 'type' | 'hubId' | 'occurredAt'>;

/** One message to a set of people: what the in-app notification and the e-mail say. */
export interface Alert {
  source: AlertSource;
  recipients: string[];
  category: NotificationCategory;
  /** The in-app kind and the e-mail template's name. */
  kind: NotificationKind;
  params: Record<string, string>;
  /** Where the web app shows it, `/ideas/<id>`. */
  link: string;
}

/**
 * Tells people of an event (or a digest) by the channels they chose for its category: an in-app notification
 * (once per event and person) and, for e-mail `immediate`, an e-mail (once per event and person).
 * Runs in the transaction of the event being handled.
 */
@Injectable()
export class Alerts {
  constructor(
    private readonly notifications: NotificationRepository,
    private readonly email: EmailOutbox,
    private readonly preferences: NotificationPreferencesService,
    private readonly digestItems: DigestItemRepository,
  ) {}

  async tell(manager: EntityManager, alert: Alert): Promise<number> {
    const { source, category, kind, params, link } = alert;
    const recipients = [...new Set(alert.recipients)];
    const chosen = await this.preferences.effective(manager, recipients, category);
    const at = new Date(source.occurredAt);
    await this.notifications.addAll(
      manager,
      recipients.filter((id) => chosen.get(id)?.inApp).map((personId) => ({ id: uuidv7(), hubId: source.hubId, recipientId: personId, kind, params, link, sourceEventId: source.id, createdAt: at, readAt: null })),
    );
    // E-mail in a daily or weekly rhythm waits for that digest (digests.service.ts).
    const rhythmOf = (personId: string) => {
      const rhythm = chosen.get(personId)?.email;
      // A message that is itself a digest goes now whatever rhythm was chosen (but `off`).
      return OWN_DIGEST_CATEGORIES.includes(category) && rhythm !== 'off' ? 'immediate' : rhythm;
    };
    const digested = recipients.flatMap((personId) => {
      const rhythm = rhythmOf(personId);
      return rhythm === 'daily' || rhythm === 'weekly' ? [{ personId, rhythm }] : [];
    });
    await this.digestItems.addAll(
      manager,
      digested.map(({ personId, rhythm }) => ({ id: uuidv7(), hubId: source.hubId, personId, rhythm, kind, params, link, sourceEventId: source.id, createdAt: at, digestMessageId: null })),
    );
    await this.email.queueAll(
      manager,
      recipients
        .filter((id) => rhythmOf(id) === 'immediate')
        .map((personId) => ({ messageKey: `${source.type}.${source.id}.${personId}`, hubId: source.hubId, kind, source: 'person' as const, sourceId: personId, params: { ...params, link, category }, createdAt: at })),
    );
    return recipients.length;
  }
}
