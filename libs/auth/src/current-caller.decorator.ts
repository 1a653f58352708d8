import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import { AccessTokenMissing } from './auth.problems';
import { getCaller } from './authenticated-request';

/**
 * The verified caller of the request. On a `@Public()` route use `@CurrentCaller({ optional: true })`,
 * which gives null for an anonymous caller; otherwise a missing caller is a 401.
 */
export const CurrentCaller = createParamDecorator((options: { optional?: boolean } | undefined, context: ExecutionContext) => {
  const caller = getCaller(context.switchToHttp().getRequest<object>());
  if (!caller && !options?.optional) throw new AccessTokenMissing();
  return caller;
});
