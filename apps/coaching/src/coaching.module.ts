import { DynamicModule, Module } from '@nestjs/common';
import { CirkelConfig } from '@cirkel/config';
import { RedisModule, ServiceModule } from '@cirkel/runtime';
import { COACHING_PERSISTENCE } from './coaching.persistence';
import { MentorPoolHandler } from './mentors/mentor-pool.handler';
import { MentorRepository } from './mentors/mentor.repository';

/**
 * Coaching: mentors, assignments, sessions and reminders (a later issue). For now it keeps the
 * pool of people who hold the mentor role, which matching will draw from.
 */
@Module({})
export class CoachingModule {
  static forRoot(config: CirkelConfig): DynamicModule {
    return {
      module: CoachingModule,
      imports: [
        ServiceModule.forRoot({ config, persistence: COACHING_PERSISTENCE }),
        RedisModule,
      ],
      controllers: [MentorPoolHandler],
      providers: [MentorRepository],
    };
  }
}
