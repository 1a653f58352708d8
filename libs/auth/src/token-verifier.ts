import { createPublicKey, KeyObject } from 'node:crypto';
import { JwtService } from '@nestjs/jwt';
import { CirkelConfig, serviceAudienceOf } from '@cirkel/config';
import { Caller, Unauthenticated } from '@cirkel/contracts';
import { RequestAsker, RequestTokenVerifier } from '@cirkel/messaging';
import { AccessTokenClaims, accessTokenClaimsSchema, callerOf, serviceTokenClaimsSchema } from './access-token.claims';
import { AccessTokenExpired, AccessTokenInvalid } from './auth.problems';

/** The one algorithm tokens are signed and verified with; anything else (`none`, HS256, RS256) is refused. */
export const TOKEN_ALGORITHM = 'ES256';

/** How many verified tokens are remembered (about 1 KiB each), the oldest forgotten first. */
const VERIFIED_TOKENS_KEPT = 10_000;

/** A person's token (`caller`, `service` null), or a service's own (`caller` null, `service` the app that signed it, `hubId` the hub it is for). */
interface Verified {
  caller: Caller | null;
  service: string | null;
  hubId: string | null;
  exp: number;
}

/** `service:<app>`, the subject of a service's own token. */
const SERVICE_SUBJECT = /^service:([a-z]+)$/;

/**
 * Verifies tokens with the public keys alone (ES256, `iss`, `aud` and `exp` checked; `alg` none or
 * any other refused), so every app can check what only the gateway (or a service asking on its own
 * account) can sign.
 *
 * - `accessCaller` (the gateway's HTTP guard): a person's access token, nothing else; a service
 *   token is of another audience and is refused.
 * - `askerOf` (`RequestTokenVerifier`, every service's `RequestServer`): a person's access token
 *   or the gateway's service token (both of the gateway's key), or the token of a service asking on
 *   its own account, verified with **that service's** public key (`JWT_SERVICE_PUBLIC_KEY_<APP>`,
 *   chosen by the token's `sub`, `service:<app>`): so the answer names the service that signed it,
 *   and no service can sign as another. A service token is taken only by the app it was minted for
 *   (its `aud`, `serviceAudienceOf(app)`): the app that receives one cannot pass it on to another.
 *   Such a token is never taken for a person's; anything else is `Unauthenticated`. Which services
 *   may ask which request is the contract's to say, and the hub is the token's (`parseRequest`).
 *
 * A token verified once is remembered until its `exp` (an ES256 verification costs about 0.4 ms):
 * the same token is not checked again, but `exp` is on each use. Only tokens that passed every
 * check are kept, by their whole text, signature included, so an altered one is checked afresh.
 */
export class TokenVerifier implements RequestTokenVerifier {
  private readonly key: KeyObject;
  private readonly serviceKeys: Map<string, KeyObject>;
  private readonly jwt = new JwtService();
  private readonly verified = new Map<string, Verified>();
  /** The audience of the service tokens minted for this app, the only ones it takes. */
  private readonly serviceAudience: string;

  /** `app`: the app that verifies (a service token for another app is refused). */
  constructor(
    private readonly tokens: CirkelConfig['tokens'],
    app: string,
  ) {
    this.key = createPublicKey(tokens.publicKey);
    this.serviceAudience = serviceAudienceOf(tokens, app);
    this.serviceKeys = new Map(Object.entries(tokens.servicePublicKeys).flatMap(([service, pem]) => (pem ? [[service, createPublicKey(pem)] as const] : [])));
  }

  /** The person of an access token; AccessTokenExpired or AccessTokenInvalid otherwise (a service token too). */
  accessCaller(token: string): Caller {
    const verified = this.verify(token, false);
    if (verified === 'expired') throw new AccessTokenExpired();
    if (verified === 'invalid' || verified.caller === null) throw new AccessTokenInvalid();
    return verified.caller;
  }

  askerOf(token: string): RequestAsker {
    const verified = this.verify(token, true);
    if (verified === 'expired') throw new Unauthenticated('The request token has expired.');
    if (verified === 'invalid') throw new Unauthenticated('The request token is not valid here.');
    return verified.caller ? { caller: verified.caller } : { service: verified.service as string, hubId: verified.hubId };
  }

  /** The person a request token names, or null for a service's own; Unauthenticated for a bad token. */
  callerOf(token: string): Caller | null {
    const asker = this.askerOf(token);
    return 'caller' in asker ? asker.caller : null;
  }

  /** `services`: a token of an asking service's own key counts too (requests; never over HTTP). */
  private verify(token: string, services: boolean): Verified | 'expired' | 'invalid' {
    const known = this.verified.get(token);
    if (known) {
      if (!services && known.caller === null) return 'invalid';
      if (Math.floor(Date.now() / 1000) < known.exp) return { ...known, caller: known.caller && copyOf(known.caller) };
      this.verified.delete(token);
      return 'expired';
    }
    const { serviceAudience } = this;
    const { audience } = this.tokens;
    // The gateway's key: a person's access token, or the gateway's own service token.
    let signer = 'gateway';
    let payload = this.payloadOf(token, this.key, [audience, serviceAudience]);
    // A service's own token: verified with the key of the service it names, which vouches for that service, never for a person (only the service audience).
    const named = payload === 'invalid' && services ? this.serviceNamed(token) : undefined;
    const serviceKey = named ? this.serviceKeys.get(named) : undefined;
    if (named && serviceKey) {
      signer = named;
      payload = this.payloadOf(token, serviceKey, [serviceAudience]);
    }
    if (typeof payload === 'string') return payload;
    const verified = this.read(payload, serviceAudience);
    // A service token says which service it is; it must be the one whose key signed it.
    if (!verified || (verified.caller === null && verified.service !== signer)) return 'invalid';
    if (this.verified.size >= VERIFIED_TOKENS_KEPT) this.verified.delete(this.verified.keys().next().value as string);
    this.verified.set(token, { ...verified, caller: verified.caller && copyOf(verified.caller) });
    return verified;
  }

  /** The service a token's unverified `sub` names (`service:<app>`), to choose the key it must verify with. */
  private serviceNamed(token: string): string | undefined {
    try {
      const sub = (JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8')) as { sub?: unknown }).sub;
      return typeof sub === 'string' ? SERVICE_SUBJECT.exec(sub)?.[1] : undefined;
    } catch {
      return undefined;
    }
  }

  private payloadOf(token: string, key: KeyObject, audiences: [string, ...string[]]): { aud?: unknown } | 'expired' | 'invalid' {
    try {
      // @nestjs/jwt hands the key to jsonwebtoken as it is; its type says string or Buffer, but jsonwebtoken takes a KeyObject.
      return this.jwt.verify<{ aud?: unknown }>(token, { publicKey: key as unknown as string, algorithms: [TOKEN_ALGORITHM], issuer: this.tokens.issuer, audience: audiences });
    } catch (error) {
      // jsonwebtoken (under @nestjs/jwt) names the error of a token past its `exp` TokenExpiredError.
      return (error as Error).name === 'TokenExpiredError' ? 'expired' : 'invalid';
    }
  }

  /** jsonwebtoken accepts a token without `exp` and with a list of audiences; the schemas do not, and the audience says which kind it is. */
  private read(payload: { aud?: unknown }, serviceAudience: string): Verified | undefined {
    if (payload.aud === serviceAudience) {
      const service = serviceTokenClaimsSchema.safeParse(payload);
      return service.success ? { caller: null, service: SERVICE_SUBJECT.exec(service.data.sub)?.[1] as string, hubId: service.data.hubId, exp: service.data.exp } : undefined;
    }
    const claims = accessTokenClaimsSchema.safeParse(payload);
    if (!claims.success || typeof claims.data.aud !== 'string') return undefined;
    return { caller: callerOf(claims.data as AccessTokenClaims), service: null, hubId: claims.data.hubId, exp: claims.data.exp };
  }
}

/** A caller of its own for each request, so that nothing a request does changes the one remembered. */
function copyOf(caller: Caller): Caller {
  return { ...caller, hubRoles: [...caller.hubRoles], memberships: caller.memberships.map((m) => ({ ...m })) };
}
