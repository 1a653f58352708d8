import { loadConfig } from '@cirkel/config';
import { runService } from '@cirkel/messaging';
import { CoachingModule } from './coaching.module';

const config = loadConfig('coaching');
void runService(CoachingModule.forRoot(config), config);
