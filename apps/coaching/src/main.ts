import { loadConfig } from '@cirkel/config';
import { runService } from '@cirkel/runtime';
import { CoachingModule } from './coaching.module';

const config = loadConfig('coaching');
void runService(CoachingModule.forRoot(config), config);
