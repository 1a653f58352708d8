import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AccessTokenService } from './access-token.service';
import { AccessTokenMissing } from './auth.problems';
import { bearerToken, setCaller } from './authenticated-request';
import { IS_PUBLIC } from './public.decorator';

interface HttpRequest {
  headers: Record<string, string | string[] | undefined>;
}

/**
 * Global guard: every HTTP route needs a valid access token unless it is `@Public()`. Sets the
 * caller on the request for `@CurrentCaller()`. Other transports (NATS, JetStream) pass: the
 * caller travels in the request envelope there.
 */
@Injectable()
export class AccessTokenGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly tokens: AccessTokenService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const request = context.switchToHttp().getRequest<HttpRequest>();
    const isPublic = this.reflector.getAllAndOverride<boolean | undefined>(IS_PUBLIC, [context.getHandler(), context.getClass()]) === true;
    const token = bearerToken(request.headers);
    if (isPublic) {
      setCaller(request, token ? await this.tokens.verify(token).catch(() => null) : null);
      return true;
    }
    if (!token) throw new AccessTokenMissing();
    setCaller(request, await this.tokens.verify(token));
    return true;
  }
}
