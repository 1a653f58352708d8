import { DynamicModule, Module } from '@nestjs/common';
import { CirkelConfig } from '@cirkel/config';
import { IdeasModule } from '../ideas.module';
import { IdeaSeeder } from './idea-seeder';

/** What the ideas seed runs in: ideas' imports and providers without its controllers, plus the seeder. */
@Module({})
export class IdeaSeedModule {
  static forRoot(config: CirkelConfig): DynamicModule {
    const ideas = IdeasModule.forRoot(config);
    return { ...ideas, module: IdeaSeedModule, controllers: [], providers: [...(ideas.providers ?? []), IdeaSeeder] };
  }
}
