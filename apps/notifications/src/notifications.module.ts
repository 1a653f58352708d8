import { DynamicModule, Module } from '@nestjs/common';
import { AccessModule } from '@cirkel/auth';
import { CirkelConfig, ConfigModule } from '@cirkel/config';
import { MessagingModule } from '@cirkel/messaging';
import { HealthModule } from '@cirkel/runtime';
import { PersistenceModule } from '@cirkel/persistence';
import { NOTIFICATIONS_PERSISTENCE } from './notifications.persistence';
import { NotificationRepository } from './notifications/notification.repository';
import { NotificationsController } from './notifications/notifications.controller';
import { NotificationsService } from './notifications/notifications.service';
import { OrganisationRegisteredHandler } from './notifications/organisation-registered.handler';
import { RecipientRepository } from './recipients/recipient.repository';
import { RecipientsHandler } from './recipients/recipients.handler';

/** Notifications: in-app notifications (this issue), e-mail deliveries and digests (later issues). */
@Module({})
export class NotificationsModule {
  static forRoot(config: CirkelConfig): DynamicModule {
    return {
      module: NotificationsModule,
      imports: [
        ConfigModule.forRoot(config),
        PersistenceModule.forRoot(NOTIFICATIONS_PERSISTENCE),
        MessagingModule.forRoot({ publishes: ['notifications'] }),
        HealthModule,
        AccessModule.forService(),
      ],
      controllers: [RecipientsHandler, OrganisationRegisteredHandler, NotificationsController],
      providers: [RecipientRepository, NotificationRepository, NotificationsService],
    };
  }
}
