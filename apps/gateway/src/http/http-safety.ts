import type { FastifyInstance, FastifyRequest } from 'fastify';
import { DomainError } from '@cirkel/contracts';
import { HttpProblem } from './problem-details';

/**
 * How deep a JSON body may nest. The deepest body of the API is three levels (a registration's
 * organisation's work domains); anything far deeper is an attack on whatever walks the body next
 * (the idempotency fingerprint serialised it recursively and overflowed the stack at ~5,000).
 */
export const MAX_BODY_DEPTH = 32;

/**
 * What the gateway does to every request and answer before Nest sees them: a parsed body is
 * refused (400 `malformed-request`) when it nests deeper than MAX_BODY_DEPTH, before any guard,
 * interceptor or pipe walks it.
 */
export async function registerHttpSafety(fastify: FastifyInstance): Promise<void> {
  fastify.addHook('preValidation', async (request: FastifyRequest) => {
    if (nestsDeeperThan(request.body, MAX_BODY_DEPTH)) {
      throw new DomainError(HttpProblem.MalformedRequest, 400, 'Malformed request', `The JSON body nests deeper than ${MAX_BODY_DEPTH} levels.`);
    }
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
