import { ROLE_COPY_PERSISTENCE } from '@cirkel/auth';
import { PersistenceOptions } from '@cirkel/persistence';
import { MESSAGING_MIGRATIONS } from '@cirkel/messaging';
import { AuditEntry } from './audit/audit-entry.entity';
import { KnownIdea } from './directory/known-idea.entity';
import { KnownOrganisation } from './directory/known-organisation.entity';
import { StageMovement } from './directory/stage-movement.entity';
import { EventTally } from './event-tally/event-tally.entity';
import { EventTally1764230800000 } from './migrations/1764230800000-event-tally';
import { MonthlyTally } from './monthly-tally/monthly-tally.entity';
import { MonthlyTally1764231000000 } from './migrations/1764231000000-monthly-tally';
import { Participants1765200000000 } from './migrations/1765200000000-participants';
import { Participant } from './participants/participant.entity';
import { Placement } from './participants/placement.entity';
import { StatisticFigure } from './statistics/statistic-figure.entity';
import { HeldSession } from './directory/held-session.entity';
import { HeldSessions1765200200000 } from './migrations/1765200200000-held-sessions';
import { EsfPhase } from './targets/esf-phase.entity';
import { Target } from './targets/target.entity';
import { Targets1765200300000 } from './migrations/1765200300000-targets';
import { Statistics1765200100000 } from './migrations/1765200100000-statistics';
import { DigestDays1765200400000 } from './migrations/1765200400000-digest-days';
import { ProgrammeActivity1765200500000 } from './migrations/1765200500000-programme-activity';
import { OrganisationTypeVersion1765200600000 } from './migrations/1765200600000-organisation-type-version';
import { AuditExports1765200700000 } from './migrations/1765200700000-audit-exports';
import { ReferenceKeyVersion1765200800000 } from './migrations/1765200800000-reference-key-version';
import { DigestReleases1765200900000 } from './migrations/1765200900000-digest-releases';
import { DigestRelease } from './digest/digest-release.entity';
import { ProgrammeAttendance } from './directory/programme-attendance.entity';
import { ProgrammeRegistration } from './directory/programme-registration.entity';

/** What reporting keeps in its schema: its entities and its migrations, in order (used by the module and by the migration tools). */
export const REPORTING_PERSISTENCE: PersistenceOptions = {
  entities: [EventTally, MonthlyTally, Participant, Placement, AuditEntry, KnownIdea, KnownOrganisation, StageMovement, StatisticFigure, HeldSession, EsfPhase, Target, ProgrammeRegistration, ProgrammeAttendance, DigestRelease, ...ROLE_COPY_PERSISTENCE.entities],
  migrations: [...MESSAGING_MIGRATIONS, EventTally1764230800000, MonthlyTally1764231000000, ...ROLE_COPY_PERSISTENCE.migrations, Participants1765200000000, Statistics1765200100000, HeldSessions1765200200000, Targets1765200300000, DigestDays1765200400000, ProgrammeActivity1765200500000, OrganisationTypeVersion1765200600000, AuditExports1765200700000, ReferenceKeyVersion1765200800000, DigestReleases1765200900000],
};
