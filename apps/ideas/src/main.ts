import { loadConfig } from '@cirkel/config';
import { runService } from '@cirkel/messaging';
import { IdeasModule } from './ideas.module';

const config = loadConfig('ideas');
void runService(IdeasModule.forRoot(config), config);
