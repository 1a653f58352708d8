import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { withCorrelation } from '@cirkel/messaging';

declare module 'fastify' {
  interface FastifyRequest {
    /** From the `X-Correlation-Id` header when it looks sane, else a new UUID; echoed in the answer. */
    correlationId: string;
  }
}

export const CORRELATION_ID_HEADER = 'x-correlation-id';
// At most 100 characters: the correlation id ends up in event envelopes, whose schema allows no more.
const SANE = /^[A-Za-z0-9._:-]{1,100}$/;

/** Gives every request a correlation id before anything else runs, echoes it on every answer (errors too), and logs with it. */
export function registerCorrelationId(fastify: FastifyInstance): void {
  fastify.decorateRequest('correlationId', '');
  fastify.addHook('onRequest', (request, reply, done) => {
    const given = request.headers[CORRELATION_ID_HEADER];
    request.correlationId = typeof given === 'string' && SANE.test(given) ? given : randomUUID();
    reply.header(CORRELATION_ID_HEADER, request.correlationId);
    // The rest of the request runs with the id, so its log lines carry it.
    withCorrelation(request.correlationId, done);
  });
}
