import { createPrivateKey, KeyObject } from 'node:crypto';
import { JwtService } from '@nestjs/jwt';
import { CirkelConfig } from '@cirkel/config';
import { ServiceTokenIssuer } from '@cirkel/messaging';
import { TOKEN_ALGORITHM } from './token-verifier';

/** How long a service token lives, and how long before its end a new one is minted. */
const SERVICE_TOKEN_TTL_SECONDS = 60;
const SERVICE_TOKEN_RENEW_SECONDS = 20;

/**
 * Mints an app's own token for the requests it sends on its own account: `sub` `service:<app>`,
 * the services' audience (HTTP refuses it), a minute, reused until 20 s before its end. The gateway
 * signs with its access-token key; another service (notifications, coaching) with its own key
 * (`JWT_SERVICE_PRIVATE_KEY`), whose tokens every service takes for a service's, never a person's.
 */
export class ServiceTokenSigner implements ServiceTokenIssuer {
  private readonly key: KeyObject;
  private readonly jwt = new JwtService();
  private current?: { token: string; renewAt: number };

  constructor(
    private readonly service: string,
    privateKey: string,
    private readonly tokens: CirkelConfig['tokens'],
  ) {
    this.key = createPrivateKey(privateKey);
  }

  serviceToken(): string {
    const now = Date.now();
    if (this.current && now < this.current.renewAt) return this.current.token;
    const { issuer, serviceAudience } = this.tokens;
    // @nestjs/jwt hands the key to jsonwebtoken as it is; its type says string or Buffer, but jsonwebtoken takes a KeyObject.
    const token = this.jwt.sign({ sub: `service:${this.service}` }, { privateKey: this.key as unknown as string, algorithm: TOKEN_ALGORITHM, issuer, audience: serviceAudience, expiresIn: SERVICE_TOKEN_TTL_SECONDS });
    this.current = { token, renewAt: now + (SERVICE_TOKEN_TTL_SECONDS - SERVICE_TOKEN_RENEW_SECONDS) * 1000 };
    return token;
  }
}
