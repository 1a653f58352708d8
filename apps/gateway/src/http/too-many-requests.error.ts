import { CommonProblem, DomainError } from '@cirkel/contracts';

/** A limit was hit; the filter sends `Retry-After` with the seconds to wait. */
export class TooManyRequests extends DomainError {
  constructor(
    readonly retryAfterSeconds: number,
    detail = 'Too many attempts; wait before trying again.',
  ) {
    super(CommonProblem.TooManyRequests, 429, 'Too many requests', detail);
  }
}
