import { Injectable } from '@nestjs/common';
import { AccessTokenService } from '@cirkel/auth';
import { Authenticate, Caller, ChangePassword, ConfirmLoginUnlock, GetIdentityV2, InputOf, ResetPassword, TokenPairView } from '@cirkel/contracts';
import { RequestClient } from '@cirkel/messaging';
import { RequestOrigin } from '../http/origin.decorator';
import { RefreshTokenService } from '../sessions/refresh-token.service';
import { LoginBody } from './auth.bodies';
import { DeviceCookies, IssuedDeviceCookie } from './device-cookies';
import { LoginRateLimiter } from './login-rate-limiter';

/** Logging in and refreshing: partners checks who someone is, the gateway issues the tokens. */
@Injectable()
export class AuthService {
  constructor(
    private readonly requests: RequestClient,
    private readonly limiter: LoginRateLimiter,
    private readonly accessTokens: AccessTokenService,
    private readonly refreshTokens: RefreshTokenService,
    private readonly deviceCookies: DeviceCookies,
  ) {}

  /**
   * Logs in: the limits (LoginRateLimiter) counted under the request's device cookie for the
   * account when it has a valid one, partners checks the password; on success a new pair, and a new
   * device cookie for the browser to present next time.
   */
  async login(credentials: LoginBody, address: string, origin: RequestOrigin, cookies?: Record<string, string | undefined>): Promise<{ pair: TokenPairView; deviceCookie: IssuedDeviceCookie }> {
    const device = await this.deviceCookies.read(cookies, credentials.email);
    const attempt = await this.limiter.attempt(credentials.email, address, device);
    const identity = await this.requests.send(Authenticate, { ...origin, data: credentials });
    // A cookie of another person for this e-mail: the address changed hands; that person's cookies for it end.
    if (device && device.personId !== identity.caller.personId) await this.deviceCookies.endForAccount(device.personId, credentials.email);
    const deviceCookie = await this.deviceCookies.issue(credentials.email, identity.caller.personId);
    await this.limiter.succeeded(attempt, identity.caller.personId, deviceCookie.generation);
    const refreshToken = await this.refreshTokens.start(identity.caller.personId, identity.caller.hubId);
    return { pair: await this.pair(identity.caller, refreshToken), deviceCookie };
  }

  /**
   * An e-mailed login unlock link is used (partners uses it up, once): this browser gets a device
   * cookie for the account, of the person's current generation, as after a successful login. It
   * logs no one in; with it the right password works while the account is locked for everyone else.
   */
  async unlock(data: InputOf<typeof ConfirmLoginUnlock>, origin: RequestOrigin): Promise<IssuedDeviceCookie> {
    const { personId, email } = await this.requests.send(ConfirmLoginUnlock, { ...origin, data });
    return this.deviceCookies.issue(email, personId);
  }

  /**
   * Rotates a refresh token. The person's identity is read again (roles may have changed; a login
   * older than the person's last password change or deactivation is refused), before the token is
   * used up: if partners does not answer, the old token still works. The gateway asks
   * on its own account (a service token: no person's access token comes with a refresh).
   */
  async refresh(refreshToken: string, origin: RequestOrigin): Promise<TokenPairView> {
    const session = await this.refreshTokens.redeemable(refreshToken);
    const identity = await this.requests.send(GetIdentityV2, {
      ...origin,
      token: null,
      hubId: session.hubId,
      data: { personId: session.personId },
    });
    await this.refreshTokens.refuseIfBegunBefore(session, identity.credentialsChangedAt);
    const next = await this.refreshTokens.rotate(session);
    return this.pair(identity.caller, next);
  }

  /**
   * A signed-in person changes their password: every login and device cookie of theirs ends, and
   * this device gets a new login (so a thief holding another device's refresh token is out, and the owner is not).
   * Limited (LoginRateLimiter): the work per address, the failures per person.
   */
  async changePassword(data: InputOf<typeof ChangePassword>, caller: Caller, address: string, origin: RequestOrigin): Promise<TokenPairView> {
    await this.limiter.passwordChangeAttempt(caller.personId, address);
    const identity = await this.requests.send(ChangePassword, { ...origin, data });
    await this.limiter.passwordChangeSucceeded(caller.personId);
    await this.endAll(identity.caller.personId);
    const refreshToken = await this.refreshTokens.start(identity.caller.personId, identity.caller.hubId);
    return this.pair(identity.caller, refreshToken);
  }

  /** A password set with an e-mailed link: every login and device cookie of the person ends (whoever knew the old password is out). */
  async resetPassword(data: InputOf<typeof ResetPassword>, origin: RequestOrigin): Promise<number> {
    const { personId } = await this.requests.send(ResetPassword, { ...origin, data });
    return this.endAll(personId);
  }

  /**
   * Ends every login of a person, every device cookie and every address known to their accounts (whoever logged in with a password that
   * is no longer theirs keeps no exemption from the account's lock): a password change or reset, a
   * deactivation, `DELETE /me/sessions`. The number of logins ended.
   */
  async endAll(personId: string): Promise<number> {
    // Both are tried whatever the other does: Redis not answering must not keep the refresh tokens alive (then 503, and retried it ends the cookies).
    const [logins, cookies] = await Promise.allSettled([this.refreshTokens.endAll(personId), this.deviceCookies.endAll(personId)]);
    if (logins.status === 'rejected') throw logins.reason;
    if (cookies.status === 'rejected') throw cookies.reason;
    return logins.value;
  }

  private async pair(caller: Caller, refreshToken: string): Promise<TokenPairView> {
    const access = await this.accessTokens.sign(caller);
    return { accessToken: access.token, refreshToken, tokenType: 'Bearer', expiresIn: access.expiresIn };
  }
}
