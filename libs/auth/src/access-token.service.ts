import { Inject, Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { CIRKEL_CONFIG, CirkelConfig } from '@cirkel/config';
import { Caller } from '@cirkel/contracts';
import { AccessTokenClaims, accessTokenClaimsSchema, callerOf, claimsOf } from './access-token.claims';
import { AccessTokenExpired, AccessTokenInvalid } from './auth.problems';

/** The one algorithm access tokens are signed and verified with; anything else (`none`, HS512, RS256) is refused. */
export const ACCESS_TOKEN_ALGORITHM = 'HS256';

export interface SignedAccessToken {
  token: string;
  /** Seconds until it expires. */
  expiresIn: number;
}

/** Signs and verifies the short-lived access tokens (JWT, HS256, with `iss`, `aud` and `exp` checked). */
@Injectable()
export class AccessTokenService {
  constructor(
    private readonly jwt: JwtService,
    @Inject(CIRKEL_CONFIG) private readonly config: CirkelConfig,
  ) {}

  async sign(caller: Caller): Promise<SignedAccessToken> {
    const { jwtSecret, issuer, audience, accessTokenTtlSeconds } = this.config.auth;
    const token = await this.jwt.signAsync(claimsOf(caller), {
      secret: jwtSecret,
      algorithm: ACCESS_TOKEN_ALGORITHM,
      issuer,
      audience,
      expiresIn: accessTokenTtlSeconds,
    });
    return { token, expiresIn: accessTokenTtlSeconds };
  }

  /** The caller a valid token names; AccessTokenExpired or AccessTokenInvalid otherwise. */
  async verify(token: string): Promise<Caller> {
    const { jwtSecret, issuer, audience } = this.config.auth;
    let payload: unknown;
    try {
      payload = await this.jwt.verifyAsync<object>(token, { secret: jwtSecret, algorithms: [ACCESS_TOKEN_ALGORITHM], issuer, audience });
    } catch (error) {
      // jsonwebtoken (under @nestjs/jwt) names the error of a token past its `exp` TokenExpiredError.
      throw (error as Error).name === 'TokenExpiredError' ? new AccessTokenExpired() : new AccessTokenInvalid();
    }
    // jsonwebtoken accepts a token without `exp`; the schema does not.
    const claims = accessTokenClaimsSchema.safeParse(payload);
    if (!claims.success) throw new AccessTokenInvalid();
    return callerOf(claims.data as AccessTokenClaims);
  }
}
