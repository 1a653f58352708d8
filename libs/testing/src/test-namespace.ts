import { randomBytes } from 'node:crypto';
import { CirkelConfig, GatewayConfig, loadConfig } from '@cirkel/config';
import { AppName } from '@cirkel/contracts';

/** A fresh namespace for one test run: its own schemas, streams, subjects and Redis keys. */
export function testNamespace(): string {
  const alphabet = 'abcdefghijklmnopqrstuvwxyz0123456789';
  const bytes = randomBytes(7);
  return 't' + [...bytes].map((b) => alphabet[b % alphabet.length]).join('');
}

export const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/cirkel_test';

/** The configuration a service gets in a test: the namespace, the test database, a random port, quiet logs. */
export function testConfig(service: 'gateway', namespace: string, env?: Record<string, string>): GatewayConfig;
export function testConfig(service: AppName, namespace: string, env?: Record<string, string>): CirkelConfig;
export function testConfig(service: AppName, namespace: string, env: Record<string, string> = {}): CirkelConfig {
  return loadConfig(service, {
    ...process.env,
    NODE_ENV: 'test',
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'error',
    DATABASE_URL: TEST_DATABASE_URL,
    DATABASE_POOL_SIZE: '5',
    CIRKEL_NAMESPACE: namespace,
    PORT: '0',
    OUTBOX_SWEEP_MS: '200',
    NATS_REQUEST_TIMEOUT_MS: '3000',
    ...env,
  });
}
