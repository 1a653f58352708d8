import { DynamicModule, Module } from '@nestjs/common';
import { CirkelConfig, NotificationsSettings as NotificationsSettingsOf } from '@cirkel/config';
import { JobsModule } from '@cirkel/jobs';
import { RequestClientModule } from '@cirkel/messaging';
import { ServiceModule } from '@cirkel/runtime';
import { EmailMessageRepository } from './mail/email-message.repository';
import { EmailOutbox } from './mail/email-outbox';
import { EmailSender } from './mail/email-sender.service';
import { PartnerEmailsHandler } from './mail/partner-emails.handler';
import { SendEmailJob } from './mail/send-email.job';
import { ResendUnsentEmailJob } from './mail/resend-unsent-email.job';
import { UnsentEmailSweep } from './mail/unsent-email.sweep';
import { CityDigestJob } from './digests/city-digest.job';
import { CityDigestRepository } from './digests/city-digest.repository';
import { CityDigestService } from './digests/city-digest.service';
import { CityDigestsController } from './digests/city-digests.controller';
import { DigestItemRepository } from './digests/digest-item.repository';
import { DigestSchedules } from './digests/digest-schedules';
import { DigestsService } from './digests/digests.service';
import { SendDigestsJob } from './digests/send-digests.job';
import { SmtpMailer } from './mail/smtp-mailer';
import { MentorEventsHandler } from './mentors/mentor-events.handler';
import { Alerts } from './alerts/alerts.service';
import { CoachingAlertsHandler } from './coaching/coaching-alerts.handler';
import { IdeaCopyRepository } from './ideas/idea-copy.repository';
import { IdeaUpdateRepository } from './ideas/idea-update.repository';
import { OrganisationStatusRepository } from './organisations/organisation-status.repository';
import { OrganisationsHandler } from './organisations/organisations.handler';
import { IdeaUpdatesHandler } from './ideas/idea-updates.handler';
import { IdeaUpdates } from './ideas/idea-updates.service';
import { MentorAlerts } from './mentors/mentor-alerts.service';
import { MentorProfileRepository } from './mentors/mentor-profile.repository';
import { MentorProfilesHandler } from './mentors/mentor-profiles.handler';
import { NOTIFICATIONS_SETTINGS, NotificationsSettings } from './notifications.config';
import { NOTIFICATIONS_PERSISTENCE } from './notifications.persistence';
import { NotificationPreferenceRepository } from './preferences/notification-preference.repository';
import { NotificationPreferencesController } from './preferences/notification-preferences.controller';
import { NotificationPreferencesService } from './preferences/notification-preferences.service';
import { NotificationRepository } from './notifications/notification.repository';
import { NotificationsController } from './notifications/notifications.controller';
import { NotificationsService } from './notifications/notifications.service';
import { OrganisationRegisteredHandler } from './notifications/organisation-registered.handler';
import { RecipientRepository } from './recipients/recipient.repository';
import { RecipientsHandler } from './recipients/recipients.handler';

/** Notifications: in-app notifications and e-mail (sent by a BullMQ job, once per message). */
@Module({})
export class NotificationsModule {
  /** `config` from `loadConfig('notifications')`; a test may give its own settings instead of the config's. */
  static forRoot(config: CirkelConfig & Partial<NotificationsSettingsOf>, settings: NotificationsSettings | undefined = config.notifications): DynamicModule {
    if (!settings) throw new Error("notifications' settings are missing: load the config with loadConfig('notifications')");
    const settingsProvider = { provide: NOTIFICATIONS_SETTINGS, useValue: settings };
    return {
      module: NotificationsModule,
      imports: [
        ServiceModule.forRoot({ config, persistence: NOTIFICATIONS_PERSISTENCE }),
        RequestClientModule.forRoot(),
        JobsModule.forRoot({
          workers: [SendEmailJob, SendDigestsJob, CityDigestJob, ResendUnsentEmailJob],
          providers: [settingsProvider, EmailSender, EmailMessageRepository, SmtpMailer, IdeaCopyRepository, RecipientRepository, NotificationPreferenceRepository, NotificationPreferencesService, DigestItemRepository, DigestsService, EmailOutbox, CityDigestRepository, CityDigestService, Alerts, NotificationRepository, UnsentEmailSweep],
        }),
      ],
      controllers: [RecipientsHandler, OrganisationRegisteredHandler, NotificationsController, PartnerEmailsHandler, MentorProfilesHandler, MentorEventsHandler, CoachingAlertsHandler, NotificationPreferencesController, CityDigestsController, IdeaUpdatesHandler, OrganisationsHandler],
      providers: [RecipientRepository, NotificationRepository, NotificationsService, EmailMessageRepository, EmailOutbox, MentorProfileRepository, Alerts, MentorAlerts, settingsProvider, NotificationPreferenceRepository, NotificationPreferencesService, DigestItemRepository, DigestSchedules, CityDigestRepository, CityDigestService, IdeaCopyRepository, IdeaUpdateRepository, IdeaUpdates, OrganisationStatusRepository],
    };
  }
}
