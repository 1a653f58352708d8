import { RemoteProblem } from '../requests/request-envelope';

export interface FieldError {
  field: string;
  message: string;
}

/**
 * A domain error is a value with a stable code (its problem `type`), an HTTP-like status and a
 * title. Services throw it; each transport maps it once (problem+json in the gateway, an RPC error
 * between services).
 */
export class DomainError extends Error {
  constructor(
    readonly type: string,
    readonly status: number,
    readonly title: string,
    readonly detail?: string,
    readonly errors?: FieldError[],
  ) {
    super(detail ? `${title}: ${detail}` : title);
    this.name = 'DomainError';
  }

  toProblem(): RemoteProblem {
    return { type: this.type, status: this.status, title: this.title, detail: this.detail, errors: this.errors };
  }
}

/** Problem types shared by every context. */
export const CommonProblem = {
  Validation: 'validation-failed',
  Unauthenticated: 'unauthenticated',
  Forbidden: 'forbidden',
  NotFound: 'not-found',
  Conflict: 'conflict',
  TooManyRequests: 'too-many-requests',
  ServiceUnavailable: 'service-unavailable',
  Internal: 'internal-error',
  BadAnswer: 'bad-answer',
} as const;

export class ValidationFailed extends DomainError {
  constructor(errors: FieldError[], detail = 'The request has fields that are missing, unknown or wrong.') {
    super(CommonProblem.Validation, 400, 'Validation failed', detail, errors);
  }
}

export class Unauthenticated extends DomainError {
  constructor(detail = 'Log in first.') {
    super(CommonProblem.Unauthenticated, 401, 'Not authenticated', detail);
  }
}

export class Forbidden extends DomainError {
  constructor(detail = 'You may not do this.') {
    super(CommonProblem.Forbidden, 403, 'Forbidden', detail);
  }
}

export class NotFound extends DomainError {
  constructor(what: string, type: string = CommonProblem.NotFound) {
    super(type, 404, 'Not found', `${what} does not exist.`);
  }
}
