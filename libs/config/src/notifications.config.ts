import { z } from 'zod';
import type { CirkelConfig } from './cirkel-config';

/** Development and tests only: production refuses to start without a secret of its own. */
export const DEVELOPMENT_UNSUBSCRIBE_SECRET = 'development-only-unsubscribe-secret-0123456789';

/** The settings only notifications reads: where it sends e-mail and as whom, how it signs unsubscribe links, how it retries. */
export const notificationsEnvironment = z.object({
  /** The SMTP server, `smtp://[user:password@]host:port` (`smtps://` for TLS from the start). `npm start` runs a mail catcher on 1025. */
  SMTP_URL: z.url({ protocol: /^smtps?$/ }).default('smtp://127.0.0.1:1025'),
  /** The sender of every e-mail. */
  MAIL_FROM: z.string().min(3).default('Cirkel <no-reply@cirkel.test>'),
  /** Signs the one-click unsubscribe links (at least 32 characters; the same for every replica). */
  NOTIFICATIONS_UNSUBSCRIBE_SECRET: z.string().min(32).optional(),
  /** Attempts of one send job (one generation), the first included. */
  NOTIFICATIONS_EMAIL_ATTEMPTS: z.coerce.number().int().min(1).max(50).default(10),
  /** The delay before a send job's second attempt; it doubles at each next one. */
  NOTIFICATIONS_EMAIL_RETRY_DELAY_MS: z.coerce.number().int().min(1).default(2000),
  /** How often the sweep of unsent e-mail runs; a message is queued again no sooner than this after its last queueing. */
  NOTIFICATIONS_EMAIL_SWEEP_EVERY_MS: z.coerce.number().int().min(100).default(5 * 60_000),
  /** A message still unsent this long after it was first queued is given up on (marked abandoned, with the reason, and logged as an error). */
  NOTIFICATIONS_EMAIL_GIVE_UP_AFTER_HOURS: z.coerce.number().min(0.0001).default(72),
});

/** How e-mail that did not go is tried again: per job (BullMQ's retries), then by the sweep (a new generation of the job). */
export interface EmailDeliverySettings {
  attempts: number;
  retryDelayMs: number;
  sweepEveryMs: number;
  giveUpAfterMs: number;
}

export const DEFAULT_EMAIL_DELIVERY: EmailDeliverySettings = { attempts: 10, retryDelayMs: 2000, sweepEveryMs: 5 * 60_000, giveUpAfterMs: 72 * 3600_000 };

export interface NotificationsSettings {
  notifications: {
    mail: { smtpUrl: string; from: string };
    unsubscribeSecret: string;
    delivery: EmailDeliverySettings;
  };
}

export type NotificationsConfig = CirkelConfig & NotificationsSettings;

/** Notifications' settings from its part of the environment; in production a missing unsubscribe secret is a problem naming it. */
export function notificationsSettings(e: z.output<typeof notificationsEnvironment>, nodeEnv: CirkelConfig['nodeEnv']): { config: NotificationsSettings; problems: string[] } {
  const problems = !e.NOTIFICATIONS_UNSUBSCRIBE_SECRET && nodeEnv === 'production' ? ['NOTIFICATIONS_UNSUBSCRIBE_SECRET: required in production (at least 32 random characters)'] : [];
  return {
    config: {
      notifications: {
        mail: { smtpUrl: e.SMTP_URL, from: e.MAIL_FROM },
        unsubscribeSecret: e.NOTIFICATIONS_UNSUBSCRIBE_SECRET ?? DEVELOPMENT_UNSUBSCRIBE_SECRET,
        delivery: {
          attempts: e.NOTIFICATIONS_EMAIL_ATTEMPTS,
          retryDelayMs: e.NOTIFICATIONS_EMAIL_RETRY_DELAY_MS,
          sweepEveryMs: e.NOTIFICATIONS_EMAIL_SWEEP_EVERY_MS,
          giveUpAfterMs: Math.round(e.NOTIFICATIONS_EMAIL_GIVE_UP_AFTER_HOURS * 3600_000),
        },
      },
    },
    problems,
  };
}
