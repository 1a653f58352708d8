import { DynamicModule, Module } from '@nestjs/common';
import { CirkelConfig } from '@cirkel/config';
import { ServiceModule } from '@cirkel/runtime';
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
        ServiceModule.forRoot({ config, persistence: NOTIFICATIONS_PERSISTENCE }),
      ],
      controllers: [RecipientsHandler, OrganisationRegisteredHandler, NotificationsController],
      providers: [RecipientRepository, NotificationRepository, NotificationsService],
    };
  }
}
