import { Controller, INestMicroservice, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Payload } from '@nestjs/microservices';
import { connect, NatsConnection } from 'nats';
import { z } from 'zod';
import { defineRequest, RequestOf } from '@cirkel/contracts';
import { sleep, testConfig, testNamespace } from '@cirkel/testing';
import { Answers, RequestServer, sendRequestPacket } from '../src';

/**
 * Issue 6, finding 7: a service that stops (SIGTERM: `app.close()`) drains its request
 * subscriptions: what it has begun it finishes and answers, and it takes no new request.
 */
const Slow = defineRequest('probe.slow', { anonymous: true, input: z.strictObject({ n: z.number() }), answer: z.object({ n: z.number() }) });
const Stuck = defineRequest('probe.stuck', { anonymous: true, input: z.strictObject({ n: z.number() }), answer: z.object({ n: z.number() }) });
const started: number[] = [];
let stuck = 0;

@Controller()
class SlowController {
  @Answers(Slow)
  async slow(@Payload() request: RequestOf<typeof Slow>): Promise<{ n: number }> {
    started.push(request.data.n);
    await sleep(800);
    return { n: request.data.n };
  }
}

@Module({ controllers: [SlowController] })
class SlowModule {}

@Controller()
class StuckController {
  /** A handler that never ends (a statement waiting on a lock, say). */
  @Answers(Stuck)
  async stuck(): Promise<{ n: number }> {
    stuck++;
    return new Promise(() => undefined);
  }
}

@Module({ controllers: [StuckController] })
class StuckModule {}

const config = testConfig('partners', testNamespace());
let app: INestMicroservice;
let nc: NatsConnection;
const ask = (n: number) => sendRequestPacket(nc, config.nats.subjectPrefix, Slow.pattern, { version: 1, token: null, hubId: null, correlationId: `c${n}`, data: { n } }, 3000);

beforeAll(async () => {
  const server = new RequestServer({ servers: config.nats.servers, queue: 'probe' }, config.nats.subjectPrefix, 'probe');
  app = await NestFactory.createMicroservice(SlowModule, { strategy: server, logger: false });
  server.answerFrom(app);
  await app.listen();
  nc = await connect({ servers: config.nats.servers });
});

afterAll(async () => {
  await nc?.close();
});

it('answers the requests it has begun when it stops, and takes no new one', async () => {
  const begun = [ask(1), ask(2)];
  while (started.length < 2) await sleep(10);
  const stopping = app.close();
  await sleep(50); // the subscription is drained by now
  const late = ask(3).then(
    () => 'answered',
    () => 'refused',
  );
  await expect(Promise.all(begun)).resolves.toEqual([expect.objectContaining({ response: { n: 1 } }), expect.objectContaining({ response: { n: 2 } })]);
  await stopping;
  expect(await late).toBe('refused'); // no responders: no replica took it
  expect(started).toEqual([1, 2]);
});

it('closes anyway once the drain bound has passed, with a request still in hand (SHUTDOWN_DRAIN_MS)', async () => {
  const server = new RequestServer({ servers: config.nats.servers, queue: 'probe-stuck' }, config.nats.subjectPrefix, 'probe', undefined, 300);
  const stuckApp = await NestFactory.createMicroservice(StuckModule, { strategy: server, logger: false });
  server.answerFrom(stuckApp);
  await stuckApp.listen();
  const unanswered = sendRequestPacket(nc, config.nats.subjectPrefix, Stuck.pattern, { version: 1, token: null, hubId: null, correlationId: 'stuck', data: { n: 1 } }, 3000).catch(() => 'timed out');
  while (stuck < 1) await sleep(10);
  const began = performance.now();
  await stuckApp.close();
  const took = performance.now() - began;
  expect(took).toBeGreaterThanOrEqual(250);
  expect(took).toBeLessThan(2_000); // without the bound, close() never ends
  expect(await unanswered).toBe('timed out');
});
