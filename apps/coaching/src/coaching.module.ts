import { DynamicModule, Module } from '@nestjs/common';
import { CirkelConfig, ConfigModule } from '@cirkel/config';
import { HealthModule, MessagingModule, MessagingTables1764230400000, RedisModule } from '@cirkel/messaging';
import { PersistenceModule } from '@cirkel/persistence';
import { MentorPool1764230700000 } from './migrations/1764230700000-mentor-pool';
import { Mentor } from './mentors/mentor.entity';
import { MentorPoolHandler } from './mentors/mentor-pool.handler';

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
        PersistenceModule.forRoot({ entities: [Mentor], migrations: [MessagingTables1764230400000, MentorPool1764230700000] }),
        MessagingModule.forRoot({ publishes: ['coaching'] }),
        RedisModule,
        HealthModule,
      ],
      controllers: [MentorPoolHandler],
    };
  }
}
