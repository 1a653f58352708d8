/**
 * Thrown by a handler for an event it can never process (however often it is redelivered): the
 * event is terminated and written to the dead-letter table at once instead of being retried.
 */
export class UnprocessableEventError extends Error {
  constructor(reason: string) {
    super(reason);
    this.name = 'UnprocessableEventError';
  }
}
