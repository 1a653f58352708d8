import { randomUUID } from 'node:crypto';
import { Controller, INestMicroservice, LoggerService, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Payload } from '@nestjs/microservices';
import { connect, headers, NatsConnection } from 'nats';
import { z } from 'zod';
import { defineRequest, NotFound, RequestOf } from '@cirkel/contracts';
import { testConfig, testNamespace } from '@cirkel/testing';
import { Answers, currentCorrelationId, HEADER_CORRELATION_ID, requestSubject, RequestServer, sendRequestPacket } from '../src';

/**
 * A service's request server calling `@Answers` handlers itself (not through Nest's pipeline):
 * the envelope checked against the contract, one answer in Nest's wire format, errors as problems,
 * and the handling under the correlation id of the request's header.
 */
const Echo = defineRequest('probe.echo', { input: z.strictObject({ word: z.string(), fail: z.enum(['domain', 'bug']).optional() }), answer: z.object({ word: z.string(), correlationId: z.string().optional() }) });

@Controller()
class EchoController {
  @Answers(Echo)
  async echo(@Payload() request: RequestOf<typeof Echo>): Promise<{ word: string; correlationId?: string }> {
    await new Promise((resolve) => setTimeout(resolve, 1)); // the id must survive an await
    if (request.data.fail === 'domain') throw new NotFound('The word');
    if (request.data.fail === 'bug') throw new Error('a bug in the handler');
    return { word: request.data.word, correlationId: currentCorrelationId() };
  }
}

@Module({ controllers: [EchoController] })
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

const envelope = (data: unknown, correlationId = randomUUID()) => ({ version: 1, caller: null, hubId: null, correlationId, data });
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
