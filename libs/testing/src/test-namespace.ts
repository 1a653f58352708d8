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

/**
 * The one test preset: the environment of an app in a test run, whether it runs in-process
 * (`testConfig`, `startServiceUnderTest`) or as a process of the whole system (`startSystem`):
 * its namespace, the test database, a short outbox sweep, quiet logs (`TEST_LOG_LEVEL` to hear more).
 */
export function testEnvironment(namespace: string): Record<string, string> {
  return {
    NODE_ENV: 'test',
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'warn',
    DATABASE_URL: TEST_DATABASE_URL,
    DATABASE_POOL_SIZE: '4',
    CIRKEL_NAMESPACE: namespace,
    OUTBOX_SWEEP_MS: '200',
    // production's own (5 s): a loaded test machine's Argon2id logins and large digests took past 3 s
    NATS_REQUEST_TIMEOUT_MS: '5000',
  };
}

/** The configuration a service gets in a test in-process: the preset, and a random port. */
export function testConfig(service: 'gateway', namespace: string, env?: Record<string, string>): GatewayConfig;
export function testConfig(service: AppName, namespace: string, env?: Record<string, string>): CirkelConfig;
export function testConfig(service: AppName, namespace: string, env: Record<string, string> = {}): CirkelConfig {
  return loadConfig(service, { ...process.env, ...testEnvironment(namespace), PORT: '0', ...env });
}
