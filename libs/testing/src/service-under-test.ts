import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { connect, NatsConnection } from 'nats';
import { Client } from 'pg';
import { CirkelConfig } from '@cirkel/config';
import { AppName } from '@cirkel/contracts';
import { cleanupNamespace, ensureTestDatabase } from './test-infrastructure';
import { TEST_DATABASE_URL, testConfig, testNamespace } from './test-namespace';

/** A service started in-process against the real servers, in a namespace of its own, with the clients a test needs. */
export interface ServiceUnderTest {
  namespace: string;
  config: CirkelConfig;
  app: NestFastifyApplication;
  nc: NatsConnection;
  db: Client;
  /** Runs a query in the service's own schema. */
  query<T extends object>(sql: string, params?: unknown[]): Promise<T[]>;
  /** Closes the app and starts it again in the same namespace (its data, streams and queues kept): `app` is the new one. */
  restart(): Promise<void>;
  stop(): Promise<void>;
}

/** `create` is the app's factory, usually `(config) => createServiceApp(SomeModule.forRoot(config), config)`. */
export async function startServiceUnderTest(
  service: AppName,
  create: (config: CirkelConfig) => Promise<NestFastifyApplication>,
  env: Record<string, string> = {},
): Promise<ServiceUnderTest> {
  const namespace = testNamespace();
  await ensureTestDatabase();
  const config = testConfig(service, namespace, env);
  const started = async () => {
    const app = await create(config);
    await app.init();
    await app.getHttpAdapter().getInstance().ready();
    return app;
  };
  const app = await started();
  const nc = await connect({ servers: config.nats.servers });
  const db = new Client({ connectionString: TEST_DATABASE_URL });
  await db.connect();
  const sut: ServiceUnderTest = {
    namespace,
    config,
    app,
    nc,
    db,
    async query<T extends object>(sql: string, params: unknown[] = []) {
      await db.query(`SET search_path TO "${config.database.schema}"`);
      return (await db.query(sql, params)).rows as T[];
    },
    async restart() {
      await sut.app.close();
      sut.app = await started();
    },
    async stop() {
      await sut.app.close();
      await nc.close();
      await db.end();
      await cleanupNamespace(namespace);
    },
  };
  return sut;
}
