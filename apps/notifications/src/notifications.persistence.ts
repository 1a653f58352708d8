import { ROLE_COPY_PERSISTENCE } from '@cirkel/auth';
import { PersistenceOptions } from '@cirkel/persistence';
import { MESSAGING_MIGRATIONS } from '@cirkel/messaging';
import { InAppNotifications1764230600000 } from './migrations/1764230600000-in-app-notifications';
import { RecipientRolesVersion1764700300000 } from './migrations/1764700300000-recipient-roles-version';
import { EmailMessages1765100400000 } from './migrations/1765100400000-email-messages';
import { MentorProfiles1765100500000 } from './migrations/1765100500000-mentor-profiles';
import { MentorProfile } from './mentors/mentor-profile.entity';
import { NotificationPreferences1765100600000 } from './migrations/1765100600000-notification-preferences';
import { NotificationPreference } from './preferences/notification-preference.entity';
import { DigestItems1765100700000 } from './migrations/1765100700000-digest-items';
import { DigestItem } from './digests/digest-item.entity';
import { CityDigests1765100800000 } from './migrations/1765100800000-city-digests';
import { CityDigestRecord } from './digests/city-digest.entity';
import { IdeaCopies1765100900000 } from './migrations/1765100900000-idea-copies';
import { IdeaCopy } from './ideas/idea-copy.entity';
import { IdeaUpdates1765101300000 } from './migrations/1765101300000-idea-updates';
import { IdeaUpdate } from './ideas/idea-update.entity';
import { OrganisationStatus1765101000000 } from './migrations/1765101000000-organisation-status';
import { EmailClaims1765101200000 } from './migrations/1765101200000-email-claims';
import { EmailGenerations1765101100000 } from './migrations/1765101100000-email-generations';
import { OrganisationStatusCopy } from './organisations/organisation-status.entity';
import { EmailAttempt } from './mail/email-attempt.entity';
import { EmailMessage } from './mail/email-message.entity';
import { Notification } from './notifications/notification.entity';
import { Recipient } from './recipients/recipient.entity';

/** What notifications keeps in its schema: its entities and its migrations, in order (used by the module and by the migration tools). */
export const NOTIFICATIONS_PERSISTENCE: PersistenceOptions = {
  entities: [Recipient, Notification, EmailMessage, EmailAttempt, MentorProfile, NotificationPreference, DigestItem, CityDigestRecord, IdeaCopy, IdeaUpdate, OrganisationStatusCopy, ...ROLE_COPY_PERSISTENCE.entities],
  migrations: [...MESSAGING_MIGRATIONS, InAppNotifications1764230600000, RecipientRolesVersion1764700300000, ...ROLE_COPY_PERSISTENCE.migrations, EmailMessages1765100400000, MentorProfiles1765100500000, NotificationPreferences1765100600000, DigestItems1765100700000, CityDigests1765100800000, IdeaCopies1765100900000, OrganisationStatus1765101000000, EmailGenerations1765101100000, EmailClaims1765101200000, IdeaUpdates1765101300000],
};
