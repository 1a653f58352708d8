import { AccessTokenService } from '@cirkel/auth';
import { Authenticate, ChangePassword, DomainError, GetIdentityV2, GetMe, IdentityView, ResetPassword, TokenPairView } from '@cirkel/contracts';
import Redis from 'ioredis';
import { REDIS as REDIS_TOKEN } from '@cirkel/runtime';
import { aCaller, aHub, anEmail, anIdentity, aPersonView, FakeService } from '@cirkel/testing';
import { AuthController } from '../src/auth/auth.controller';
import { AuthService } from '../src/auth/auth.service';
import { DeviceCookies } from '../src/auth/device-cookies';
import { LoginRateLimiter } from '../src/auth/login-rate-limiter';
import { TooManyRequests } from '../src/http/too-many-requests.error';
import { anAddress } from './support/factories';
import { GatewayHarness, startGateway } from './support/gateway-harness';
import { expectProblem } from './support/problems';

const PASSWORD = 'correct horse battery';
const invalidCredentials = () => new DomainError('invalid-credentials', 401, 'Invalid credentials', 'E-mail or password is wrong.');

/** Login, tokens, refresh rotation and the login rate limit, with a fake partners answering over NATS. */
describe('gateway: login and refresh', () => {
  let gw: GatewayHarness;
  let partners: FakeService;
  const identities = new Map<string, IdentityView>();

  beforeAll(async () => {
    gw = await startGateway({
      NATS_REQUEST_TIMEOUT_MS: '500',
      LOGIN_MAX_ATTEMPTS_PER_ACCOUNT: '3',
      LOGIN_MAX_ATTEMPTS_PER_ADDRESS: '6',
      LOGIN_WINDOW_SECONDS: '600',
      LOGIN_WORK_PER_ADDRESS_PER_MINUTE: '20',
      // behind one proxy, whose X-Forwarded-Proto says whether the client came over TLS (the device cookie's Secure)
      TRUST_PROXY_HOPS: '1',
    });
    partners = new FakeService()
      .on(Authenticate, ({ data }) => {
        const { email, password } = data as { email: string; password: string };
        const identity = identities.get(email.toLowerCase());
        if (!identity || password !== PASSWORD) throw invalidCredentials();
        return identity;
      })
      .on(GetIdentityV2, ({ data }) => ({ ...[...identities.values()].find((i) => i.caller.personId === (data as { personId: string }).personId)!, credentialsChangedAt: null }))
      .on(GetMe, ({ caller }) => ({ person: aPersonView({ id: caller!.personId, hubId: caller!.hubId }), hub: aHub({ id: caller!.hubId }), organisations: [] }))
      // the fakes set no password: what matters here is that the gateway ends what it holds
      .on(ChangePassword, ({ caller }) => [...identities.values()].find((i) => i.caller.personId === caller!.personId))
      .on(ResetPassword, ({ data }) => ({ personId: (data as { token: string }).token.slice(0, 36) }));
    await partners.start(gw.config, [Authenticate, GetIdentityV2, GetMe, ChangePassword, ResetPassword]);
  });

  afterAll(async () => {
    await partners?.stop();
    await gw?.close();
  });

  function account(): { email: string; identity: IdentityView } {
    const email = anEmail();
    const identity = anIdentity(aCaller({ hubRoles: ['mentor'] }));
    identities.set(email, identity);
    return { email, identity };
  }

  function login(email: string, password = PASSWORD, address = anAddress(), headers: Record<string, string> = {}, cookies: Record<string, string> = {}) {
    return gw.app.inject({ method: 'POST', url: '/api/v1/auth/login', remoteAddress: address, headers, cookies, payload: { email, password } });
  }

  /** The device cookie a successful login set, as the browser would send it back. */
  function deviceCookieOf(response: { cookies: { name: string; value: string }[] }): Record<string, string> {
    const cookies = response.cookies.filter((c) => c.name.startsWith('cirkel_device_'));
    expect(cookies).toHaveLength(1);
    return { [cookies[0].name]: cookies[0].value };
  }

  /** Locks the account for logins without its device cookie: as many wrong passwords as the limit, each from another address. */
  async function attack(email: string): Promise<void> {
    for (let attempt = 1; attempt <= 3; attempt += 1) expectProblem(await login(email, 'wrong password'), 401, 'invalid-credentials');
    expectProblem(await login(email, PASSWORD), 429, 'login-account-locked');
  }

  function refresh(refreshToken: string) {
    return gw.app.inject({ method: 'POST', url: '/api/v1/auth/refresh', payload: { refreshToken } });
  }

  it('logs in: a Bearer pair whose access token names the caller partners vouched for', async () => {
    const { email, identity } = account();
    const response = await login(email.toUpperCase(), PASSWORD, anAddress(), { 'x-correlation-id': 'login-1', 'accept-language': 'en-GB,en;q=0.9' });
    expect(response.statusCode).toBe(200);
    const pair = response.json<TokenPairView>();
    expect(pair).toEqual({ accessToken: expect.any(String), refreshToken: expect.any(String), tokenType: 'Bearer', expiresIn: gw.config.auth.accessTokenTtlSeconds });
    await expect(gw.app.get(AccessTokenService).verify(pair.accessToken)).resolves.toEqual(identity.caller);
    expect(partners.envelopesOf(Authenticate).at(-1)).toEqual({
      version: Authenticate.version,
      token: null, // an anonymous request
      caller: null,
      hubId: null,
      correlationId: 'login-1',
      language: 'en',
      data: { email: email.toUpperCase(), password: PASSWORD },
    });
    // what crossed the bus: the password sealed to partners' key (a compact JWE), never in clear
    const sent = partners.sentOf(Authenticate).at(-1);
    expect(sent?.data).toEqual({ email: email.toUpperCase(), password: expect.stringMatching(/^[\w-]+\.\.[\w-]+\.[\w-]+\.[\w-]+$/) });
    expect(JSON.stringify(sent)).not.toContain(PASSWORD);
  });

  it("sends the token's caller, hub and correlation id in the envelope of a request", async () => {
    const { email, identity } = account();
    const { accessToken } = (await login(email)).json<TokenPairView>();
    const response = await gw.app.inject({ method: 'GET', url: '/api/v1/me', headers: { authorization: `Bearer ${accessToken}`, 'x-correlation-id': 'me-1' } });
    expect(response.statusCode).toBe(200);
    expect(response.headers['x-correlation-id']).toBe('me-1');
    expect(response.json()).toMatchObject({ person: { id: identity.caller.personId } });
    expect(partners.envelopesOf(GetMe).at(-1)).toEqual({ version: GetMe.version, token: expect.any(String), caller: identity.caller, hubId: identity.caller.hubId, correlationId: 'me-1', data: {} });
  });

  it('passes the service\'s own problem on: wrong password is partners\' 401', async () => {
    const { email } = account();
    expectProblem(await login(email, 'not the password'), 401, 'invalid-credentials');
  });

  describe('refresh', () => {
    it('rotates: a new pair, with the identity read again; the old refresh token is then used up', async () => {
      const { email, identity } = account();
      const first = (await login(email)).json<TokenPairView>();
      identity.caller.hubRoles = ['mentor', 'job_coach'];
      const response = await refresh(first.refreshToken);
      expect(response.statusCode).toBe(200);
      const second = response.json<TokenPairView>();
      expect(second.refreshToken).not.toBe(first.refreshToken);
      await expect(gw.app.get(AccessTokenService).verify(second.accessToken)).resolves.toMatchObject({ hubRoles: ['mentor', 'job_coach'] });
      // the gateway asks on its own account: a service token, no person
      expect(partners.envelopesOf(GetIdentityV2).at(-1)).toMatchObject({ token: expect.any(String), caller: null, hubId: identity.caller.hubId, data: { personId: identity.caller.personId } });
      expect((await refresh(second.refreshToken)).statusCode).toBe(200);
    });

    it('answers a reused refresh token with 401 refresh-token-reused and revokes the whole family', async () => {
      const { email } = account();
      const first = (await login(email)).json<TokenPairView>();
      const second = (await refresh(first.refreshToken)).json<TokenPairView>();
      expectProblem(await refresh(first.refreshToken), 401, 'refresh-token-reused');
      expectProblem(await refresh(second.refreshToken), 401, 'refresh-token-invalid');
    });

    it('refuses an unknown refresh token', async () => {
      expectProblem(await refresh('this-token-was-never-issued-by-us'), 401, 'refresh-token-invalid');
    });

    it('keeps the refresh token usable when partners does not answer', async () => {
      const { email, identity } = account();
      const { refreshToken } = (await login(email)).json<TokenPairView>();
      partners.on(GetIdentityV2, () => new Promise((resolve) => setTimeout(() => resolve({ ...identity, credentialsChangedAt: null }), 1500)));
      expectProblem(await refresh(refreshToken), 503, 'service-unavailable');
      partners.on(GetIdentityV2, () => ({ ...identity, credentialsChangedAt: null }));
      expect((await refresh(refreshToken)).statusCode).toBe(200);
    });
  });

  describe('logout', () => {
    const logout = (refreshToken: string) => gw.app.inject({ method: 'POST', url: '/api/v1/auth/logout', payload: { refreshToken } });

    it('ends the login of a refresh token: it and its family refresh no more, another login of the person does', async () => {
      const { email } = account();
      const laptop = (await login(email)).json<TokenPairView>();
      const phone = (await login(email)).json<TokenPairView>();
      const rotated = (await refresh(laptop.refreshToken)).json<TokenPairView>();
      const response = await logout(rotated.refreshToken);
      expect(response.statusCode).toBe(200);
      expect(response.json()).toEqual({ ended: 1 });
      expectProblem(await refresh(rotated.refreshToken), 401, 'refresh-token-invalid');
      expect((await refresh(phone.refreshToken)).statusCode).toBe(200);
      expect((await logout(rotated.refreshToken)).json()).toEqual({ ended: 0 });
      expect((await logout('this-token-was-never-issued-by-us')).json()).toEqual({ ended: 0 });
    });

    it('ends every login of the caller with DELETE /me/sessions, and needs an access token for it', async () => {
      const { email } = account();
      const laptop = (await login(email)).json<TokenPairView>();
      const phone = (await login(email)).json<TokenPairView>();
      const other = (await login(account().email)).json<TokenPairView>();
      expectProblem(await gw.app.inject({ method: 'DELETE', url: '/api/v1/me/sessions' }), 401, 'unauthenticated');
      const response = await gw.app.inject({ method: 'DELETE', url: '/api/v1/me/sessions', headers: { authorization: `Bearer ${phone.accessToken}` } });
      expect(response.statusCode).toBe(200);
      expect(response.json()).toEqual({ ended: 2 });
      expectProblem(await refresh(laptop.refreshToken), 401, 'refresh-token-invalid');
      expectProblem(await refresh(phone.refreshToken), 401, 'refresh-token-invalid');
      expect((await refresh(other.refreshToken)).statusCode).toBe(200);
    });
  });

  describe('rate limit', () => {
    it('refuses the 4th attempt on one account within the window with 429 and Retry-After, without asking partners', async () => {
      const { email } = account();
      for (let attempt = 1; attempt <= 3; attempt += 1) expectProblem(await login(email, 'wrong password'), 401, 'invalid-credentials');
      const asked = partners.envelopesOf(Authenticate).length;
      // The account is counted whatever the address and however the e-mail is written.
      const response = await login(email.toUpperCase(), PASSWORD);
      // the account's own lock: the answer says so, and offers the e-mailed unlock link (login-unlocks.spec)
      expectProblem(response, 429, 'login-account-locked');
      const retryAfter = Number(response.headers['retry-after']);
      expect(retryAfter).toBeGreaterThan(0);
      expect(retryAfter).toBeLessThanOrEqual(600);
      expect(partners.envelopesOf(Authenticate)).toHaveLength(asked);
    });

    it('refuses the 7th attempt from one address, whatever the accounts, and not other addresses', async () => {
      const address = anAddress();
      for (let attempt = 1; attempt <= 6; attempt += 1) expectProblem(await login(anEmail(), PASSWORD, address), 401, 'invalid-credentials');
      expectProblem(await login(account().email, PASSWORD, address), 429, 'too-many-requests');
      expect((await login(account().email, PASSWORD, anAddress())).statusCode).toBe(200);
    });

    it('counts failures, not successes, per address: an office behind one address all logs in', async () => {
      const office = anAddress();
      for (let colleague = 1; colleague <= 8; colleague += 1) expect((await login(account().email, PASSWORD, office)).statusCode).toBe(200);
      for (let attempt = 1; attempt <= 6; attempt += 1) expectProblem(await login(anEmail(), PASSWORD, office), 401, 'invalid-credentials');
      expectProblem(await login(account().email, PASSWORD, office), 429, 'too-many-requests');
    });

    it('counts an IPv6 client by its /64', async () => {
      for (let host = 1; host <= 6; host += 1) expectProblem(await login(anEmail(), PASSWORD, `2001:db8:7:1::${host}`), 401, 'invalid-credentials');
      expectProblem(await login(account().email, PASSWORD, '2001:db8:7:1:ffff::1'), 429, 'too-many-requests');
      expect((await login(account().email, PASSWORD, '2001:db8:7:2::1')).statusCode).toBe(200);
    });

    it("keeps the owner's known address open while the account is under attack from elsewhere", async () => {
      const { email } = account();
      const home = anAddress();
      expect((await login(email, PASSWORD, home)).statusCode).toBe(200);
      for (let attempt = 1; attempt <= 3; attempt += 1) expectProblem(await login(email, 'wrong password'), 401, 'invalid-credentials');
      // The account is locked for every address it has not been logged into from, even with the right password...
      expectProblem(await login(email, PASSWORD), 429, 'login-account-locked');
      // ...but its owner at home logs in, again and again, and that gives the attackers no new guesses.
      expect((await login(email, PASSWORD, home)).statusCode).toBe(200);
      expect((await login(email, PASSWORD, home)).statusCode).toBe(200);
      expectProblem(await login(email, PASSWORD), 429, 'login-account-locked');
    });

    it("locks the known addresses of an account after as many failures from them, apart from the unknown addresses' count", async () => {
      const { email } = account();
      const home = anAddress();
      for (let attempt = 1; attempt <= 2; attempt += 1) expectProblem(await login(email, 'wrong password', home), 401, 'invalid-credentials');
      expect((await login(email, PASSWORD, home)).statusCode).toBe(200);
      for (let attempt = 1; attempt <= 3; attempt += 1) expectProblem(await login(email, 'wrong password', home), 401, 'invalid-credentials');
      expectProblem(await login(email, PASSWORD, home), 429, 'login-account-locked');
      // The failures at home were not the unknown addresses' count: from elsewhere it has one guess left of three.
      expect((await login(email, PASSWORD)).statusCode).toBe(200);
    });

    it('gives all the known addresses of an account one count together, and counts their failures by address too', async () => {
      const { email } = account();
      const known = [anAddress(), anAddress(), anAddress()];
      for (const address of known) expect((await login(email, PASSWORD, address)).statusCode).toBe(200);
      // one failure from each known address: the three the account's known addresses have together
      for (const address of known) expectProblem(await login(email, 'wrong password', address), 401, 'invalid-credentials');
      for (const address of known) expectProblem(await login(email, PASSWORD, address), 429, 'login-account-locked');
      // and by address: a known address with its failures on other accounts is refused for this one too
      const { email: other } = account();
      const office = anAddress();
      expect((await login(other, PASSWORD, office)).statusCode).toBe(200);
      for (let attempt = 1; attempt <= 6; attempt += 1) expectProblem(await login(anEmail(), 'wrong password', office), 401, 'invalid-credentials');
      expectProblem(await login(other, PASSWORD, office), 429, 'too-many-requests');
    });

    describe('device cookie', () => {
      it('is set by a successful login: HttpOnly, SameSite=Strict, for the login path only, 180 days; Secure over TLS only', async () => {
        const response = await login(account().email);
        expect(response.statusCode).toBe(200);
        const [cookie] = response.cookies;
        expect(cookie).toEqual({
          name: expect.stringMatching(/^cirkel_device_[\w-]{16}$/),
          value: expect.stringMatching(/^[\w-]+\.[\w-]{43}$/),
          httpOnly: true,
          sameSite: 'Strict',
          path: '/api/v1/auth/login',
          maxAge: 180 * 24 * 60 * 60,
        });
        expect(response.cookies).toHaveLength(1);
        expect((await login(anEmail(), 'wrong password')).cookies).toEqual([]);
        const overTls = await login(account().email, PASSWORD, anAddress(), { 'x-forwarded-proto': 'https' });
        expect(overTls.cookies).toEqual([expect.objectContaining({ secure: true, httpOnly: true, sameSite: 'Strict' })]);
      });

      it('is Secure, over plain HTTP too, in production or behind an https public URL (a TLS ingress whose X-Forwarded-Proto is not trusted)', async () => {
        const loggedIn = { pair: { accessToken: 'a', refreshToken: 'r', tokenType: 'Bearer' as const, expiresIn: 900 }, deviceCookie: { name: 'cirkel_device_x', value: 'v', maxAgeSeconds: 60 } };
        const secureWith = async (changes: { nodeEnv?: 'production' | 'development' | 'test'; publicUrl?: string }) => {
          const config = { ...gw.config, nodeEnv: changes.nodeEnv ?? gw.config.nodeEnv, http: { ...gw.config.http, publicUrl: changes.publicUrl ?? 'http://localhost:3000' } };
          const controller = new AuthController({ login: async () => loggedIn } as unknown as AuthService, null as never, null as never, new DeviceCookies(config, null as never));
          const setCookie = jest.fn();
          await controller.login({ email: anEmail(), password: PASSWORD }, anAddress(), { token: null, hubId: null, correlationId: 'c' }, { protocol: 'http', cookies: {} } as never, { setCookie } as never);
          return (setCookie.mock.calls[0][2] as { secure: boolean }).secure;
        };
        await expect(secureWith({ publicUrl: 'https://cirkel.example.be' })).resolves.toBe(true);
        await expect(secureWith({ nodeEnv: 'production' })).resolves.toBe(true);
        await expect(secureWith({ nodeEnv: 'development' })).resolves.toBe(false);
      });

      it("lets the owner's browser in at once, from an address never used, while the account is locked for everyone else", async () => {
        const { email, identity } = account();
        const browser = deviceCookieOf(await login(email, PASSWORD, anAddress()));
        await attack(email);
        // An address the owner never used, itself locked by the attackers (six failures on other accounts from it).
        const cafe = anAddress();
        for (let attempt = 1; attempt <= 6; attempt += 1) expectProblem(await login(anEmail(), 'wrong password', cafe), 401, 'invalid-credentials');
        expectProblem(await login(email, PASSWORD, cafe), 429, 'login-account-locked');
        const response = await login(email, PASSWORD, cafe, {}, browser);
        expect(response.statusCode).toBe(200);
        await expect(gw.app.get(AccessTokenService).verify(response.json<TokenPairView>().accessToken)).resolves.toEqual(identity.caller);
        // again, with the new cookie the login set; and the account stays locked for those without one
        expect((await login(email, PASSWORD, anAddress(), {}, deviceCookieOf(response))).statusCode).toBe(200);
        expectProblem(await login(email, PASSWORD), 429, 'login-account-locked');
      });

      it("gives no exemption to a forged, altered, expired or another account's cookie", async () => {
        const { email, identity } = account();
        const other = account();
        const own = deviceCookieOf(await login(email));
        const others = deviceCookieOf(await login(other.email));
        await attack(email);
        const [name, value] = Object.entries(own)[0];
        const [body, signature] = value.split('.');
        const payload = JSON.parse(Buffer.from(body, 'base64url').toString()) as Record<string, unknown>;
        const forged = (changes: Record<string, unknown>) => `${Buffer.from(JSON.stringify({ ...payload, ...changes })).toString('base64url')}.${signature}`;
        const devices = gw.app.get(DeviceCookies);
        const expired = await devices.issue(email, identity.caller.personId, new Date(Date.now() - 181 * 24 * 60 * 60 * 1000));
        const refused: Record<string, string>[] = [
          { [name]: forged({ t: Math.floor(Date.now() / 1000) + 1 }) }, // altered: a new issue time under the old signature
          { [name]: `${body}.${'A'.repeat(43)}` }, // forged signature
          { [name]: 'not-a-cookie' },
          { [expired.name]: expired.value }, // signed by the gateway, 181 days ago
          others, // another account's cookie, under its own name
          { [name]: Object.values(others)[0] }, // another account's cookie, under this account's name
        ];
        for (const cookies of refused) expectProblem(await login(email, PASSWORD, anAddress(), {}, cookies), 429, 'login-account-locked');
        // the real one still works
        expect((await login(email, PASSWORD, anAddress(), {}, own)).statusCode).toBe(200);
      });

      describe('ends with every login of the person', () => {
        const bearer = (pair: TokenPairView) => ({ authorization: `Bearer ${pair.accessToken}` });
        const ends: { what: string; end: (identity: IdentityView, pair: TokenPairView) => Promise<{ statusCode: number }> }[] = [
          {
            what: 'a password reset',
            end: (identity) => gw.app.inject({ method: 'POST', url: '/api/v1/password-resets/confirmation', payload: { token: `${identity.caller.personId}-and-the-rest`, password: 'a brand new passphrase' } }),
          },
          {
            what: 'a password change',
            end: (_, pair) => gw.app.inject({ method: 'PUT', url: '/api/v1/me/password', headers: bearer(pair), payload: { currentPassword: PASSWORD, newPassword: 'a brand new passphrase' } }),
          },
          { what: 'DELETE /me/sessions', end: (_, pair) => gw.app.inject({ method: 'DELETE', url: '/api/v1/me/sessions', headers: bearer(pair) }) },
        ];

        it.each(ends)('$what: a cookie issued before counts as none (a thief who logged in with the old password keeps no exemption)', async ({ end }) => {
          const { email, identity } = account();
          const stolen = deviceCookieOf(await login(email));
          const home = anAddress();
          const owner = await login(email, PASSWORD, home);
          const ownerBefore = deviceCookieOf(owner);
          expect((await end(identity, owner.json<TokenPairView>())).statusCode).toBe(200);
          // the owner's next login starts a new generation, which is exempt again
          const fresh = await login(email);
          expect(fresh.statusCode).toBe(200);
          await attack(email);
          expectProblem(await login(email, PASSWORD, anAddress(), {}, stolen), 429, 'login-account-locked');
          expectProblem(await login(email, PASSWORD, anAddress(), {}, ownerBefore), 429, 'login-account-locked');
          // an address known before is no longer known either (the thief's would have been)
          expectProblem(await login(email, PASSWORD, home), 429, 'login-account-locked');
          expect((await login(email, PASSWORD, anAddress(), {}, deviceCookieOf(fresh))).statusCode).toBe(200);
        });
      });

      it("ends another person's cookie for an account once that account's password proves it is not theirs", async () => {
        const { email, identity } = account();
        const formerOwner = await gw.app.get(DeviceCookies).issue(email, '0190a4c6-0000-7000-8000-00000000dead');
        const cookie = { [formerOwner.name]: formerOwner.value };
        await attack(email);
        const response = await login(email, PASSWORD, anAddress(), {}, cookie);
        expect(response.statusCode).toBe(200);
        await expect(gw.app.get(AccessTokenService).verify(response.json<TokenPairView>().accessToken)).resolves.toEqual(identity.caller);
        expectProblem(await login(email, PASSWORD, anAddress(), {}, cookie), 429, 'login-account-locked');
        expect((await login(email, PASSWORD, anAddress(), {}, deviceCookieOf(response))).statusCode).toBe(200);
      });

      it('counts the failures of a forged cookie against the account, as any unknown device', async () => {
        const { email } = account();
        const [name, value] = Object.entries(deviceCookieOf(await login(email)))[0];
        const forged = { [name]: `${value.split('.')[0]}.${'B'.repeat(43)}` };
        for (let attempt = 1; attempt <= 3; attempt += 1) expectProblem(await login(email, 'wrong password', anAddress(), {}, forged), 401, 'invalid-credentials');
        expectProblem(await login(email, PASSWORD), 429, 'login-account-locked');
      });

      it('locks a cookie after as many wrong passwords under it: that cookie only, not the account nor the other devices', async () => {
        const { email } = account();
        const laptop = deviceCookieOf(await login(email));
        const phone = deviceCookieOf(await login(email));
        expect(phone).not.toEqual(laptop);
        for (let attempt = 1; attempt <= 3; attempt += 1) expectProblem(await login(email, 'wrong password', anAddress(), {}, laptop), 401, 'invalid-credentials');
        const asked = partners.envelopesOf(Authenticate).length;
        expectProblem(await login(email, PASSWORD, anAddress(), {}, laptop), 429, 'too-many-requests');
        expect(partners.envelopesOf(Authenticate)).toHaveLength(asked);
        expect((await login(email, PASSWORD, anAddress(), {}, phone)).statusCode).toBe(200);
        // the account's own count was not touched: an unknown device still has its three guesses
        for (let attempt = 1; attempt <= 2; attempt += 1) expectProblem(await login(email, 'wrong password'), 401, 'invalid-credentials');
        expect((await login(email, PASSWORD)).statusCode).toBe(200);
      });
    });

    describe('work limit', () => {
      it('counts every password check per address, successes and device cookies included, without asking partners past it', async () => {
        const { email } = account();
        const address = anAddress();
        let browser = deviceCookieOf(await login(email, PASSWORD, anAddress()));
        // The owner's own account, own browser, right password: each success still costs partners a hash.
        for (let attempt = 1; attempt <= 20; attempt += 1) {
          const response = await login(email, PASSWORD, address, {}, browser);
          expect(response.statusCode).toBe(200);
          browser = deviceCookieOf(response);
        }
        const asked = partners.envelopesOf(Authenticate).length;
        const refused = await login(email, PASSWORD, address, {}, browser);
        expectProblem(refused, 429, 'too-many-requests');
        expect(Number(refused.headers['retry-after'])).toBeLessThanOrEqual(60);
        expectProblem(await login(account().email, PASSWORD, address), 429, 'too-many-requests');
        expect(partners.envelopesOf(Authenticate)).toHaveLength(asked);
        // another address is not held back, and neither is the owner's browser there
        expect((await login(email, PASSWORD, anAddress(), {}, browser)).statusCode).toBe(200);
      });

      it('counts every password check for everyone together; one refused for its address spends nothing of that', async () => {
        const config = { ...gw.config, redis: { ...gw.config.redis, keyPrefix: `${gw.config.redis.keyPrefix}small-work:` }, auth: { ...gw.config.auth, loginWorkPerAddressPerMinute: 2, loginWorkPerMinute: 4 } };
        const limiter = new LoginRateLimiter(gw.app.get<Redis>(REDIS_TOKEN), config, gw.app.get(DeviceCookies));
        const crowded = anAddress();
        await limiter.attempt(anEmail(), crowded);
        await limiter.attempt(anEmail(), crowded);
        await expect(limiter.attempt(anEmail(), crowded)).rejects.toBeInstanceOf(TooManyRequests);
        await limiter.attempt(anEmail(), anAddress());
        await limiter.passwordChangeAttempt('a-person', anAddress());
        await expect(limiter.attempt(anEmail(), anAddress())).rejects.toMatchObject({ status: 429, retryAfterSeconds: expect.any(Number) });
        await expect(limiter.passwordChangeAttempt('another-person', anAddress())).rejects.toBeInstanceOf(TooManyRequests);
      });
    });

    it('keeps its counters in Redis under the namespace, where every replica sees them', async () => {
      const keys = await gw.app.get<{ keys(pattern: string): Promise<string[]> }>(REDIS_TOKEN).keys(`${gw.config.redis.keyPrefix}login-attempts:*`);
      expect(keys.some((k) => k.startsWith(`${gw.config.redis.keyPrefix}login-attempts:account:`))).toBe(true);
      expect(keys.some((k) => k.startsWith(`${gw.config.redis.keyPrefix}login-attempts:address:`))).toBe(true);
    });
  });
});
