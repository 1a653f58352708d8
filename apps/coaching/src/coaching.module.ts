import { DynamicModule, Module } from '@nestjs/common';
import { CirkelConfig } from '@cirkel/config';
import { JobsModule } from '@cirkel/jobs';
import { RequestClientModule } from '@cirkel/messaging';
import { RedisModule, ServiceModule } from '@cirkel/runtime';
import { ProposalTimeoutJob } from './matching/proposal-timeout.job';
import { ProposalRecovery } from './matching/proposal-recovery.service';
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
import { ProgrammesController } from './programmes/programmes.controller';
import { ProgrammesService } from './programmes/programmes.service';
import { CalendarController } from './calendar/calendar.controller';
import { CalendarService } from './calendar/calendar.service';
import { ActionOverdueCheckJob } from './sessions/action-overdue-check.job';
import { ReminderFiring } from './sessions/reminder-firing.service';
import { ReminderLeads } from './sessions/reminder-leads';
import { ReminderSettingsService } from './sessions/reminder-settings.service';
import { ReminderScheduler } from './sessions/reminder-scheduler.service';
import { SessionReminderJob } from './sessions/session-reminder.job';
import { SessionRemindersDueJob } from './sessions/session-reminders-due.job';
import { SessionReminders } from './sessions/session-reminders';
import { SessionRepository } from './sessions/session.repository';
import { SessionsController } from './sessions/sessions.controller';
import { SessionsService } from './sessions/sessions.service';
import { OrganisationMembers } from './people/organisation-members';
import { PersonNames } from './people/person-names';

/**
 * Coaching: the pool of mentors (from partners' role events) with the profiles they keep, and
 * matching — each submitted idea proposed to the best mentor, passed on when declined — and the
 * coaching sessions of accepted assignments with their action items and reminders (delayed jobs).
 * and programmes ("1+1=11") with registrations, a waiting list and attendance.
 */
@Module({})
export class CoachingModule {
  static forRoot(config: CirkelConfig): DynamicModule {
    return {
      module: CoachingModule,
      imports: [
        ServiceModule.forRoot({ config, persistence: COACHING_PERSISTENCE }),
        RedisModule,
        RequestClientModule.forRoot(),
        JobsModule.forRoot({
          workers: [ProposalTimeoutJob, SessionReminderJob, SessionRemindersDueJob, ActionOverdueCheckJob],
          providers: [MatchingService, MentorRepository, AssignmentRepository, SessionRepository, ReminderLeads, ReminderFiring, SessionReminders],
        }),
      ],
      controllers: [MentorPoolHandler, MatchingHandler, MentorsController, MentorSuggestionsController, SessionsController, CalendarController, ProgrammesController],
      providers: [MentorRepository, AssignmentRepository, MatchingService, ProposalRecovery, MentorProfileService, MentorSuggestionsService, SessionRepository, ReminderLeads, SessionReminders, ReminderScheduler, ReminderSettingsService, SessionsService, CalendarService, ProgrammesService, OrganisationMembers, PersonNames],
    };
  }
}
