import Redis from 'ioredis';
import { AcceptInvitation, ConfirmLoginUnlock, ConfirmRegistration, RegisterOrganisation, RequestLoginUnlock, RequestPasswordReset, ResetPassword } from '@cirkel/contracts';
import { REDIS } from '@cirkel/runtime';
import { aPersonView, aRegistrationReceivedView, aRegistrationView, FakeService } from '@cirkel/testing';
import { LimitedRequest, REQUEST_LIMITS, RequestLimit, RequestLimiter } from '../src/auth/request-limits';
import { TooManyRequests } from '../src/http/too-many-requests.error';
import { anAddress } from './support/factories';
import { GatewayHarness, startGateway } from './support/gateway-harness';
import { expectProblem } from './support/problems';

const registration = { hub: 'genk', organisation: { name: 'Kringwinkel Z', type: 'social' }, person: { name: 'Zoë', email: 'zoe@kringwinkel.test', password: 'correct horse battery' } };

/** The anonymous requests that cost the system a hash, an e-mail or a write are limited per address and for everyone. */
describe('gateway: limits on anonymous requests', () => {
  let gw: GatewayHarness;
  let partners: FakeService;

  beforeAll(async () => {
    gw = await startGateway();
    partners = new FakeService()
      .on(RegisterOrganisation, () => aRegistrationReceivedView())
      .on(ConfirmRegistration, () => aRegistrationView())
      .on(AcceptInvitation, () => aPersonView())
      .on(RequestPasswordReset, () => ({ status: 'reset-link-sent' }))
      .on(ResetPassword, () => ({ personId: '0190a4c6-0000-7000-8000-0000000000aa' }))
      .on(RequestLoginUnlock, () => ({ status: 'unlock-link-sent' }))
      .on(ConfirmLoginUnlock, () => ({ personId: '0190a4c6-0000-7000-8000-0000000000aa', email: 'someone@example.test' }));
    await partners.start(gw.config, [RegisterOrganisation, ConfirmRegistration, AcceptInvitation, RequestPasswordReset, ResetPassword, RequestLoginUnlock, ConfirmLoginUnlock]);
  });

  afterAll(async () => {
    await partners?.stop();
    await gw?.close();
  });

  const asked = () => [RegisterOrganisation, ConfirmRegistration, AcceptInvitation, RequestPasswordReset, ResetPassword, RequestLoginUnlock, ConfirmLoginUnlock].reduce((n, contract) => n + partners.envelopesOf(contract).length, 0);
  const routes: { limit: LimitedRequest; url: string; payload: object; status: number; asks: boolean }[] = [
    { limit: 'registration', url: '/api/v1/registrations', payload: registration, status: 202, asks: true },
    { limit: 'registration-confirmation', url: '/api/v1/registrations/confirmation', payload: { token: 'c'.repeat(43) }, status: 201, asks: true },
    { limit: 'invitation-acceptance', url: `/api/v1/invitations/${'t'.repeat(32)}/acceptance`, payload: { name: 'Jef Peeters', password: 'correct horse battery', language: 'nl' }, status: 201, asks: true },
    { limit: 'password-reset', url: '/api/v1/password-resets', payload: { email: 'someone@example.test' }, status: 202, asks: true },
    { limit: 'password-reset', url: '/api/v1/password-resets/confirmation', payload: { token: 'r'.repeat(43), password: 'a brand new passphrase' }, status: 200, asks: true },
    { limit: 'login-unlock', url: '/api/v1/auth/login-unlocks', payload: { email: 'someone@example.test' }, status: 202, asks: true },
    { limit: 'login-unlock', url: '/api/v1/auth/login-unlocks/confirmation', payload: { token: 'u'.repeat(43) }, status: 200, asks: true },
    { limit: 'refresh', url: '/api/v1/auth/refresh', payload: { refreshToken: 'this-token-was-never-issued-by-us' }, status: 401, asks: false },
    { limit: 'refresh', url: '/api/v1/auth/logout', payload: { refreshToken: 'this-token-was-never-issued-by-us' }, status: 200, asks: false },
  ];

  it.each(routes)('$url: refused per address past its limit with 429 and Retry-After, other addresses still served', async ({ limit, url, payload, status, asks }) => {
    const address = anAddress();
    const send = (from: string, body: object = payload) => gw.app.inject({ method: 'POST', url, payload: body, remoteAddress: from });
    // A malformed request costs nothing and does not count.
    for (let i = 0; i < 3; i += 1) expect((await send(address, { nonsense: true })).statusCode).toBe(400);
    const before = asked();
    for (let i = 0; i < REQUEST_LIMITS[limit].perAddress.points; i += 1) expect((await send(address)).statusCode).toBe(status);
    const refused = await send(address);
    expectProblem(refused, 429, 'too-many-requests');
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    expect(Number(refused.headers['retry-after'])).toBeLessThanOrEqual(REQUEST_LIMITS[limit].perAddress.seconds);
    expect(asked() - before).toBe(asks ? REQUEST_LIMITS[limit].perAddress.points : 0);
    expect((await send(anAddress())).statusCode).toBe(status);
  });

  it('refuses a request over HTTP from a fresh address once everyone together is past the global limit, without asking partners', async () => {
    // Everyone else's requests of the kind: as many as the global limit leaves, each from its own address.
    const others = new RequestLimiter(gw.app.get<Redis>(REDIS), gw.config);
    for (let i = 0; i <= REQUEST_LIMITS['password-reset'].global.points; i += 1) {
      const refused = await others.count('password-reset', anAddress()).then(() => false, (error: unknown) => error instanceof TooManyRequests);
      if (refused) break;
    }
    const before = asked();
    for (const url of ['/api/v1/password-resets', '/api/v1/password-resets/confirmation']) {
      const payload = url.endsWith('confirmation') ? { token: 'r'.repeat(43), password: 'a brand new passphrase' } : { email: 'someone@example.test' };
      const response = await gw.app.inject({ method: 'POST', url, payload, remoteAddress: anAddress() });
      expectProblem(response, 429, 'too-many-requests');
      expect(Number(response.headers['retry-after'])).toBeLessThanOrEqual(REQUEST_LIMITS['password-reset'].global.seconds);
    }
    expect(asked()).toBe(before);
    // another kind of request is not held back
    expect((await gw.app.inject({ method: 'POST', url: '/api/v1/registrations', payload: registration, remoteAddress: anAddress() })).statusCode).toBe(202);
  });

  it('refuses everyone past the global limit, and counts an IPv6 client by its /64', async () => {
    const small: RequestLimit = { perAddress: { points: 2, seconds: 60 }, global: { points: 5, seconds: 60 } };
    const limits = Object.fromEntries(Object.keys(REQUEST_LIMITS).map((name) => [name, small])) as Record<LimitedRequest, RequestLimit>;
    const limiter = new RequestLimiter(gw.app.get<Redis>(REDIS), { ...gw.config, redis: { ...gw.config.redis, keyPrefix: `${gw.config.redis.keyPrefix}small:` } }, limits);
    await limiter.count('registration', '2001:db8:9:1::1');
    await limiter.count('registration', '2001:db8:9:1::2');
    await expect(limiter.count('registration', '2001:db8:9:1:ffff::3')).rejects.toBeInstanceOf(TooManyRequests);
    // The refused one did not count for everyone: three more are let through.
    await limiter.count('registration', anAddress());
    await limiter.count('registration', anAddress());
    await limiter.count('registration', anAddress());
    await expect(limiter.count('registration', anAddress())).rejects.toMatchObject({ status: 429, retryAfterSeconds: expect.any(Number) });
    // Each kind of request has its own counts.
    await expect(limiter.count('password-reset', anAddress())).resolves.toBeUndefined();
  });
});
