import { ArgumentsHost, Catch, Logger, LoggerService } from '@nestjs/common';
import { BaseExceptionFilter } from '@nestjs/core';
import { Observable, throwError } from 'rxjs';
import { CommonProblem, DomainError, RemoteProblem } from '@cirkel/contracts';
import { JetStreamContext } from './jetstream.context';

/**
 * The problem the caller of a request receives for an error: a domain error's own problem;
 * anything else an internal-error problem, logged (with the correlation id of the work under way).
 */
export function problemOfRequestError(exception: unknown, logger: LoggerService): RemoteProblem {
  if (exception instanceof DomainError) return exception.toProblem();
  logger.error(exception instanceof Error ? (exception.stack ?? exception.message) : String(exception));
  return { type: CommonProblem.Internal, status: 500, title: 'Internal error', detail: 'The service failed; the error is logged.' };
}

/**
 * Maps errors once per transport in a service, for handlers Nest's pipeline calls: requests as
 * `problemOfRequestError` says (`@Answers` handlers are called by `RequestServer` itself, with the
 * same mapping). For event handlers the error is passed through untouched, so the JetStream
 * transport can nak or dead-letter it.
 */
@Catch()
export class RpcProblemFilter extends BaseExceptionFilter {
  private readonly logger = new Logger(RpcProblemFilter.name);

  override catch(exception: unknown, host: ArgumentsHost): Observable<never> | void {
    if (host.getType() !== 'rpc') return super.catch(exception, host); // a service's HTTP side: health only
    if (host.switchToRpc().getContext() instanceof JetStreamContext) return throwError(() => exception);
    const problem = problemOfRequestError(exception, this.logger);
    return throwError(() => problem);
  }
}
