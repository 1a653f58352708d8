import { DynamicModule, Module } from '@nestjs/common';
import { CirkelConfig, ConfigModule } from '@cirkel/config';
import { MessagingModule } from '@cirkel/messaging';
import { HealthModule, RedisModule } from '@cirkel/runtime';
import { PersistenceModule } from '@cirkel/persistence';
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
        ConfigModule.forRoot(config),
        PersistenceModule.forRoot(COACHING_PERSISTENCE),
        MessagingModule.forRoot({ publishes: ['coaching'] }),
        RedisModule,
        HealthModule,
      ],
      controllers: [MentorPoolHandler],
      providers: [MentorRepository],
    };
  }
}
