import { z } from 'zod';
import { ConfigError } from '@cirkel/config';

/** The settings only notifications reads: where it sends e-mail, and as whom. */
const notificationsEnvironment = z.object({
  /** The SMTP server, `smtp://[user:password@]host:port` (`smtps://` for TLS from the start). `npm start` runs a mail catcher on 1025. */
  SMTP_URL: z.url({ protocol: /^smtps?$/ }).default('smtp://127.0.0.1:1025'),
  /** The sender of every e-mail. */
  MAIL_FROM: z.string().min(3).default('Cirkel <no-reply@cirkel.test>'),
  /** Signs the one-click unsubscribe links (at least 32 characters; the same for every replica). */
  NOTIFICATIONS_UNSUBSCRIBE_SECRET: z.string().min(32).optional(),
  NODE_ENV: z.string().optional(),
});

/** Development and tests only: production refuses to start without a secret of its own. */
const DEVELOPMENT_UNSUBSCRIBE_SECRET = 'development-only-unsubscribe-secret-0123456789';

export interface NotificationsSettings {
  mail: { smtpUrl: string; from: string };
  unsubscribeSecret: string;
}

export const NOTIFICATIONS_SETTINGS = Symbol('NOTIFICATIONS_SETTINGS');

/** Parses notifications' own part of the environment once, at boot; a wrong variable stops the process naming it. */
export function loadNotificationsSettings(env: Record<string, string | undefined> = process.env): NotificationsSettings {
  const present = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = notificationsEnvironment.safeParse(present);
  if (!parsed.success) throw new ConfigError(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`));
  const secret = parsed.data.NOTIFICATIONS_UNSUBSCRIBE_SECRET;
  if (!secret && parsed.data.NODE_ENV === 'production') throw new ConfigError(['NOTIFICATIONS_UNSUBSCRIBE_SECRET: required in production (at least 32 random characters)']);
  return { mail: { smtpUrl: parsed.data.SMTP_URL, from: parsed.data.MAIL_FROM }, unsubscribeSecret: secret ?? DEVELOPMENT_UNSUBSCRIBE_SECRET };
}
