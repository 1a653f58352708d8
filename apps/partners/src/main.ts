import { loadConfig } from '@cirkel/config';
import { runService } from '@cirkel/runtime';
import { PartnersModule } from './partners.module';

const config = loadConfig('partners');
void runService(PartnersModule.forRoot(config), config);
