import { DynamicModule, Module } from '@nestjs/common';
import { CirkelConfig } from '@cirkel/config';
import { JobsModule } from '@cirkel/jobs';
import { RedisModule, ServiceModule } from '@cirkel/runtime';
import { ProposalTimeoutJob } from './matching/proposal-timeout.job';
import { COACHING_PERSISTENCE } from './coaching.persistence';
import { MentorPoolHandler } from './mentors/mentor-pool.handler';
import { MentorRepository } from './mentors/mentor.repository';
import { AssignmentRepository } from './matching/assignment.repository';
import { MatchingHandler } from './matching/matching.handler';
import { MatchingService } from './matching/matching.service';
import { MentorProfileService } from './mentors/mentor-profile.service';
import { MentorsController } from './mentors/mentors.controller';
import { MentorSuggestionsController } from './matching/mentor-suggestions.controller';
import { MentorSuggestionsService } from './matching/mentor-suggestions.service';

/**
 * Coaching: the pool of mentors (from partners' role events) with the profiles they keep, and
 * matching — each submitted idea proposed to the best mentor, passed on when declined. Sessions,
 * reminders and programmes come next (issue 8).
 */
@Module({})
export class CoachingModule {
  static forRoot(config: CirkelConfig): DynamicModule {
    return {
      module: CoachingModule,
      imports: [
        ServiceModule.forRoot({ config, persistence: COACHING_PERSISTENCE }),
        RedisModule,
        JobsModule.forRoot({ workers: [ProposalTimeoutJob], providers: [MatchingService, MentorRepository, AssignmentRepository] }),
      ],
      controllers: [MentorPoolHandler, MatchingHandler, MentorsController, MentorSuggestionsController],
      providers: [MentorRepository, AssignmentRepository, MatchingService, MentorProfileService, MentorSuggestionsService],
    };
  }
}
