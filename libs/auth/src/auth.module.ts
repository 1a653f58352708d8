import { DynamicModule, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import { AccessTokenGuard } from './access-token.guard';
import { AccessTokenService } from './access-token.service';
import { RolesGuard } from './roles.guard';

/**
 * Access tokens for an HTTP app (the gateway): the token service, and the two guards installed
 * globally, in order: a valid token unless `@Public()`, then `@Roles(...)`. Needs ConfigModule.
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
        { provide: APP_GUARD, useClass: AccessTokenGuard },
        { provide: APP_GUARD, useClass: RolesGuard },
      ],
      exports: [AccessTokenService],
    };
  }
}
