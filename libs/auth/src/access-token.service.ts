import { createSecretKey, KeyObject } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { CIRKEL_CONFIG, GatewayConfig } from '@cirkel/config';
import { Caller } from '@cirkel/contracts';
import { AccessTokenClaims, accessTokenClaimsSchema, callerOf, claimsOf } from './access-token.claims';
import { AccessTokenExpired, AccessTokenInvalid } from './auth.problems';

/** The one algorithm access tokens are signed and verified with; anything else (`none`, HS512, RS256) is refused. */
export const ACCESS_TOKEN_ALGORITHM = 'HS256';

/** How many verified tokens the service remembers (about 1 KiB each), the oldest forgotten first. */
const VERIFIED_TOKENS_KEPT = 10_000;

export interface SignedAccessToken {
  token: string;
  /** Seconds until it expires. */
  expiresIn: number;
}

/**
 * Signs and verifies the short-lived access tokens (JWT, HS256, with `iss`, `aud` and `exp` checked).
 *
 * The secret is made a KeyObject once. Given a string, jsonwebtoken first tries it as a PEM public
 * key on every verify (createPublicKey, which throws and is caught) before it takes it as an HMAC
 * secret: that was a sixth of the gateway's time per request (docs/measurements.md).
 *
 * A token verified once is remembered until its `exp`: the same token on the next request is not
 * decoded, HMAC'd and schema-checked again (a tenth of the gateway's time per request). Only tokens
 * that passed every check are kept, by their whole text (signature included), and `exp` is checked
 * on each use as jsonwebtoken checks it.
 */
@Injectable()
export class AccessTokenService {
  private readonly key: KeyObject;
  private readonly verified = new Map<string, { caller: Caller; exp: number }>();

  constructor(
    private readonly jwt: JwtService,
    @Inject(CIRKEL_CONFIG) private readonly config: GatewayConfig,
  ) {
    this.key = createSecretKey(Buffer.from(config.auth.jwtSecret, 'utf8'));
  }

  /** @nestjs/jwt hands the secret to jsonwebtoken as it is; its type says string or Buffer, but jsonwebtoken takes a KeyObject. */
  private get secret(): string {
    return this.key as unknown as string;
  }

  async sign(caller: Caller): Promise<SignedAccessToken> {
    const { issuer, audience, accessTokenTtlSeconds } = this.config.auth;
    const token = await this.jwt.signAsync(claimsOf(caller), {
      secret: this.secret,
      algorithm: ACCESS_TOKEN_ALGORITHM,
      issuer,
      audience,
      expiresIn: accessTokenTtlSeconds,
    });
    return { token, expiresIn: accessTokenTtlSeconds };
  }

  /** The caller a valid token names; AccessTokenExpired or AccessTokenInvalid otherwise. */
  async verify(token: string): Promise<Caller> {
    const known = this.verified.get(token);
    if (known) {
      if (Math.floor(Date.now() / 1000) < known.exp) return copyOf(known.caller);
      this.verified.delete(token);
      throw new AccessTokenExpired();
    }
    const { issuer, audience } = this.config.auth;
    let payload: unknown;
    try {
      payload = await this.jwt.verifyAsync<object>(token, { secret: this.secret, algorithms: [ACCESS_TOKEN_ALGORITHM], issuer, audience });
    } catch (error) {
      // jsonwebtoken (under @nestjs/jwt) names the error of a token past its `exp` TokenExpiredError.
      throw (error as Error).name === 'TokenExpiredError' ? new AccessTokenExpired() : new AccessTokenInvalid();
    }
    // jsonwebtoken accepts a token without `exp`; the schema does not.
    const claims = accessTokenClaimsSchema.safeParse(payload);
    if (!claims.success) throw new AccessTokenInvalid();
    const caller = callerOf(claims.data as AccessTokenClaims);
    if (this.verified.size >= VERIFIED_TOKENS_KEPT) this.verified.delete(this.verified.keys().next().value as string);
    this.verified.set(token, { caller: copyOf(caller), exp: claims.data.exp });
    return caller;
  }
}

/** A caller of its own for each request, so that nothing a request does changes the one remembered. */
function copyOf(caller: Caller): Caller {
  return { ...caller, hubRoles: [...caller.hubRoles], memberships: caller.memberships.map((m) => ({ ...m })) };
}
