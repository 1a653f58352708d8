import { loadConfig } from '@cirkel/config';
import { runService } from '@cirkel/runtime';
import { NotificationsModule } from './notifications.module';

const config = loadConfig('notifications');
void runService(NotificationsModule.forRoot(config), config);
