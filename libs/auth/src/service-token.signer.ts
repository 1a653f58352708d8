import { createPrivateKey, KeyObject } from 'node:crypto';
import { JwtService } from '@nestjs/jwt';
import { CirkelConfig, serviceAudienceOf } from '@cirkel/config';
import { ServiceTokenIssuer } from '@cirkel/messaging';
import { TOKEN_ALGORITHM } from './token-verifier';

/** How long a service token lives, and how long before its end a new one is minted. */
const SERVICE_TOKEN_TTL_SECONDS = 60;
const SERVICE_TOKEN_RENEW_SECONDS = 20;
/** Tokens kept for reuse, one per app and hub asked (a few apps × the hubs: a handful); past it the oldest is forgotten. */
const TOKENS_KEPT = 1_000;

/**
 * Mints an app's own token for the requests it sends on its own account: `sub` `service:<app>`,
 * the audience of the one app it is for (`serviceAudienceOf`: HTTP and every other app refuse it),
 * the hub the request is for (`hubId`), a minute; one per app and hub, reused until 20 s before
 * its end. The gateway signs with its access-token key; another service (notifications, coaching)
 * with its own key (`JWT_SERVICE_PRIVATE_KEY`), whose tokens every service takes for a service's,
 * never a person's.
 */
export class ServiceTokenSigner implements ServiceTokenIssuer {
  private readonly key: KeyObject;
  private readonly jwt = new JwtService();
  private readonly minted = new Map<string, { token: string; renewAt: number }>();

  constructor(
    private readonly service: string,
    privateKey: string,
    private readonly tokens: CirkelConfig['tokens'],
  ) {
    this.key = createPrivateKey(privateKey);
  }

  serviceToken(to: string, hubId: string | null): string {
    const now = Date.now();
    const kept = `${to} ${hubId ?? ''}`;
    const current = this.minted.get(kept);
    if (current && now < current.renewAt) return current.token;
    // @nestjs/jwt hands the key to jsonwebtoken as it is; its type says string or Buffer, but jsonwebtoken takes a KeyObject.
    const token = this.jwt.sign(
      { sub: `service:${this.service}`, hubId },
      { privateKey: this.key as unknown as string, algorithm: TOKEN_ALGORITHM, issuer: this.tokens.issuer, audience: serviceAudienceOf(this.tokens, to), expiresIn: SERVICE_TOKEN_TTL_SECONDS },
    );
    this.minted.delete(kept);
    if (this.minted.size >= TOKENS_KEPT) this.minted.delete(this.minted.keys().next().value as string);
    this.minted.set(kept, { token, renewAt: now + (SERVICE_TOKEN_TTL_SECONDS - SERVICE_TOKEN_RENEW_SECONDS) * 1000 });
    return token;
  }
}
