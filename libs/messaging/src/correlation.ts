import { AsyncLocalStorage } from 'node:async_hooks';

const store = new AsyncLocalStorage<string>();

/** The correlation id of the request or event being handled, if any. */
export function currentCorrelationId(): string | undefined {
  return store.getStore();
}

/** Runs `work` with a correlation id that every log line written meanwhile carries. */
export function withCorrelation<T>(correlationId: string, work: () => T): T {
  return store.run(correlationId, work);
}
