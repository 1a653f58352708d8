import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { connect, NatsConnection } from 'nats';
import { Client } from 'pg';
import { CirkelConfig } from '@cirkel/config';
import { AppName } from '@cirkel/contracts';
import { PrivateNatsWithAccounts } from './private-nats-accounts';
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
  /** What the NATS server refused so far (the service's publish or subscribe outside its rights, a connection refused). */
  refusals(): string[];
  /** Stops the service and removes its namespace; fails when the NATS server refused the service anything. */
  stop(): Promise<void>;
}

/**
 * `create` is the app's factory, usually `(config) => createServiceApp(SomeModule.forRoot(config), config)`.
 *
 * The service connects to a NATS server of the test's own with the production accounts
 * (`PrivateNatsWithAccounts`, rendered for this namespace): as its own user, held to its own
 * subjects, streams and consumers, so a test of a service that publishes or consumes outside its
 * rights fails as it would in production (the server's refusals are in the error). The test's own
 * connections (`nc`, `TestRequests.connect(sut.config)`, `connect({ servers: sut.config.nats.servers })`)
 * connect without credentials and act as the harness, which may do everything (the other services'
 * events and streams, the gateway's requests); `sut.config` is the harness's view (no account).
 * An `env` that names its own `NATS_URL` (a fault test's server) runs without accounts, and so does
 * every service under test with `TEST_NATS_ACCOUNTS=off` (the machine's NATS, as before: to compare).
 */
export async function startServiceUnderTest(
  service: AppName,
  create: (config: CirkelConfig) => Promise<NestFastifyApplication>,
  env: Record<string, string> = {},
): Promise<ServiceUnderTest> {
  const namespace = testNamespace();
  await ensureTestDatabase();
  const nats = env.NATS_URL === undefined && process.env.TEST_NATS_ACCOUNTS !== 'off' ? await PrivateNatsWithAccounts.start(namespace, { harness: true }) : undefined;
  const ownConfig = testConfig(service, namespace, { ...env, ...nats?.env(service) });
  const config: CirkelConfig = { ...ownConfig, nats: { ...ownConfig.nats, auth: undefined } };
  try {
    await nats?.makeStreamsOfOthers(service, config);
  } catch (error) {
    await nats?.stop();
    throw error;
  }
  const nc = await connect({ servers: config.nats.servers });
  const started = async () => {
    const app = await create(ownConfig);
    try {
      await app.init();
      await app.getHttpAdapter().getInstance().ready();
    } catch (error) {
      await app.close().catch(() => undefined); // its connections would hold the test process open
      throw error;
    }
    return app;
  };
  let app: NestFastifyApplication;
  try {
    app = await started();
  } catch (error) {
    const refused = nats?.refusals() ?? [];
    await nc.close();
    await nats?.stop();
    throw new Error(`${service} did not start${nats ? ` (NATS refusals: ${refused.join(' | ') || 'none'})` : ''}: ${(error as Error).message}`, { cause: error });
  }
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
    refusals: () => nats?.refusals() ?? [],
    async stop() {
      await sut.app.close();
      await nc.close();
      await db.end();
      await cleanupNamespace(namespace, nats ? { nats: null } : {});
      const refused = nats?.refusals() ?? [];
      await nats?.stop();
      // a refusal the service met and got over (a retried consumer) still means a right it lacks
      if (refused.length > 0) throw new Error(`the NATS server refused ${service} (its production permissions, libs/messaging/src/nats-permissions.ts):\n${refused.join('\n')}`);
    },
  };
  return sut;
}
