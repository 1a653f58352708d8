import { DEFAULT_EMAIL_DELIVERY, EmailDeliverySettings, NotificationsConfig } from '@cirkel/config';

/**
 * What notifications' providers read (`NOTIFICATIONS_SETTINGS`): its part of the config, parsed
 * once at boot by `loadConfig('notifications')` (libs/config/src/notifications.config.ts). A test
 * may give only what it shortens of the delivery; the rest keeps the defaults.
 */
export type NotificationsSettings = Omit<NotificationsConfig['notifications'], 'delivery'> & { delivery?: Partial<EmailDeliverySettings> };

/** The delivery settings, the defaults filled in. */
export function emailDelivery(settings: NotificationsSettings): EmailDeliverySettings {
  return { ...DEFAULT_EMAIL_DELIVERY, ...settings.delivery };
}

export const NOTIFICATIONS_SETTINGS = Symbol('NOTIFICATIONS_SETTINGS');
