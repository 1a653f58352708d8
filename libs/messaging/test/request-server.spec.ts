import { randomUUID } from 'node:crypto';
import { Controller, INestMicroservice, LoggerService, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Payload } from '@nestjs/microservices';
import { connect, headers, NatsConnection } from 'nats';
import { z } from 'zod';
import { defineRequest, NotFound, RequestOf } from '@cirkel/contracts';
import { aCaller, testConfig, testNamespace, TestTokens } from '@cirkel/testing';
import { Answers, currentCorrelationId, HEADER_CORRELATION_ID, REQUEST_TOKEN_VERIFIER, requestSubject, RequestServer, sendRequestPacket } from '../src';

/**
 * A service's request server calling `@Answers` handlers itself (not through Nest's pipeline):
 * the envelope checked against the contract, one answer in Nest's wire format, errors as problems,
 * and the handling under the correlation id of the request's header.
 */
const Echo = defineRequest('probe.echo', { anonymous: true, input: z.strictObject({ word: z.string(), fail: z.enum(['domain', 'bug']).optional() }), answer: z.object({ word: z.string(), correlationId: z.string().optional() }) });

/** A request that must carry a token: its handler says whom the verified token names. */
const WhoAmI = defineRequest('probe.who-am-i', { input: z.strictObject({}), answer: z.object({ personId: z.string().nullable(), hubId: z.string().nullable() }) });
let whoAmIHandled = 0;

@Controller()
class EchoController {
  @Answers(WhoAmI)
  whoAmI(@Payload() request: RequestOf<typeof WhoAmI>): { personId: string | null; hubId: string | null } {
    whoAmIHandled++;
    return { personId: request.caller?.personId ?? null, hubId: request.hubId };
  }

  @Answers(Echo)
  async echo(@Payload() request: RequestOf<typeof Echo>): Promise<{ word: string; correlationId?: string }> {
    await new Promise((resolve) => setTimeout(resolve, 1)); // the id must survive an await
    if (request.data.fail === 'domain') throw new NotFound('The word');
    if (request.data.fail === 'bug') throw new Error('a bug in the handler');
    return { word: request.data.word, correlationId: currentCorrelationId() };
  }
}

/** The verifier libs/auth gives a service (here through TestTokens, which verifies with the development public key, as the app `probe`). */
@Module({ controllers: [EchoController], providers: [{ provide: REQUEST_TOKEN_VERIFIER, useValue: { askerOf: (token: string) => TestTokens.get().askerOf(token, 'probe') } }] })
class EchoModule {}

/** Records the errors logged, with the correlation id under way when each was written. */
class RecordingLogger implements LoggerService {
  readonly errors: { message: string; correlationId?: string }[] = [];
  error(message: unknown): void {
    this.errors.push({ message: String(message), correlationId: currentCorrelationId() });
  }
  readonly others: unknown[] = [];
  log(message: unknown): void {
    this.others.push(message);
  }
  warn(message: unknown): void {
    this.others.push(message);
  }
}

const config = testConfig('partners', testNamespace());
const logger = new RecordingLogger();
let app: INestMicroservice;
let nc: NatsConnection;

const envelope = (data: unknown, correlationId = randomUUID()) => ({ version: 1, token: null, hubId: null, correlationId, data });
const withHeader = (correlationId: string) => {
  const h = headers();
  h.set(HEADER_CORRELATION_ID, correlationId);
  return h;
};

beforeAll(async () => {
  const server = new RequestServer({ servers: config.nats.servers, queue: 'probe' }, config.nats.subjectPrefix, 'probe');
  app = await NestFactory.createMicroservice(EchoModule, { strategy: server, logger });
  server.answerFrom(app);
  await app.listen();
  nc = await connect({ servers: config.nats.servers });
});

afterAll(async () => {
  await nc?.close();
  await app?.close();
});

it('answers in the wire format of Nest, under the correlation id of the header', async () => {
  const correlationId = randomUUID();
  const answer = await sendRequestPacket(nc, config.nats.subjectPrefix, Echo.pattern, envelope({ word: 'hallo' }, correlationId), 3000, withHeader(correlationId));
  expect(answer).toEqual({ id: expect.any(String), response: { word: 'hallo', correlationId }, isDisposed: true });
});

it('answers a malformed envelope, invalid data and a packet that is not JSON with validation problems', async () => {
  const malformed = await sendRequestPacket(nc, config.nats.subjectPrefix, Echo.pattern, { caller: 'me' }, 3000);
  expect(malformed.err).toMatchObject({ status: 400, type: 'validation-failed', detail: 'The request envelope is malformed.' });
  const invalid = await sendRequestPacket(nc, config.nats.subjectPrefix, Echo.pattern, envelope({ word: 7 }), 3000);
  expect(invalid.err).toMatchObject({ status: 400, errors: [{ field: 'word' }] });
  // Nest's pipeline threw on such a packet and never answered: the caller waited for its timeout.
  const notJson = await nc.request(requestSubject(config.nats.subjectPrefix, Echo.pattern), new TextEncoder().encode('{not json'), { timeout: 3000 });
  expect(notJson.json()).toMatchObject({ err: { status: 400, detail: 'The request envelope is malformed.' }, isDisposed: true });
});

it('answers a domain error with its problem, and any other error with a 500 problem, logged with the correlation id', async () => {
  const notFound = await sendRequestPacket(nc, config.nats.subjectPrefix, Echo.pattern, envelope({ word: 'x', fail: 'domain' }), 3000);
  expect(notFound).toMatchObject({ err: { status: 404, type: 'not-found' }, isDisposed: true });

  const correlationId = randomUUID();
  const bug = await sendRequestPacket(nc, config.nats.subjectPrefix, Echo.pattern, envelope({ word: 'x', fail: 'bug' }, correlationId), 3000, withHeader(correlationId));
  expect(bug.err).toEqual({ type: 'internal-error', status: 500, title: 'Internal error', detail: 'The service failed; the error is logged.' });
  expect(logger.errors).toContainEqual({ message: expect.stringContaining('a bug in the handler'), correlationId });
});

describe('the token of a request that is not anonymous', () => {
  const caller = aCaller();
  const ask = async (sent: object) => sendRequestPacket(nc, config.nats.subjectPrefix, WhoAmI.pattern, { version: 1, hubId: null, correlationId: randomUUID(), data: {}, ...sent }, 3000);

  it('hands the handler the caller its token names', async () => {
    const answer = await ask({ token: await TestTokens.get().tokenOf(caller), hubId: caller.hubId });
    expect(answer.response).toEqual({ personId: caller.personId, hubId: caller.hubId });
    expect((await ask({ token: TestTokens.get().serviceToken(WhoAmI, caller.hubId), hubId: caller.hubId })).response).toEqual({ personId: null, hubId: caller.hubId });
  });

  it("takes the hub from the token: an envelope naming another hub is refused (403) without calling the handler, one naming none gets the token's", async () => {
    const otherHub = randomUUID();
    const serviceToken = TestTokens.get().serviceToken(WhoAmI, caller.hubId);
    const personToken = await TestTokens.get().tokenOf(caller);
    const before = whoAmIHandled;
    for (const token of [serviceToken, personToken]) {
      expect((await ask({ token, hubId: otherHub })).err).toMatchObject({ status: 403, type: 'forbidden', detail: 'The request names another hub than its token is for.' });
    }
    // a service token for no hub names none
    expect((await ask({ token: TestTokens.get().serviceToken(WhoAmI, null), hubId: otherHub })).err).toMatchObject({ status: 403 });
    expect(whoAmIHandled).toBe(before);
    expect((await ask({ token: serviceToken, hubId: null })).response).toEqual({ personId: null, hubId: caller.hubId });
    expect((await ask({ token: personToken, hubId: null })).response).toEqual({ personId: caller.personId, hubId: caller.hubId });
  });

  it('refuses (401) a service token minted for another app, without calling the handler', async () => {
    const before = whoAmIHandled;
    for (const asker of ['gateway', 'notifications', 'coaching'] as const) {
      const token = TestTokens.get().serviceToken('partners', caller.hubId, asker);
      expect([asker, (await ask({ token, hubId: caller.hubId })).err]).toEqual([asker, expect.objectContaining({ status: 401, type: 'unauthenticated' })]);
    }
    expect(whoAmIHandled).toBe(before);
  });

  it('answers 401 without calling the handler for no token, a plain caller, or a token that does not verify', async () => {
    const before = whoAmIHandled;
    const token = await TestTokens.get().tokenOf(caller);
    const [header, , signature] = token.split('.');
    const claims = JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString()) as object;
    const altered = `${header}.${Buffer.from(JSON.stringify({ ...claims, hubRoles: ['hub_admin'] })).toString('base64url')}.${signature}`;
    for (const sent of [{}, { token: null, caller }, { token: altered }, { token: 'not.a.token' }]) {
      expect((await ask(sent)).err).toMatchObject({ status: 401, type: 'unauthenticated' });
    }
    expect(whoAmIHandled).toBe(before);
  });

  it('refuses a token on an anonymous request, so that nobody reads a caller into it', async () => {
    const answer = await sendRequestPacket(nc, config.nats.subjectPrefix, Echo.pattern, { ...envelope({ word: 'x' }), token: await TestTokens.get().tokenOf(caller) }, 3000);
    expect(answer.err).toMatchObject({ status: 400, errors: [{ field: 'envelope.token' }] });
  });
});
