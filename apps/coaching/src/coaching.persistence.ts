import { ROLE_COPY_PERSISTENCE } from '@cirkel/auth';
import { PersistenceOptions } from '@cirkel/persistence';
import { MessagingTables1764230400000 } from '@cirkel/messaging';
import { Mentor } from './mentors/mentor.entity';
import { MentorPool1764230700000 } from './migrations/1764230700000-mentor-pool';

/** What coaching keeps in its schema: its entities and its migrations, in order (used by the module and by the migration tools). */
export const COACHING_PERSISTENCE: PersistenceOptions = {
  entities: [Mentor, ...ROLE_COPY_PERSISTENCE.entities],
  migrations: [MessagingTables1764230400000, MentorPool1764230700000, ...ROLE_COPY_PERSISTENCE.migrations],
};
