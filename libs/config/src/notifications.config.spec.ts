import { loadConfig } from './cirkel-config';
import { DEVELOPMENT_UNSUBSCRIBE_SECRET, notificationsEnvironment, notificationsSettings } from './notifications.config';

describe('notifications settings', () => {
  it('reads the SMTP server, the sender, the secret and the retries, with defaults for development', () => {
    expect(notificationsSettings(notificationsEnvironment.parse({}), 'development')).toEqual({
      config: {
        notifications: {
          mail: { smtpUrl: 'smtp://127.0.0.1:1025', from: 'Cirkel <no-reply@cirkel.test>' },
          unsubscribeSecret: DEVELOPMENT_UNSUBSCRIBE_SECRET,
          delivery: { attempts: 10, retryDelayMs: 2000, sweepEveryMs: 300_000, giveUpAfterMs: 72 * 3_600_000 },
        },
      },
      problems: [],
    });
    const set = notificationsEnvironment.parse({ SMTP_URL: 'smtps://mail.example:465', NOTIFICATIONS_EMAIL_GIVE_UP_AFTER_HOURS: '0.5', NOTIFICATIONS_UNSUBSCRIBE_SECRET: 's'.repeat(32) });
    expect(notificationsSettings(set, 'production').config.notifications).toMatchObject({ mail: { smtpUrl: 'smtps://mail.example:465' }, unsubscribeSecret: 's'.repeat(32), delivery: { giveUpAfterMs: 1_800_000 } });
  });

  it('refuses a wrong variable by its name, and production without a secret of its own', () => {
    expect(notificationsEnvironment.safeParse({ SMTP_URL: 'http://mail.example' }).success).toBe(false);
    expect(notificationsEnvironment.safeParse({ NOTIFICATIONS_UNSUBSCRIBE_SECRET: 'short' }).success).toBe(false);
    expect(notificationsSettings(notificationsEnvironment.parse({}), 'production').problems).toEqual([expect.stringMatching(/^NOTIFICATIONS_UNSUBSCRIBE_SECRET: required in production/)]);
    expect(() => loadConfig('notifications', { NOTIFICATIONS_EMAIL_ATTEMPTS: 'many' })).toThrow(/NOTIFICATIONS_EMAIL_ATTEMPTS/);
  });

  it('is part of the config loadConfig answers for notifications, and of no other app’s', () => {
    expect(loadConfig('notifications', { MAIL_FROM: 'Stad Genk <cirkel@genk.test>' }).notifications.mail.from).toBe('Stad Genk <cirkel@genk.test>');
    expect(loadConfig('ideas', {})).not.toHaveProperty('notifications');
  });
});
