import { applyDecorators, CallHandler, ExecutionContext, Injectable, Logger, NestInterceptor, SetMetadata, UseInterceptors } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ApiHeader } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { catchError, from, mergeMap, Observable, of } from 'rxjs';
import { DomainError, ValidationFailed } from '@cirkel/contracts';
import { getCaller, hashOpaqueToken } from '@cirkel/auth';
import { RequestTimedOut } from '@cirkel/messaging';
import { IdempotencyStore } from './idempotency.store';

export const IDEMPOTENCY_KEY_HEADER = 'idempotency-key';
const SANE_KEY = /^[\x21-\x7e]{1,255}$/;
/** What a retry of a request still in progress is told to wait (seconds). */
const RETRY_IN_PROGRESS_SECONDS = 1;

export const IdempotencyProblem = {
  InProgress: 'idempotency-key-in-use',
  Mismatch: 'idempotency-key-reused',
  NotKept: 'idempotency-answer-not-kept',
} as const;

/**
 * Honours `Idempotency-Key` on the POST it is put on: the first request with a key runs and its
 * answer is kept for 24 h; a repeat with the same key and the same body gets the same answer
 * again (with `Idempotent-Replayed: true`) without running twice. The same key with another body
 * is a 422; a repeat while the first is still running a 409 with `Retry-After`. A request that
 * fails frees its key. One that times out (503) may still run and commit: its key stays claimed
 * while the service's answer is still awaited (`NATS_REQUEST_LATE_ANSWER_MS`, a minute), so a
 * retry meanwhile is a 409 with `Retry-After`; a late answer is kept for replay as any answer is, a
 * late failure (or none by then) frees the key. This needs the handler to answer the service's
 * answer as it is, which every `@Idempotent` route does.
 * Keys are scoped by method, the actual path (`/organisations/A/approval`, not the route's
 * pattern) and caller (anonymous callers share a scope), and a replay needs the same body, so
 * nobody gets another's answer by guessing a key, and a key used for one resource does nothing to
 * another. The answer of a route marked `@Idempotent({ answerHoldsSecret: true })` (the calendar
 * feed's secret address) is never kept: the key is only marked done, and a repeat is a 409
 * `idempotency-answer-not-kept` (it runs once, and no secret waits in Redis for 24 h). The same
 * for any answer with a field named like a token (`token`, `accessToken`, `refreshToken`), as a
 * backstop only: a secret need not be named so (the feed's is inside `path`), so a route says it.
 * Never on login or refresh.
 */
@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  private readonly logger = new Logger(IdempotencyInterceptor.name);

  constructor(
    private readonly store: IdempotencyStore,
    private readonly reflector: Reflector,
  ) {}

  async intercept(context: ExecutionContext, next: CallHandler): Promise<Observable<unknown>> {
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    const key = request.headers[IDEMPOTENCY_KEY_HEADER];
    if (key === undefined) return next.handle();
    if (typeof key !== 'string' || !SANE_KEY.test(key)) {
      throw new ValidationFailed([{ field: 'Idempotency-Key', message: '1 to 255 visible ASCII characters' }], 'The Idempotency-Key header is malformed.');
    }
    const scope = `${request.method} ${request.url} ${getCaller(request)?.personId ?? 'anonymous'}`;
    const fingerprint = hashOpaqueToken(JSON.stringify(request.body ?? null));
    const secret = this.reflector.get<boolean | undefined>(ANSWER_HOLDS_SECRET, context.getHandler()) ?? false;
    const claim = await this.store.claim(scope, key, fingerprint);
    switch (claim.kind) {
      case 'replay':
        context.switchToHttp().getResponse<FastifyReply>().header('idempotent-replayed', 'true');
        return of(claim.body);
      case 'not-kept':
        throw new DomainError(IdempotencyProblem.NotKept, 409, 'Answer not kept', 'A request with this Idempotency-Key was done; its answer held a secret and is not kept.');
      case 'in-progress':
        context.switchToHttp().getResponse<FastifyReply>().header('retry-after', String(RETRY_IN_PROGRESS_SECONDS));
        throw new DomainError(IdempotencyProblem.InProgress, 409, 'Request in progress', 'A request with this Idempotency-Key is still running; retry shortly.');
      case 'mismatch':
        throw new DomainError(IdempotencyProblem.Mismatch, 422, 'Idempotency key reused', 'This Idempotency-Key was used with another request body.');
      case 'first':
        return next.handle().pipe(
          mergeMap((body) => from(this.keep(scope, key, fingerprint, body, secret))),
          catchError((error: unknown) => from(this.failed(scope, key, fingerprint, error, secret).then(() => Promise.reject(error)))),
        );
    }
  }

  /** Keeps the answer for replay; failing to keep it must not turn a success into an error. */
  private async keep(scope: string, key: string, fingerprint: string, body: unknown, secret: boolean): Promise<unknown> {
    const kept = secret || holdsToken(body) ? this.store.completeWithoutAnswer(scope, key, fingerprint) : this.store.complete(scope, key, fingerprint, body);
    await kept.catch((error: Error) => this.logger.warn(`could not keep an idempotent answer: ${error.message}`));
    return body;
  }

  /** A failure frees the key; a timeout keeps it until the late answer (or its bound), which then settles it. */
  private async failed(scope: string, key: string, fingerprint: string, error: unknown, secret: boolean): Promise<void> {
    if (!(error instanceof RequestTimedOut)) return this.release(scope, key);
    await this.store.awaitLateAnswer(scope, key, fingerprint).catch((e: Error) => this.logger.warn(`could not keep an idempotency key for a late answer: ${e.message}`));
    error.lateAnswer.then(
      (body) => this.keep(scope, key, fingerprint, body, secret),
      () => this.release(scope, key),
    );
  }

  private async release(scope: string, key: string): Promise<void> {
    await this.store.release(scope, key).catch((error: Error) => this.logger.warn(`could not free an idempotency key: ${error.message}`));
  }
}

const TOKEN_FIELD = /token$/i;

/** Whether an answer holds a secret token anywhere (`token`, `accessToken`, `refreshToken`, …). */
export function holdsToken(body: unknown): boolean {
  const pending: unknown[] = [body];
  while (pending.length > 0) {
    const next = pending.pop();
    if (next === null || typeof next !== 'object') continue;
    for (const [field, value] of Object.entries(next)) {
      if (TOKEN_FIELD.test(field)) return true;
      pending.push(value);
    }
  }
  return false;
}

const ANSWER_HOLDS_SECRET = 'cirkel:idempotent-answer-holds-secret';

export interface IdempotentOptions {
  /** The answer holds a secret (a token, or an address made of one): it is never kept in Redis, a repeat is a 409 `idempotency-answer-not-kept`. */
  answerHoldsSecret?: boolean;
}

/** Honours `Idempotency-Key` on this POST (and documents the header). */
export function Idempotent(options: IdempotentOptions = {}): MethodDecorator {
  return applyDecorators(
    SetMetadata(ANSWER_HOLDS_SECRET, options.answerHoldsSecret ?? false),
    UseInterceptors(IdempotencyInterceptor),
    ApiHeader({ name: 'Idempotency-Key', required: false, description: 'Repeat the POST with the same key and body to get the first answer again, for 24 h' }),
  );
}
