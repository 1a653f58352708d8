import { ROLE_COPY_PERSISTENCE } from '@cirkel/auth';
import { PersistenceOptions } from '@cirkel/persistence';
import { MESSAGING_MIGRATIONS } from '@cirkel/messaging';
import { EventTally } from './event-tally/event-tally.entity';
import { EventTally1764230800000 } from './migrations/1764230800000-event-tally';
import { MonthlyTally } from './monthly-tally/monthly-tally.entity';
import { MonthlyTally1764231000000 } from './migrations/1764231000000-monthly-tally';

/** What reporting keeps in its schema: its entities and its migrations, in order (used by the module and by the migration tools). */
export const REPORTING_PERSISTENCE: PersistenceOptions = {
  entities: [EventTally, MonthlyTally, ...ROLE_COPY_PERSISTENCE.entities],
  migrations: [...MESSAGING_MIGRATIONS, EventTally1764230800000, MonthlyTally1764231000000, ...ROLE_COPY_PERSISTENCE.migrations],
};
