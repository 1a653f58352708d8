import { FieldError } from '@cirkel/contracts';

/** The media type of every error answer of the gateway (RFC 9457). */
export const PROBLEM_CONTENT_TYPE = 'application/problem+json; charset=utf-8';

/**
 * An error answer. `type` is the problem's stable code (`validation-failed`, `not-found`,
 * `refresh-token-reused`, …): a relative URI reference, the same code services send over NATS,
 * so clients and tests switch on one string.
 */
export interface ProblemDetails {
  type: string;
  title: string;
  status: number;
  detail: string;
  /** For validation problems: each field at fault (dotted path) and what is wrong with it. */
  errors?: FieldError[];
  /** The request's correlation id, to quote when asking for help. */
  correlationId?: string;
}

/** Problem types the gateway itself emits for errors that are not DomainErrors. */
export const HttpProblem = {
  MalformedRequest: 'malformed-request',
  Unauthenticated: 'unauthenticated',
  Forbidden: 'forbidden',
  NotFound: 'not-found',
  MethodNotAllowed: 'method-not-allowed',
  NotAcceptable: 'not-acceptable',
  PayloadTooLarge: 'payload-too-large',
  UnsupportedMediaType: 'unsupported-media-type',
  TooManyRequests: 'too-many-requests',
  Internal: 'internal-error',
} as const;

const BY_STATUS: Record<number, { type: string; title: string }> = {
  400: { type: HttpProblem.MalformedRequest, title: 'Malformed request' },
  401: { type: HttpProblem.Unauthenticated, title: 'Not authenticated' },
  403: { type: HttpProblem.Forbidden, title: 'Forbidden' },
  404: { type: HttpProblem.NotFound, title: 'Not found' },
  405: { type: HttpProblem.MethodNotAllowed, title: 'Method not allowed' },
  406: { type: HttpProblem.NotAcceptable, title: 'Not acceptable' },
  413: { type: HttpProblem.PayloadTooLarge, title: 'Payload too large' },
  415: { type: HttpProblem.UnsupportedMediaType, title: 'Unsupported media type' },
  429: { type: HttpProblem.TooManyRequests, title: 'Too many requests' },
};

/** The problem of an HTTP-level error (Nest's or Fastify's) by its status; `http-<status>` when none is named. */
export function problemForStatus(status: number): { type: string; title: string } {
  return BY_STATUS[status] ?? { type: `http-${status}`, title: status >= 500 ? 'Internal error' : 'Request refused' };
}
