import { applyDecorators } from '@nestjs/common';
import { ApiResponse } from '@nestjs/swagger';

const DESCRIPTIONS: Record<number, string> = {
  400: 'Validation failed (validation-failed) or malformed request',
  401: 'No valid access token (unauthenticated, access-token-invalid, access-token-expired)',
  403: 'Forbidden for this caller',
  404: 'Not found',
  409: 'Conflict with the current state; a request with this Idempotency-Key still running, or done with an answer that is not kept',
  422: 'Idempotency-Key used before with another body (idempotency-key-reused)',
  429: 'Too many requests; see Retry-After',
  502: 'A service answered outside its contract (bad-answer)',
  503: 'A service did not answer in time (service-unavailable)',
};

/** Documents the problem+json answers a route may give. */
export function ApiProblems(...statuses: number[]): MethodDecorator & ClassDecorator {
  // A route that asks a service (it may answer 503) may also get an answer outside the contract (502).
  const documented = statuses.includes(503) && !statuses.includes(502) ? [...statuses, 502].sort((a, b) => a - b) : statuses;
  return applyDecorators(
    ...documented.map((status) =>
      ApiResponse({
        status,
        description: DESCRIPTIONS[status] ?? 'Problem',
        content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } },
      }),
    ),
  );
}
