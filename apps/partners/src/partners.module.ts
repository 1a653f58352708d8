import { DynamicModule, Module } from '@nestjs/common';
import { CirkelConfig } from '@cirkel/config';
import { ServiceModule } from '@cirkel/runtime';
import { PARTNERS_PERSISTENCE } from './partners.persistence';
import { CharterRepository } from './charters/charter.repository';
import { CharterService } from './charters/charter.service';
import { ChartersController } from './charters/charters.controller';
import { HubRepository } from './hubs/hub.repository';
import { HubService } from './hubs/hub.service';
import { HubsController } from './hubs/hubs.controller';
import { OrganisationRepository } from './organisations/organisation.repository';
import { OrganisationService } from './organisations/organisation.service';
import { OrganisationViews } from './organisations/organisation-views';
import { OrganisationsController } from './organisations/organisations.controller';
import { RegistrationService } from './organisations/registration.service';
import { AuthenticationController } from './people/authentication.controller';
import { AuthenticationService } from './people/authentication.service';
import { HubRoleRepository } from './people/hub-role.repository';
import { HubRolesService } from './people/hub-roles.service';
import { MembershipRepository } from './people/membership.repository';
import { PasswordHasher } from './people/password-hasher';
import { PeopleController } from './people/people.controller';
import { PasswordsController } from './people/passwords.controller';
import { DeactivationService } from './people/deactivation.service';
import { PasswordService } from './people/password.service';
import { PasswordResetRepository } from './people/password-reset.repository';
import { LoginUnlockRepository } from './people/login-unlock.repository';
import { LoginUnlockService } from './people/login-unlock.service';
import { OneTimeLinkMailer } from './mail/one-time-link.mailer';
import { PeopleService } from './people/people.service';
import { PersonRepository } from './people/person.repository';
import { PersonViews } from './people/person-views';
import { InvitationRepository } from './invitations/invitation.repository';
import { InvitationService } from './invitations/invitation.service';
import { EmailDeliveries } from './mail/email-deliveries';
import { EmailDeliveriesController } from './mail/email-deliveries.controller';
import { PersonNamesController } from './people/person-names.controller';
import { RegistrationRequestRepository } from './organisations/registration-request.repository';
import { InvitationsController } from './invitations/invitations.controller';
import { MeController } from './me/me.controller';
import { MeService } from './me/me.service';
import { PartnersRoleDirectory } from './access/partners-role-directory';

/** Partners: hubs, organisations, people and their roles, charters. Publishes `partners.*`. */
@Module({})
export class PartnersModule {
  static forRoot(config: CirkelConfig): DynamicModule {
    return {
      module: PartnersModule,
      imports: [
        // Partners is the source of roles: its guards read its own tables.
        ServiceModule.forRoot({ config, persistence: PARTNERS_PERSISTENCE, roles: (dataSource) => new PartnersRoleDirectory(new PersonRepository(dataSource)) }),
      ],
      controllers: [HubsController, OrganisationsController, AuthenticationController, PeopleController, PasswordsController, InvitationsController, ChartersController, MeController, EmailDeliveriesController, PersonNamesController],
      providers: [
        MeService,
        // hubs
        HubRepository,
        HubService,
        // people: accounts, roles, authentication, invitations
        PersonRepository,
        HubRoleRepository,
        MembershipRepository,
        InvitationRepository,
        PasswordHasher,
        PersonViews,
        AuthenticationService,
        PeopleService,
        PasswordService,
        DeactivationService,
        PasswordResetRepository,
        LoginUnlockRepository,
        LoginUnlockService,
        OneTimeLinkMailer,
        HubRolesService,
        InvitationService,
        EmailDeliveries,
        RegistrationRequestRepository,
        // organisations
        OrganisationRepository,
        OrganisationViews,
        RegistrationService,
        OrganisationService,
        // charters
        CharterRepository,
        CharterService,
      ],
    };
  }
}
