import { RoleSourceChangeNotices1764800100000 } from '@cirkel/auth';
import { PersistenceOptions } from '@cirkel/persistence';
import { MESSAGING_MIGRATIONS } from '@cirkel/messaging';
import { CharterSignature } from './charters/charter-signature.entity';
import { Charter } from './charters/charter.entity';
import { Hub } from './hubs/hub.entity';
import { PartnersSchema1764230900000 } from './migrations/1764230900000-partners-schema';
import { RejectionsAndRevocations1764900000000 } from './migrations/1764900000000-rejections-and-revocations';
import { EmailDelivery1764900100000 } from './migrations/1764900100000-email-delivery';
import { EmailDeliveryLanguage1765100300000 } from './migrations/1765100300000-email-delivery-language';
import { RegistrationRequests1764900200000 } from './migrations/1764900200000-registration-requests';
import { PasswordResets1765000100000 } from './migrations/1765000100000-password-resets';
import { PersonDeactivation1765000200000 } from './migrations/1765000200000-person-deactivation';
import { ProposedOrganisationChanges1765300100000 } from './migrations/1765300100000-proposed-organisation-changes';
import { PersonCredentialsChanged1765400200000 } from './migrations/1765400200000-person-credentials-changed';
import { PasswordReset } from './people/password-reset.entity';
import { LoginUnlock } from './people/login-unlock.entity';
import { LoginUnlocks1765400300000 } from './migrations/1765400300000-login-unlocks';
import { RegistrationRequest } from './organisations/registration-request.entity';
import { EmailDelivery } from './mail/email-delivery.entity';
import { Organisation } from './organisations/organisation.entity';
import { HubRoleGrant } from './people/hub-role-grant.entity';
import { Invitation } from './invitations/invitation.entity';
import { Membership } from './people/membership.entity';
import { Person } from './people/person.entity';

/** What partners keeps in its schema: its entities and its migrations, in order (used by the module and by the migration tools). */
export const PARTNERS_PERSISTENCE: PersistenceOptions = {
  entities: [Hub, Organisation, Person, Membership, HubRoleGrant, Invitation, Charter, CharterSignature, EmailDelivery, RegistrationRequest, PasswordReset, LoginUnlock],
  migrations: [...MESSAGING_MIGRATIONS, PartnersSchema1764230900000, RejectionsAndRevocations1764900000000, EmailDelivery1764900100000, RegistrationRequests1764900200000, RoleSourceChangeNotices1764800100000, PasswordResets1765000100000, PersonDeactivation1765000200000, EmailDeliveryLanguage1765100300000, ProposedOrganisationChanges1765300100000, PersonCredentialsChanged1765400200000, LoginUnlocks1765400300000],
};
