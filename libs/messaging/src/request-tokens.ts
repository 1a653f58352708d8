import { Caller } from '@cirkel/contracts';

/**
 * Who asks: a person (their access token), or a service on its own account (`gateway`,
 * `notifications`…: whose key signed the token), with the hub its token was minted for.
 */
export type RequestAsker = { caller: Caller } | { service: string; hubId: string | null };

/**
 * Reads who asks from a request's signed token (libs/auth provides it; messaging only names it).
 * `askerOf` answers the person a token names, or the service that signed a service's own token
 * and the hub it signed it for, and throws an `Unauthenticated` DomainError for a token that is
 * malformed, expired, of another issuer or audience (a service token minted for another app), or
 * not signed with the private half of the key pair it names.
 */
export interface RequestTokenVerifier {
  askerOf(token: string): RequestAsker;
}

/** The provider of a `RequestTokenVerifier` in a service's app: `RequestServer` verifies every request's token with it. */
export const REQUEST_TOKEN_VERIFIER = Symbol.for('cirkel:request-token-verifier');

/**
 * Mints the token of a request an app sends on its own account (no person asks: the gateway's
 * refresh asking partners for an identity, notifications asking partners for an e-mail's address):
 * for the one app that answers it (`to`, its audience) and the hub the request is for (a claim),
 * so that the app receiving it can neither pass it on to another app nor have it name another hub.
 * `RequestClient` uses it for a request that is not anonymous and names no token.
 */
export interface ServiceTokenIssuer {
  serviceToken(to: string, hubId: string | null): string;
}

export const SERVICE_TOKEN_ISSUER = Symbol.for('cirkel:service-token-issuer');
