import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { GatewayConfig } from '@cirkel/config';
import { cleanupNamespace, ensureTestDatabase, testConfig, testNamespace } from '@cirkel/testing';
import { createGatewayApp } from '../../src/gateway-app';

export interface GatewayHarness {
  namespace: string;
  config: GatewayConfig;
  app: NestFastifyApplication;
  close(): Promise<void>;
}

/** A gateway on its own namespace (schema, subjects, Redis keys) of the test infrastructure, not listening: use `app.inject`. */
export async function startGateway(env: Record<string, string> = {}): Promise<GatewayHarness> {
  await ensureTestDatabase();
  const namespace = testNamespace();
  const config = testConfig('gateway', namespace, env);
  let app: NestFastifyApplication;
  try {
    app = await createGatewayApp(config);
    await app.getHttpAdapter().getInstance().ready();
  } catch (error) {
    await cleanupNamespace(namespace);
    throw error;
  }
  return {
    namespace,
    config,
    app,
    async close() {
      await app.close();
      await cleanupNamespace(namespace);
    },
  };
}
