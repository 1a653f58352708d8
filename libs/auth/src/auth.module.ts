import { DynamicModule, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import { SERVICE_TOKEN_ISSUER } from '@cirkel/messaging';
import { AccessTokenGuard } from './access-token.guard';
import { AccessTokenService } from './access-token.service';
import { RolesGuard } from './roles.guard';

/**
 * Access tokens for an HTTP app (the gateway): the token service (also the issuer of the service
 * tokens its `RequestClient` sends), and the two guards installed globally, in order: a valid
 * token unless `@Public()`, then `@Roles(...)`. Needs ConfigModule.
 */
@Module({})
export class AuthModule {
  static forRoot(): DynamicModule {
    return {
      module: AuthModule,
      global: true,
      imports: [JwtModule.register({})],
      providers: [
        AccessTokenService,
        { provide: SERVICE_TOKEN_ISSUER, useExisting: AccessTokenService },
        { provide: APP_GUARD, useClass: AccessTokenGuard },
        { provide: APP_GUARD, useClass: RolesGuard },
      ],
      exports: [AccessTokenService, SERVICE_TOKEN_ISSUER],
    };
  }
}
