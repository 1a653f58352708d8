import { DynamicModule, Module } from '@nestjs/common';
import { CirkelConfig } from '@cirkel/config';
import { ReportingModule } from '../reporting.module';
import { ReportingSeeder } from './reporting-seeder';

/** What the reporting seed runs in: reporting's imports and providers without its controllers, plus the seeder. */
@Module({})
export class ReportingSeedModule {
  static forRoot(config: CirkelConfig): DynamicModule {
    const reporting = ReportingModule.forRoot(config);
    return { ...reporting, module: ReportingSeedModule, controllers: [], providers: [...(reporting.providers ?? []), ReportingSeeder] };
  }
}
