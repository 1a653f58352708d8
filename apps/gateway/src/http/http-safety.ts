import helmet from '@fastify/helmet';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { DomainError } from '@cirkel/contracts';
import { HttpProblem } from './problem-details';

/**
 * How deep a JSON body may nest. The deepest body of the API is three levels (a registration's
 * organisation's work domains); anything far deeper is an attack on whatever walks the body next
 * (the idempotency fingerprint serialised it recursively and overflowed the stack at ~5,000).
 */
export const MAX_BODY_DEPTH = 32;

/** A year, with subdomains: sent only on answers that came over TLS. */
const HSTS = 'max-age=31536000; includeSubDomains';

/**
 * What the gateway does to every request and answer before and after Nest, errors included:
 *
 * - a parsed body that nests deeper than MAX_BODY_DEPTH is a 400 `malformed-request`, before any
 *   guard, interceptor or pipe walks it;
 * - security headers (`@fastify/helmet`): `X-Content-Type-Options: nosniff`, `X-Frame-Options:
 *   DENY` and CSP `frame-ancestors 'none'`, helmet's CSP otherwise (everything from the same
 *   origin, no inline scripts, no plugins), which a web app served from the gateway's origin and
 *   the OpenAPI UI live with; no `upgrade-insecure-requests`, since plain HTTP is allowed in development;
 * - `Strict-Transport-Security` only on answers to requests that came over TLS (the ingress's
 *   `X-Forwarded-Proto: https` counts when TRUST_PROXY_HOPS trusts it);
 * - `Cache-Control: no-store` on every `/api` answer (most carry personal data; the rule is simpler
 *   and safer than a list), unless the route set its own.
 */
export async function registerHttpSafety(fastify: FastifyInstance): Promise<void> {
  fastify.addHook('preValidation', async (request: FastifyRequest) => {
    if (nestsDeeperThan(request.body, MAX_BODY_DEPTH)) {
      throw new DomainError(HttpProblem.MalformedRequest, 400, 'Malformed request', `The JSON body nests deeper than ${MAX_BODY_DEPTH} levels.`);
    }
  });
  await fastify.register(helmet, {
    contentSecurityPolicy: { directives: { 'frame-ancestors': ["'none'"], 'upgrade-insecure-requests': null } },
    frameguard: { action: 'deny' },
    hsts: false,
  });
  fastify.addHook('onSend', async (request: FastifyRequest, reply: FastifyReply) => {
    if (request.protocol === 'https') reply.header('strict-transport-security', HSTS);
    if (request.url.startsWith('/api/') && !reply.hasHeader('cache-control')) reply.header('cache-control', 'no-store');
  });
}

/** Whether objects and arrays in `value` nest deeper than `limit`; walks without recursion, so any depth is safe to ask about. */
export function nestsDeeperThan(value: unknown, limit: number): boolean {
  const pending: [unknown, number][] = [[value, 0]];
  for (let next = pending.pop(); next; next = pending.pop()) {
    const [current, depth] = next;
    if (current === null || typeof current !== 'object') continue;
    if (depth + 1 > limit) return true;
    for (const child of Object.values(current)) pending.push([child, depth + 1]);
  }
  return false;
}
