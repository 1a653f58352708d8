import { DynamicModule, Module } from '@nestjs/common';
import { CirkelConfig } from '@cirkel/config';
import { CoachingModule } from '../coaching.module';
import { CoachingSeeder } from './coaching-seeder';

/** What the coaching seed runs in: coaching's imports and providers without its controllers, plus the seeder. */
@Module({})
export class CoachingSeedModule {
  static forRoot(config: CirkelConfig): DynamicModule {
    const coaching = CoachingModule.forRoot(config);
    return { ...coaching, module: CoachingSeedModule, controllers: [], providers: [...(coaching.providers ?? []), CoachingSeeder] };
  }
}
