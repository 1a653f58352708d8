import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { NatsConnection } from 'nats';
import { connectNats } from '@cirkel/messaging';
import { startServiceUnderTest, ServiceUnderTest } from '../src';

@Module({})
class NothingModule {}

/** A service under test that only connects to NATS as the service does (its config's account) and hands the test that connection. */
async function startBareService(): Promise<{ sut: ServiceUnderTest; own: NatsConnection }> {
  let own: NatsConnection | undefined;
  const sut = await startServiceUnderTest('ideas', async (config) => {
    own = await connectNats(config);
    return NestFactory.create<NestFastifyApplication>(NothingModule, new FastifyAdapter(), { logger: false });
  });
  if (!own) throw new Error('the factory did not connect');
  return { sut, own };
}

it('holds a service under test to its production NATS account: it publishes its own events, another context is refused, and stop() fails on the refusal (issue 7)', async () => {
  const { sut, own } = await startBareService();
  let stopped = false;
  try {
    expect(own.info?.client_id).toBeDefined();
    own.publish(`${sut.config.nats.subjectPrefix}ideas.submitted`, new Uint8Array());
    await own.flush();
    expect(sut.refusals()).toEqual([]);

    // ideas may not publish a partners event (only partners may): the server refuses it
    own.publish(`${sut.config.nats.subjectPrefix}partners.roles-changed`, new Uint8Array());
    await own.flush();
    for (let i = 0; i < 50 && sut.refusals().length === 0; i++) await new Promise((resolve) => setTimeout(resolve, 20));
    expect(sut.refusals()).toEqual([expect.stringMatching(/Publish Violation - User "ideas", Subject ".*partners\.roles-changed"/)]);

    stopped = true;
    await expect(sut.stop()).rejects.toThrow(/the NATS server refused ideas/);
  } finally {
    await own.close();
    if (!stopped) await sut.stop().catch(() => undefined);
  }
});

it('lets the test itself act as the other services without credentials (the harness), in a server of the run alone', async () => {
  const { sut, own } = await startBareService();
  await own.close();
  try {
    sut.nc.publish(`${sut.config.nats.subjectPrefix}partners.roles-changed`, new Uint8Array());
    await sut.nc.flush();
    const jsm = await sut.nc.jetstreamManager();
    const streams = (await jsm.streams.names().next()).sort();
    expect(streams).toEqual(['COACHING', 'NOTIFICATIONS', 'PARTNERS', 'REPORTING'].map((context) => `${sut.config.nats.streamPrefix}${context}`));
    expect(sut.config.nats.servers).not.toEqual(['nats://127.0.0.1:4222']);
  } finally {
    await sut.stop();
  }
  expect(sut.refusals()).toEqual([]);
});
