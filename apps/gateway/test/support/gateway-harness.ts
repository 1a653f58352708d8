import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { GatewayConfig } from '@cirkel/config';
import { cleanupNamespace, ensureTestDatabase, PrivateNatsWithAccounts, testConfig, testNamespace } from '@cirkel/testing';
import { createGatewayApp } from '../../src/gateway-app';

export interface GatewayHarness {
  namespace: string;
  config: GatewayConfig;
  app: NestFastifyApplication;
  close(): Promise<void>;
}

/**
 * A gateway on its own namespace (schema, subjects, Redis keys) of the test infrastructure, not listening: use `app.inject`.
 * NATS is a server of the test's own with the production accounts (`PrivateNatsWithAccounts`): the
 * gateway connects as its own user (it may ask `rpc.>` and read its own inbox, nothing else); the
 * test's fake services connect without credentials as the harness (`config` is their view, without
 * the account). `close()` fails when the server refused the gateway anything. A `NATS_URL` in `env`,
 * or `TEST_NATS_ACCOUNTS=off`, runs on that server (the machine's) without accounts.
 */
export async function startGateway(env: Record<string, string> = {}): Promise<GatewayHarness> {
  await ensureTestDatabase();
  const namespace = testNamespace();
  const nats = env.NATS_URL === undefined && process.env.TEST_NATS_ACCOUNTS !== 'off' ? await PrivateNatsWithAccounts.start(namespace, { harness: true }) : undefined;
  const ownConfig = testConfig('gateway', namespace, { ...env, ...nats?.env('gateway') });
  const cleanup = async () => {
    await cleanupNamespace(namespace, nats ? { nats: null } : {});
    const refused = nats?.refusals() ?? [];
    await nats?.stop();
    return refused;
  };
  let app: NestFastifyApplication;
  try {
    app = await createGatewayApp(ownConfig);
    await app.getHttpAdapter().getInstance().ready();
  } catch (error) {
    const refused = await cleanup();
    throw new Error(`the gateway did not start (NATS refusals: ${refused.join(' | ') || 'none'}): ${(error as Error).message}`, { cause: error });
  }
  return {
    namespace,
    config: { ...ownConfig, nats: { ...ownConfig.nats, auth: undefined } },
    app,
    async close() {
      await app.close();
      const refused = await cleanup();
      if (refused.length > 0) throw new Error(`the NATS server refused the gateway (its production permissions, libs/messaging/src/nats-permissions.ts):\n${refused.join('\n')}`);
    },
  };
}
