import { createPrivateKey, KeyObject } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { CIRKEL_CONFIG, GatewayConfig } from '@cirkel/config';
import { Caller } from '@cirkel/contracts';
import { ServiceTokenIssuer } from '@cirkel/messaging';
import { claimsOf } from './access-token.claims';
import { TOKEN_ALGORITHM, TokenVerifier } from './token-verifier';

/** How long the gateway's own service token lives, and how long before its end a new one is minted. */
const SERVICE_TOKEN_TTL_SECONDS = 60;
const SERVICE_TOKEN_RENEW_SECONDS = 20;

export interface SignedAccessToken {
  token: string;
  /** Seconds until it expires. */
  expiresIn: number;
}

/**
 * The gateway's tokens (JWT, ES256, with `iss`, `aud` and `exp`): it signs people's short-lived
 * access tokens and its own service tokens with the private key only it holds, and verifies
 * access tokens with the public key, as every service does (`TokenVerifier`).
 *
 * A service token (`sub` `service:gateway`, the services' audience, a minute) goes with a request
 * the gateway makes on its own account (a refresh asking partners for an identity); HTTP refuses it.
 */
@Injectable()
export class AccessTokenService implements ServiceTokenIssuer {
  private readonly key: KeyObject;
  private readonly verifier: TokenVerifier;
  private service?: { token: string; renewAt: number };

  constructor(
    private readonly jwt: JwtService,
    @Inject(CIRKEL_CONFIG) private readonly config: GatewayConfig,
  ) {
    this.key = createPrivateKey(config.auth.privateKey);
    this.verifier = new TokenVerifier(config.tokens);
  }

  /** @nestjs/jwt hands the key to jsonwebtoken as it is; its type says string or Buffer, but jsonwebtoken takes a KeyObject. */
  private get privateKey(): string {
    return this.key as unknown as string;
  }

  async sign(caller: Caller): Promise<SignedAccessToken> {
    const { issuer, audience, accessTokenTtlSeconds } = this.config.auth;
    const token = this.jwt.sign(claimsOf(caller), { privateKey: this.privateKey, algorithm: TOKEN_ALGORITHM, issuer, audience, expiresIn: accessTokenTtlSeconds });
    return { token, expiresIn: accessTokenTtlSeconds };
  }

  /** The caller a valid access token names; AccessTokenExpired or AccessTokenInvalid otherwise. */
  async verify(token: string): Promise<Caller> {
    return this.verifier.accessCaller(token);
  }

  /** The gateway's own token for the services, minted again shortly before it expires. */
  serviceToken(): string {
    const now = Date.now();
    if (this.service && now < this.service.renewAt) return this.service.token;
    const { issuer, serviceAudience } = this.config.tokens;
    const token = this.jwt.sign({ sub: `service:${this.config.service}` }, { privateKey: this.privateKey, algorithm: TOKEN_ALGORITHM, issuer, audience: serviceAudience, expiresIn: SERVICE_TOKEN_TTL_SECONDS });
    this.service = { token, renewAt: now + (SERVICE_TOKEN_TTL_SECONDS - SERVICE_TOKEN_RENEW_SECONDS) * 1000 };
    return token;
  }
}
