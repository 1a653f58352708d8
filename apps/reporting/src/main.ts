import { loadConfig } from '@cirkel/config';
import { runService } from '@cirkel/runtime';
import { ReportingModule } from './reporting.module';

const config = loadConfig('reporting');
void runService(ReportingModule.forRoot(config), config);
