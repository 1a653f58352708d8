import { AsyncLocalStorage } from 'node:async_hooks';
import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import { Observable } from 'rxjs';

const store = new AsyncLocalStorage<string>();

/** The correlation id of the request or event being handled, if any. */
export function currentCorrelationId(): string | undefined {
  return store.getStore();
}

/** Runs `work` with a correlation id that every log line written meanwhile carries. */
export function withCorrelation<T>(correlationId: string, work: () => T): T {
  return store.run(correlationId, work);
}

/**
 * Runs each request and event handler of a service with the correlation id of its envelope (both
 * kinds of envelope carry `correlationId`), so the handler's log lines carry it.
 */
@Injectable()
export class CorrelationInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'rpc') return next.handle();
    const data = context.switchToRpc().getData() as { correlationId?: unknown } | undefined;
    const correlationId = typeof data?.correlationId === 'string' ? data.correlationId : undefined;
    if (!correlationId) return next.handle();
    return new Observable((subscriber) => withCorrelation(correlationId, () => next.handle().subscribe(subscriber)));
  }
}
