import { loadConfig } from '@cirkel/config';
import { runService } from '@cirkel/runtime';
import { IdeasModule } from './ideas.module';

const config = loadConfig('ideas');
void runService(IdeasModule.forRoot(config), config);
