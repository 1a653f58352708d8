import { DynamicModule, Module } from '@nestjs/common';
import { CirkelConfig, ConfigModule } from '@cirkel/config';
import { HealthModule, MessagingModule, MessagingTables1764230400000 } from '@cirkel/messaging';
import { PersistenceModule } from '@cirkel/persistence';
import { InAppNotifications1764230600000 } from './migrations/1764230600000-in-app-notifications';
import { Notification } from './notifications/notification.entity';
import { NotificationRepository } from './notifications/notification.repository';
import { NotificationsController } from './notifications/notifications.controller';
import { NotificationsService } from './notifications/notifications.service';
import { OrganisationRegisteredHandler } from './notifications/organisation-registered.handler';
import { Recipient } from './recipients/recipient.entity';
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
        PersistenceModule.forRoot({
          entities: [Recipient, Notification],
          migrations: [MessagingTables1764230400000, InAppNotifications1764230600000],
        }),
        MessagingModule.forRoot({ publishes: ['notifications'] }),
        HealthModule,
      ],
      controllers: [RecipientsHandler, OrganisationRegisteredHandler, NotificationsController],
      providers: [RecipientRepository, NotificationRepository, NotificationsService],
    };
  }
}
