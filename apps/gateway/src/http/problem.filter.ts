import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { CommonProblem, DomainError } from '@cirkel/contracts';
import { PROBLEM_CONTENT_TYPE, ProblemDetails, problemForStatus } from './problem-details';
import { TooManyRequests } from './too-many-requests.error';

/**
 * Every error of the gateway becomes `application/problem+json` (RFC 9457) here, once:
 *
 * - a DomainError (thrown here, or a service's, come back over NATS; a service that did not answer
 *   in time, or is not running at all, is the ServiceUnavailable 503) keeps its type, status, title, detail and field errors;
 * - a Nest or Fastify HTTP error (route not found 404, unsupported media type 415, body too large
 *   413, body that does not parse 400, …) gets a type by its status (see problem-details.ts);
 * - anything else is a 500 `internal-error`, logged with its stack, nothing of it sent.
 *
 * Nothing internal leaves: a 500, a service's answer outside its contract (502 `bad-answer`) and a
 * replay that still fails (422) keep their type but not their detail (a service's parse errors, a raw exception's message): that is
 * logged with the correlation id, the client gets a fixed sentence. Log lines name the route's
 * pattern, not the URL, so an invitation's token in its path is never written to the log.
 *
 * `type` is the problem's stable code, not a URL: `validation-failed`, `unauthenticated`,
 * `access-token-expired`, `refresh-token-reused`, `too-many-requests`, `service-unavailable`, … —
 * the same codes the services use, so a client switches on one string. Every problem carries the
 * request's correlation id.
 */
@Catch()
export class ProblemFilter implements ExceptionFilter {
  private readonly logger = new Logger(ProblemFilter.name);

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<FastifyRequest>();
    const reply = http.getResponse<FastifyReply>();
    const correlationId = request.correlationId || undefined;
    const problem = { ...this.toProblem(exception, request), correlationId };
    if (reply.sent) {
      this.logger.warn(`${problem.type} after the answer was sent`);
      return;
    }
    reply.status(problem.status).header('content-type', PROBLEM_CONTENT_TYPE);
    if (exception instanceof TooManyRequests) reply.header('retry-after', String(exception.retryAfterSeconds));
    if (problem.status === 401) reply.header('www-authenticate', 'Bearer realm="cirkel"');
    reply.send(JSON.stringify(problem));
  }

  private toProblem(exception: unknown, request: FastifyRequest): ProblemDetails {
    const where = `${request.method} ${routeOf(request)}`;
    if (exception instanceof DomainError && exception.status >= 400 && exception.status <= 599) {
      const { type, title, status, detail, errors } = exception;
      const internal = status === 500 || INTERNAL_DETAIL.has(type);
      if (internal || status >= 500) this.logger.warn(`${where}: ${type}: ${exception.message}`);
      return { type, title, status, detail: internal ? OPAQUE_DETAIL : (detail ?? title), ...(errors && !internal ? { errors } : {}) };
    }
    if (exception instanceof HttpException && exception.getStatus() < 500) {
      const status = exception.getStatus();
      return { ...problemForStatus(status), status, detail: messageOf(exception) };
    }
    this.logger.error(`${where}: ${exception instanceof Error ? (exception.stack ?? exception.message) : String(exception)}`);
    return {
      type: CommonProblem.Internal,
      title: 'Internal error',
      status: 500,
      detail: 'Something went wrong on our side; it is logged with the correlation id.',
    };
  }
}

/** Problems whose detail is a raw error of the system (a service's parse errors, an exception's message), not a word to the client. */
const INTERNAL_DETAIL = new Set<string>([CommonProblem.BadAnswer, 'dead-letter-replay-failed']);
const OPAQUE_DETAIL = 'See the logs under this correlation id for the details.';

/** The route's pattern (`/api/v1/invitations/:token/acceptance`), else the path without its query. */
function routeOf(request: FastifyRequest): string {
  return request.routeOptions.url ?? request.url.split('?')[0];
}

function messageOf(exception: HttpException): string {
  const response = exception.getResponse();
  if (typeof response === 'string') return response;
  const message = (response as { message?: unknown }).message;
  if (typeof message === 'string') return message;
  if (Array.isArray(message)) return message.join('; ');
  return exception.message;
}
