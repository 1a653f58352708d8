import { ArgumentsHost, HttpException, Logger, NotFoundException } from '@nestjs/common';
import { DomainError, ValidationFailed } from '@cirkel/contracts';
import { ProblemFilter } from './problem.filter';
import { TooManyRequests } from './too-many-requests.error';

class FakeReply {
  statusCode = 200;
  sent = false;
  headers: Record<string, string> = {};
  body?: string;
  status(code: number) {
    this.statusCode = code;
    return this;
  }
  header(name: string, value: string) {
    this.headers[name] = value;
    return this;
  }
  send(body: string) {
    this.body = body;
    this.sent = true;
    return this;
  }
}

function answer(exception: unknown): { reply: FakeReply; problem: Record<string, unknown> } {
  const reply = new FakeReply();
  const request = { method: 'POST', url: '/api/v1/invitations/s3cret-token-0123456789/acceptance', routeOptions: { url: '/api/v1/invitations/:token/acceptance' }, correlationId: 'c-1' };
  const host = { switchToHttp: () => ({ getRequest: () => request, getResponse: () => reply }) } as unknown as ArgumentsHost;
  new ProblemFilter().catch(exception, host);
  return { reply, problem: JSON.parse(reply.body ?? 'null') as Record<string, unknown> };
}

describe('ProblemFilter', () => {
  beforeAll(() => Logger.overrideLogger(false));
  afterAll(() => Logger.overrideLogger(['error', 'warn', 'log']));

  it('keeps a domain error as it is, field errors included', () => {
    const { reply, problem } = answer(new ValidationFailed([{ field: 'name', message: 'too short' }]));
    expect(reply.statusCode).toBe(400);
    expect(reply.headers['content-type']).toBe('application/problem+json; charset=utf-8');
    expect(problem).toEqual({
      type: 'validation-failed',
      title: 'Validation failed',
      status: 400,
      detail: expect.any(String),
      errors: [{ field: 'name', message: 'too short' }],
      correlationId: 'c-1',
    });
  });

  it('sends Retry-After with a 429', () => {
    const { reply, problem } = answer(new TooManyRequests(42));
    expect(reply.statusCode).toBe(429);
    expect(reply.headers['retry-after']).toBe('42');
    expect(problem.type).toBe('too-many-requests');
  });

  it('maps HTTP errors by status', () => {
    expect(answer(new NotFoundException('Cannot GET /x')).problem).toMatchObject({ type: 'not-found', status: 404, detail: 'Cannot GET /x' });
    expect(answer(new HttpException('Unsupported Media Type', 415)).problem).toMatchObject({ type: 'unsupported-media-type', status: 415 });
  });

  it('answers anything else with a 500 that tells nothing of it', () => {
    const { reply, problem } = answer(new Error('connection to postgres://admin:s3cret@db failed'));
    expect(reply.statusCode).toBe(500);
    expect(problem).toMatchObject({ type: 'internal-error', status: 500 });
    expect(reply.body).not.toContain('s3cret');
    expect(reply.body).not.toContain('postgres');
  });

  it.each([
    ['a replay that still fails', new DomainError('dead-letter-replay-failed', 422, 'Replay failed', 'The event still fails: password authentication failed for user "cirkel" at db-7.internal')],
    ['an answer outside the contract', new DomainError('bad-answer', 502, 'Bad answer from a service', 'partners.get-me.v1 answered outside its contract: person.email: at db-7.internal')],
    ['a service\'s internal error', new DomainError('internal-error', 500, 'Internal error', 'relation "db-7.internal" does not exist')],
  ])('keeps the type and status of %s, not its raw error, and logs that', (_, error) => {
    const warn = jest.spyOn(Logger.prototype, 'warn');
    const { reply, problem } = answer(error);
    expect(problem).toMatchObject({ type: error.type, status: error.status, detail: expect.stringMatching(/correlation id/) });
    expect(reply.body).not.toContain('db-7');
    expect(warn).toHaveBeenCalledWith(expect.stringContaining('db-7.internal'));
    warn.mockRestore();
  });

  it('logs the route, not the URL: a token in the path is never written', () => {
    const warn = jest.spyOn(Logger.prototype, 'warn');
    answer(new DomainError('service-unavailable', 503, 'Service unavailable', 'No answer'));
    expect(warn).toHaveBeenCalledWith(expect.stringContaining('POST /api/v1/invitations/:token/acceptance'));
    expect(warn.mock.calls.flat().join('\n')).not.toContain('s3cret-token');
    warn.mockRestore();
  });

  it('does not trust a domain error with a status that is not an error', () => {
    expect(answer(new DomainError('odd', 200, 'Odd')).reply.statusCode).toBe(500);
  });
});
