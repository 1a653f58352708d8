import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { bearerToken, getCaller } from '@cirkel/auth';
import { Language, RequestEnvelope } from '@cirkel/contracts';

/** Everything of a request envelope but its data: who calls (their token), about which hub, under which correlation id. */
export type RequestOrigin = Omit<RequestEnvelope, 'data' | 'version'>;

/**
 * The origin of an HTTP request, for the envelope of the request it turns into:
 * `{ ...origin, data }`. The token is the caller's access token, which the guard verified (null
 * for an anonymous caller, and for a token a public route did not accept): the service verifies it
 * again and reads the caller from it. The hub is the caller's (null for an anonymous caller); the
 * language is the client's first choice of Dutch or English in `Accept-Language`, when it names one.
 */
export const Origin = createParamDecorator((_: unknown, context: ExecutionContext): RequestOrigin => {
  const request = context.switchToHttp().getRequest<FastifyRequest>();
  const caller = getCaller(request);
  const language = preferredLanguage(request.headers['accept-language']);
  const token = caller ? bearerToken(request.headers) : null;
  return { token, hubId: caller?.hubId ?? null, correlationId: request.correlationId, ...(language ? { language } : {}) };
});

/** `nl-BE,nl;q=0.9,en;q=0.8` → 'nl'; `en-GB` → 'en'; a header naming neither → undefined. */
export function preferredLanguage(header: string | undefined): Language | undefined {
  if (!header) return undefined;
  const ranked = header
    .split(',')
    .map((part, order) => {
      const [tag, ...params] = part.trim().toLowerCase().split(';');
      const q = params.map((p) => /^\s*q=([\d.]+)\s*$/.exec(p)).find(Boolean);
      return { base: tag.split('-')[0], q: q ? Number(q[1]) : 1, order };
    })
    .filter((l) => (l.base === 'nl' || l.base === 'en') && l.q > 0)
    .sort((a, b) => b.q - a.q || a.order - b.order);
  return ranked[0]?.base as Language | undefined;
}
