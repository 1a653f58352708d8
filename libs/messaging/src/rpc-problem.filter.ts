import { ArgumentsHost, Catch, Logger } from '@nestjs/common';
import { BaseExceptionFilter } from '@nestjs/core';
import { Observable, throwError } from 'rxjs';
import { CommonProblem, DomainError, RemoteProblem } from '@cirkel/contracts';
import { JetStreamContext } from './jetstream.context';

/**
 * Maps errors once per transport in a service: a domain error to the problem the caller of a
 * request receives; anything else to an internal-error problem (logged). For event handlers the
 * error is passed through untouched, so the JetStream transport can nak or dead-letter it.
 */
@Catch()
export class RpcProblemFilter extends BaseExceptionFilter {
  private readonly logger = new Logger(RpcProblemFilter.name);

  override catch(exception: unknown, host: ArgumentsHost): Observable<never> | void {
    if (host.getType() !== 'rpc') return super.catch(exception, host); // a service's HTTP side: health only
    if (host.switchToRpc().getContext() instanceof JetStreamContext) return throwError(() => exception);
    if (exception instanceof DomainError) return throwError(() => exception.toProblem());
    this.logger.error(exception instanceof Error ? (exception.stack ?? exception.message) : String(exception));
    const problem: RemoteProblem = { type: CommonProblem.Internal, status: 500, title: 'Internal error', detail: 'The service failed; the error is logged.' };
    return throwError(() => problem);
  }
}
