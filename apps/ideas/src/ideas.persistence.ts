import { ROLE_COPY_PERSISTENCE } from '@cirkel/auth';
import { PersistenceOptions } from '@cirkel/persistence';
import { MESSAGING_MIGRATIONS } from '@cirkel/messaging';
import { KnownOrganisations1764230500000 } from './migrations/1764230500000-known-organisations';
import { KnownOrganisationVersion1764700200000 } from './migrations/1764700200000-known-organisation-version';
import { KnownOrganisation } from './organisations/known-organisation.entity';
import { Ideas1765000000000 } from './migrations/1765000000000-ideas';
import { Idea } from './ideas/idea.entity';
import { IdeaTransition } from './ideas/idea-transition.entity';
import { IdeaCollaboration } from './ideas/idea-collaboration.entity';
import { IdeaCollaboration1765000100000 } from './migrations/1765000100000-idea-collaboration';
import { IdeaSearchWithoutPendingList1765500000000 } from './migrations/1765500000000-idea-search-without-pending-list';
import { IdeaMentor1765500100000 } from './migrations/1765500100000-idea-mentor';

/** What ideas keeps in its schema: its entities and its migrations, in order (used by the module and by the migration tools). */
export const IDEAS_PERSISTENCE: PersistenceOptions = {
  entities: [KnownOrganisation, Idea, IdeaTransition, IdeaCollaboration, ...ROLE_COPY_PERSISTENCE.entities],
  migrations: [...MESSAGING_MIGRATIONS, KnownOrganisations1764230500000, KnownOrganisationVersion1764700200000, Ideas1765000000000, IdeaCollaboration1765000100000, IdeaSearchWithoutPendingList1765500000000, IdeaMentor1765500100000, ...ROLE_COPY_PERSISTENCE.migrations],
};
