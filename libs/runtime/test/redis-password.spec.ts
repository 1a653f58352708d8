import { randomBytes } from 'node:crypto';
import { INestApplicationContext, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import Redis from 'ioredis';
import { ConfigModule } from '@cirkel/config';
import { startOwnRedis, testConfig, testNamespace } from '@cirkel/testing';
import { REDIS, RedisModule } from '../src';

/**
 * Issue 7: Redis with a password where configured. A redis-server of the test's own asks for one
 * (`requirepass`); an app with the right one in REDIS_URL works, one with a wrong or no password
 * stops at start with a message that names REDIS_URL and not the password (before: it logged a
 * warning and retried for ever, never ready).
 */
const password = randomBytes(12).toString('hex');
let port: number;
let server: Awaited<ReturnType<typeof startOwnRedis>>;

beforeAll(async () => {
  server = await startOwnRedis(['--requirepass', password]);
  port = server.port;
});

afterAll(() => server?.stop());

async function start(redisUrl: string): Promise<INestApplicationContext> {
  const config = testConfig('gateway', testNamespace(), { REDIS_URL: redisUrl });
  @Module({ imports: [ConfigModule.forRoot(config), RedisModule] })
  class RedisOnly {}
  return NestFactory.createApplicationContext(RedisOnly, { logger: false, abortOnError: false });
}

it('connects with the password of REDIS_URL', async () => {
  const app = await start(`redis://:${password}@127.0.0.1:${port}`);
  try {
    expect(await app.get<Redis>(REDIS).ping()).toBe('PONG');
  } finally {
    await app.close();
  }
});

it.each([
  ['a wrong password', (p: number) => `redis://:wrong-${password}@127.0.0.1:${p}`],
  ['no password', (p: number) => `redis://127.0.0.1:${p}`],
])('stops at start with %s, naming REDIS_URL and not the password', async (_, url) => {
  const began = Date.now();
  const error = await start(url(port)).then(
    (app) => (app.close(), undefined),
    (e: Error) => e,
  );
  expect(error?.message).toMatch(/^REDIS_URL: Redis at redis:\/\/.*127\.0\.0\.1.* refused the credentials \((WRONGPASS|NOAUTH)/);
  expect(error?.message).not.toContain(password);
  expect(Date.now() - began).toBeLessThan(4000);
});
