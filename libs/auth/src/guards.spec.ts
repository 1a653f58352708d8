import { Controller, ExecutionContext, Get } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { JwtService } from '@nestjs/jwt';
import { loadConfig } from '@cirkel/config';
import { Caller } from '@cirkel/contracts';
import { AccessTokenGuard } from './access-token.guard';
import { AccessTokenService } from './access-token.service';
import { AuthProblem } from './auth.problems';
import { getCaller } from './authenticated-request';
import { Public } from './public.decorator';
import { Roles } from './roles.decorator';
import { RolesGuard } from './roles.guard';

@Controller()
class ExampleController {
  @Get() private() {
    return 'private';
  }
  @Public() @Get() open() {
    return 'open';
  }
  @Roles('hub_admin', 'city_staff') @Get() admin() {
    return 'admin';
  }
}

const config = loadConfig('gateway', { NODE_ENV: 'test' });
const tokens = new AccessTokenService(new JwtService(), config);
const reflector = new Reflector();
const caller: Caller = { personId: '0195f0a2-7c4e-7d1a-9b3e-2f4c5d6e7f80', hubId: '0195f0a2-7c4e-7d1a-9b3e-2f4c5d6e7f81', hubRoles: ['mentor'], memberships: [] };

function contextOf(handler: keyof ExampleController, request: object): ExecutionContext {
  return {
    getType: () => 'http',
    getHandler: () => ExampleController.prototype[handler],
    getClass: () => ExampleController,
    switchToHttp: () => ({ getRequest: () => request }),
  } as unknown as ExecutionContext;
}

async function problemOf(work: () => unknown): Promise<string> {
  try {
    await work();
  } catch (error) {
    return (error as { type: string }).type;
  }
  throw new Error('let through');
}

describe('AccessTokenGuard', () => {
  const guard = new AccessTokenGuard(reflector, tokens);

  it('lets a valid bearer token through and sets the caller', async () => {
    const request = { headers: { authorization: `Bearer ${(await tokens.sign(caller)).token}` } };
    await expect(guard.canActivate(contextOf('private', request))).resolves.toBe(true);
    expect(getCaller(request)).toEqual(caller);
  });

  it('refuses a missing token, and another scheme', async () => {
    expect(await problemOf(() => guard.canActivate(contextOf('private', { headers: {} })))).toBe(AuthProblem.AccessTokenMissing);
    expect(await problemOf(() => guard.canActivate(contextOf('private', { headers: { authorization: 'Basic YTpi' } })))).toBe(AuthProblem.AccessTokenMissing);
  });

  it('lets anyone onto a public route; a valid token still names the caller, an invalid one is ignored', async () => {
    const anonymous = { headers: { authorization: 'Bearer not-a-token' } };
    await expect(guard.canActivate(contextOf('open', anonymous))).resolves.toBe(true);
    expect(getCaller(anonymous)).toBeNull();
    const known = { headers: { authorization: `Bearer ${(await tokens.sign(caller)).token}` } };
    await guard.canActivate(contextOf('open', known));
    expect(getCaller(known)).toEqual(caller);
  });
});

describe('RolesGuard', () => {
  const guard = new RolesGuard(reflector);
  const withCaller = async (c: Caller) => {
    const request = { headers: { authorization: `Bearer ${(await tokens.sign(c)).token}` } };
    await new AccessTokenGuard(reflector, tokens).canActivate(contextOf('admin', request));
    return request;
  };

  it('lets a route without @Roles through', async () => {
    expect(guard.canActivate(contextOf('private', await withCaller(caller)))).toBe(true);
  });

  it('needs one of the roles named', async () => {
    expect(await problemOf(async () => guard.canActivate(contextOf('admin', await withCaller(caller))))).toBe('forbidden');
    expect(guard.canActivate(contextOf('admin', await withCaller({ ...caller, hubRoles: ['city_staff'] })))).toBe(true);
  });
});
