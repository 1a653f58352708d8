import { Injectable, Module } from '@nestjs/common';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { CirkelConfig, ConfigModule } from '@cirkel/config';
import { MessagingModule, MESSAGING_MIGRATIONS } from '@cirkel/messaging';
import { PersistenceModule } from '@cirkel/persistence';
import { cleanupNamespace, ensureTestDatabase, eventually, PrivateNats, testConfig, testNamespace } from '@cirkel/testing';
import { createServiceApp, HealthModule, ReadinessChecks } from '../src';

/** What a lib's check answers, set by the test. */
let probe: () => Promise<void> = async () => undefined;

/** A lib that contributes a readiness check, as libs/jobs does for its queues. */
@Injectable()
class ProbeLib {
  constructor(checks: ReadinessChecks) {
    checks.register('probe-lib', () => probe());
  }
}

@Module({ providers: [ProbeLib] })
class ProbeLibModule {}

function serviceModule(config: CirkelConfig) {
  @Module({
    imports: [
      ConfigModule.forRoot(config),
      PersistenceModule.forRoot({ entities: [], migrations: [...MESSAGING_MIGRATIONS] }),
      MessagingModule.forRoot({ publishes: ['notifications'] }),
      HealthModule,
      ProbeLibModule,
    ],
  })
  class ServiceModule {}
  return { module: ServiceModule };
}

const ns = testNamespace();
let nats: PrivateNats;
let app: NestFastifyApplication;

async function ready(): Promise<{ status: number; body: { error?: Record<string, { status: string; message?: string }>; info?: Record<string, unknown> } }> {
  const response = await app.inject({ method: 'GET', url: '/health/ready' });
  return { status: response.statusCode, body: response.json() };
}

beforeAll(async () => {
  await ensureTestDatabase();
  nats = await PrivateNats.start();
  const config = testConfig('notifications', ns, { NATS_URL: nats.url });
  app = await createServiceApp(serviceModule(config), config);
  await app.init();
  await app.getHttpAdapter().getInstance().ready();
}, 60_000);

afterAll(async () => {
  await app?.close();
  await nats?.stop();
  await cleanupNamespace(ns);
});

afterEach(() => {
  probe = async () => undefined;
});

describe('/health/ready', () => {
  it('is up when the database, NATS and every registered check answer', async () => {
    const { status, body } = await ready();
    expect(status).toBe(200);
    expect(Object.keys(body.info ?? {})).toEqual(['database', 'nats', 'probe-lib']);
  });

  it('is down, naming the check and why, when a registered check fails', async () => {
    probe = async () => {
      throw new Error('queue unreachable');
    };
    const { status, body } = await ready();
    expect(status).toBe(503);
    expect(body.error).toEqual({ 'probe-lib': { status: 'down', message: 'queue unreachable' } });
  });

  it('is down when a registered check does not answer within 1.5 s', async () => {
    probe = () => new Promise(() => undefined);
    const started = Date.now();
    const { status, body } = await ready();
    expect(status).toBe(503);
    expect(body.error?.['probe-lib']).toEqual({ status: 'down', message: 'no answer within 1500 ms' });
    expect(Date.now() - started).toBeGreaterThanOrEqual(1400);
  });

  it('refuses a second check of the same name', () => {
    expect(() => app.get(ReadinessChecks).register('probe-lib', async () => undefined)).toThrow(/registered already/);
  });

  it('is down while NATS is, and up again when it is back', async () => {
    await nats.kill();
    const down = await ready();
    expect(down.status).toBe(503);
    expect(Object.keys(down.body.error ?? {})).toEqual(['nats']);
    await nats.restart();
    await eventually(async () => expect((await ready()).status).toBe(200), { timeoutMs: 15_000 });
  }, 30_000);
});
