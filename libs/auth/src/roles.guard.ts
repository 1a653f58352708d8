import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { Forbidden, HubRole } from '@cirkel/contracts';
import { AccessTokenMissing } from './auth.problems';
import { getCaller } from './authenticated-request';
import { REQUIRED_HUB_ROLES } from './roles.decorator';

/** Global guard after AccessTokenGuard: a route with `@Roles(...)` needs one of those hub roles. */
@Injectable()
export class RolesGuard implements CanActivate {
  constructor(private readonly reflector: Reflector) {}

  canActivate(context: ExecutionContext): boolean {
    if (context.getType() !== 'http') return true;
    const required = this.reflector.getAllAndOverride<HubRole[] | undefined>(REQUIRED_HUB_ROLES, [context.getHandler(), context.getClass()]);
    if (!required || required.length === 0) return true;
    const caller = getCaller(context.switchToHttp().getRequest<object>());
    if (!caller) throw new AccessTokenMissing();
    if (!caller.hubRoles.some((role) => required.includes(role))) {
      throw new Forbidden(`Only a ${required.join(' or ')} may do this.`);
    }
    return true;
  }
}
