import { DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { AuthModule } from '@cirkel/auth';
import { ConfigModule, GatewayConfig } from '@cirkel/config';
import { MessagingModule, RequestClientModule } from '@cirkel/messaging';
import { HealthModule, RedisModule } from '@cirkel/runtime';
import { PersistenceModule } from '@cirkel/persistence';
import { GATEWAY_PERSISTENCE } from './gateway.persistence';
import { DeadLettersController } from './admin/dead-letters.controller';
import { AuthController } from './auth/auth.controller';
import { AuthService } from './auth/auth.service';
import { PasswordsController } from './auth/passwords.controller';
import { LoginUnlocksController } from './auth/login-unlocks.controller';
import { DeviceCookies } from './auth/device-cookies';
import { LoginRateLimiter } from './auth/login-rate-limiter';
import { RequestLimiter } from './auth/request-limits';
import { CharterSignaturesController } from './charters/charter-signatures.controller';
import { ChartersController } from './charters/charters.controller';
import { HubDirectory } from './charters/hub-directory.service';
import { IdempotencyInterceptor } from './http/idempotency.interceptor';
import { IdempotencyStore } from './http/idempotency.store';
import { ProblemFilter } from './http/problem.filter';
import { IdeasController } from './ideas/ideas.controller';
import { MentorsController } from './mentors/mentors.controller';
import { ParticipantsController } from './participants/participants.controller';
import { StatisticsController } from './statistics/statistics.controller';
import { TargetsController } from './statistics/targets.controller';
import { MentorSuggestionsController } from './coaching/mentor-suggestions.controller';
import { SessionsController } from './coaching/sessions.controller';
import { CalendarController } from './coaching/calendar.controller';
import { ProgrammesController } from './coaching/programmes.controller';
import { InvitationsController } from './invitations/invitations.controller';
import { MeController } from './me/me.controller';
import { NotificationsController } from './notifications/notifications.controller';
import { NotificationPreferencesController } from './notifications/notification-preferences.controller';
import { CityDigestsController } from './notifications/city-digests.controller';
import { OrganisationsController } from './organisations/organisations.controller';
import { PeopleController } from './people/people.controller';
import { RegistrationsController } from './registrations/registrations.controller';
import { RefreshTokenRepository } from './sessions/refresh-token.repository';
import { RefreshTokenService } from './sessions/refresh-token.service';
import { DeactivationsController } from './sessions/deactivations.controller';

/**
 * The gateway: the HTTP API. It owns the sessions (refresh tokens, in its schema), checks access
 * tokens, validates input, and turns each call into one request to the service that answers it.
 */
@Module({})
export class GatewayModule {
  static forRoot(config: GatewayConfig): DynamicModule {
    return {
      module: GatewayModule,
      imports: [
        ConfigModule.forRoot(config),
        PersistenceModule.forRoot(GATEWAY_PERSISTENCE),
        MessagingModule.forRoot({ publishes: [] }),
        RequestClientModule.forRoot(),
        RedisModule,
        HealthModule.forPublicPort(),
        AuthModule.forRoot(),
      ],
      controllers: [
        AuthController,
        PasswordsController,
        LoginUnlocksController,
        DeadLettersController,
        RegistrationsController,
        MeController,
        OrganisationsController,
        InvitationsController,
        PeopleController,
        DeactivationsController,
        ChartersController,
        CharterSignaturesController,
        NotificationsController,
        NotificationPreferencesController,
        CityDigestsController,
        IdeasController,
        MentorsController,
        ParticipantsController,
        StatisticsController,
        TargetsController,
        MentorSuggestionsController,
        SessionsController,
        CalendarController,
        ProgrammesController,
      ],
      providers: [
        { provide: APP_FILTER, useClass: ProblemFilter },
        AuthService,
        LoginRateLimiter,
        DeviceCookies,
        RequestLimiter,
        RefreshTokenRepository,
        RefreshTokenService,
        HubDirectory,
        IdempotencyStore,
        IdempotencyInterceptor,
      ],
    };
  }
}
