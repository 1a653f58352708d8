import { Inject, Injectable, OnModuleDestroy } from '@nestjs/common';
import { NatsRecordBuilder } from '@nestjs/microservices';
import { EmptyResponseException } from '@nestjs/microservices/errors/empty-response.exception';
import { headers } from 'nats';
import { catchError, lastValueFrom, throwError, timeout, TimeoutError } from 'rxjs';
import { AnswerOf, CommonProblem, DomainError, isRemoteProblem, RequestContract, RequestEnvelope, SentInputOf } from '@cirkel/contracts';
import { HEADER_CORRELATION_ID } from './messaging.tokens';
import { RequestProxy } from './requests';

export const REQUEST_PROXY = Symbol('REQUEST_PROXY');
export const REQUEST_TIMEOUT_MS = Symbol('REQUEST_TIMEOUT_MS');

/** A service that did not answer in time (or is not running): the caller answers 503 or retries. */
export class ServiceUnavailable extends DomainError {
  constructor(detail: string) {
    super(CommonProblem.ServiceUnavailable, 503, 'Service unavailable', detail);
  }
}

/**
 * Sends requests over core NATS and waits for the answer, at most the configured time. A remote
 * domain error comes back as a DomainError with the same type and status.
 */
@Injectable()
export class RequestClient implements OnModuleDestroy {
  constructor(
    @Inject(REQUEST_PROXY) private readonly proxy: RequestProxy,
    @Inject(REQUEST_TIMEOUT_MS) private readonly timeoutMs: number,
  ) {}

  /**
   * Sends `request` (the envelope but its version, which the contract gives) and answers what the
   * service answered, checked against the contract's answer schema: an answer of another shape is
   * a 502 problem, never passed on.
   */
  async send<C extends RequestContract>(contract: C, request: Omit<RequestEnvelope<SentInputOf<C>>, 'version'>): Promise<AnswerOf<C>> {
    const envelope: RequestEnvelope = { ...request, version: contract.version };
    // The correlation id also goes as a header, so the answering service logs with it from the start.
    const h = headers();
    h.set(HEADER_CORRELATION_ID, envelope.correlationId);
    const record = new NatsRecordBuilder(envelope).setHeaders(h).build();
    const answer$ = this.proxy.send<unknown>(contract.pattern, record).pipe(
      timeout(this.timeoutMs),
      catchError((error: unknown) => throwError(() => toDomainError(error, contract.pattern, this.timeoutMs))),
    );
    const answer = contract.answer.safeParse(await lastValueFrom(answer$));
    if (!answer.success) {
      throw new DomainError(CommonProblem.BadAnswer, 502, 'Bad answer from a service', `${contract.pattern} answered outside its contract: ${answer.error.issues.map((i) => `${i.path.join('.') || '(answer)'}: ${i.message}`).join('; ')}`);
    }
    return answer.data as AnswerOf<C>;
  }

  async onModuleDestroy(): Promise<void> {
    await this.proxy.close();
  }
}

function toDomainError(error: unknown, pattern: string, timeoutMs: number): Error {
  if (error instanceof TimeoutError) return new ServiceUnavailable(`No answer to ${pattern} within ${timeoutMs} ms; try again shortly.`);
  // NATS "no responders": no instance of the service is running.
  if (error instanceof EmptyResponseException) return new ServiceUnavailable(`No service answers ${pattern}; try again shortly.`);
  if (isRemoteProblem(error)) return new DomainError(error.type, error.status, error.title, error.detail, error.errors);
  if (error instanceof Error) return error;
  return new DomainError(CommonProblem.Internal, 502, 'Bad answer from a service', `${pattern} failed: ${JSON.stringify(error)}`);
}
