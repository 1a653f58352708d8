import { ROLE_COPY_PERSISTENCE } from '@cirkel/auth';
import { PersistenceOptions } from '@cirkel/persistence';
import { MESSAGING_MIGRATIONS } from '@cirkel/messaging';
import { Mentor } from './mentors/mentor.entity';
import { MentorPool1764230700000 } from './migrations/1764230700000-mentor-pool';
import { MentorVersion1764700100000 } from './migrations/1764700100000-mentor-version';
import { MentorProfilesAndAssignments1765000200000 } from './migrations/1765000200000-mentor-profiles-and-assignments';
import { AssignmentExpired1765000300000 } from './migrations/1765000300000-assignment-expired';
import { AssignmentWithdrawn1765100200000 } from './migrations/1765100200000-assignment-withdrawn';
import { CoachingSessions1765100300000 } from './migrations/1765100300000-coaching-sessions';
import { CalendarFeeds1765100400000 } from './migrations/1765100400000-calendar-feeds';
import { CalendarFeed } from './calendar/calendar-feed.entity';
import { Programmes1765100600000 } from './migrations/1765100600000-programmes';
import { RegistrationOrganisation1765200100000 } from './migrations/1765200100000-registration-organisation';
import { SessionSequence1765400100000 } from './migrations/1765400100000-session-sequence';
import { HubReminderLeads1765400200000 } from './migrations/1765400200000-hub-reminder-leads';
import { SessionReminderRows1765600100000 } from './migrations/1765600100000-session-reminder-rows';
import { CalendarFeedToken1765700100000 } from './migrations/1765700100000-calendar-feed-token';
import { SessionIdeaIndex1765800100000 } from './migrations/1765800100000-session-idea-index';
import { HubReminderSetting } from './sessions/hub-reminder-setting.entity';
import { Programme, ProgrammeSession, Registration } from './programmes/programme.entities';
import { ActionItem } from './sessions/action-item.entity';
import { CoachingSession } from './sessions/coaching-session.entity';
import { ReminderSent } from './sessions/reminder-sent.entity';
import { Assignment } from './matching/assignment.entity';
import { CoachedIdea } from './matching/coached-idea.entity';

/** What coaching keeps in its schema: its entities and its migrations, in order (used by the module and by the migration tools). */
export const COACHING_PERSISTENCE: PersistenceOptions = {
  entities: [Mentor, CoachedIdea, Assignment, CoachingSession, ActionItem, ReminderSent, HubReminderSetting, CalendarFeed, Programme, ProgrammeSession, Registration, ...ROLE_COPY_PERSISTENCE.entities],
  migrations: [...MESSAGING_MIGRATIONS, MentorPool1764230700000, MentorVersion1764700100000, MentorProfilesAndAssignments1765000200000, AssignmentExpired1765000300000, AssignmentWithdrawn1765100200000, CoachingSessions1765100300000, CalendarFeeds1765100400000, Programmes1765100600000, RegistrationOrganisation1765200100000, SessionSequence1765400100000, HubReminderLeads1765400200000, SessionReminderRows1765600100000, CalendarFeedToken1765700100000, SessionIdeaIndex1765800100000, ...ROLE_COPY_PERSISTENCE.migrations],
};
