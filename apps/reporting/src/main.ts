import { loadConfig } from '@cirkel/config';
import { runService } from '@cirkel/messaging';
import { ReportingModule } from './reporting.module';

const config = loadConfig('reporting');
void runService(ReportingModule.forRoot(config), config);
