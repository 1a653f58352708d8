import { createPrivateKey, KeyObject } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { CIRKEL_CONFIG, GatewayConfig } from '@cirkel/config';
import { Caller } from '@cirkel/contracts';
import { ServiceTokenIssuer } from '@cirkel/messaging';
import { claimsOf } from './access-token.claims';
import { ServiceTokenSigner } from './service-token.signer';
import { TOKEN_ALGORITHM, TokenVerifier } from './token-verifier';

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
 * A service token (`sub` `service:gateway`, the audience of the one app asked and the hub, a minute)
 * goes with a request the gateway makes on its own account (a refresh asking partners for an
 * identity); HTTP and every other app refuse it.
 */
@Injectable()
export class AccessTokenService implements ServiceTokenIssuer {
  private readonly key: KeyObject;
  private readonly verifier: TokenVerifier;
  private readonly serviceTokens: ServiceTokenSigner;

  constructor(
    private readonly jwt: JwtService,
    @Inject(CIRKEL_CONFIG) private readonly config: GatewayConfig,
  ) {
    this.key = createPrivateKey(config.auth.privateKey);
    this.verifier = new TokenVerifier(config.tokens, config.service);
    this.serviceTokens = new ServiceTokenSigner(config.service, config.auth.privateKey, config.tokens);
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

  /** The gateway's own token for the app `to` and the hub of a request, minted again shortly before it expires. */
  serviceToken(to: string, hubId: string | null): string {
    return this.serviceTokens.serviceToken(to, hubId);
  }
}
