import { Caller } from '@cirkel/contracts';

/** Who asks: a person (their access token), or a service on its own account (`gateway`, `notifications`…: whose key signed the token). */
export type RequestAsker = { caller: Caller } | { service: string };

/**
 * Reads who asks from a request's signed token (libs/auth provides it; messaging only names it).
 * `askerOf` answers the person a token names, or the service that signed a service's own token,
 * and throws an `Unauthenticated` DomainError for a token that is malformed, expired, of another
 * issuer or audience, or not signed with the private half of the key pair it names.
 */
export interface RequestTokenVerifier {
  askerOf(token: string): RequestAsker;
}

/** The provider of a `RequestTokenVerifier` in a service's app: `RequestServer` verifies every request's token with it. */
export const REQUEST_TOKEN_VERIFIER = Symbol.for('cirkel:request-token-verifier');

/**
 * Mints the token of a request an app sends on its own account (no person asks: the gateway's
 * refresh asking partners for an identity). Only the gateway holds the private key, so only it
 * provides one; `RequestClient` uses it for a request that is not anonymous and names no token.
 */
export interface ServiceTokenIssuer {
  serviceToken(): string;
}

export const SERVICE_TOKEN_ISSUER = Symbol.for('cirkel:service-token-issuer');
