import { loadConfig } from '@cirkel/config';
import { runService } from '@cirkel/messaging';
import { NotificationsModule } from './notifications.module';

const config = loadConfig('notifications');
void runService(NotificationsModule.forRoot(config), config);
