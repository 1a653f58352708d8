import { ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';
import { APP_NAMES, AppName } from '@cirkel/contracts';
import { Client } from 'pg';
import { PrivateNatsWithAccounts } from './private-nats-accounts';
import { cleanupNamespace, ensureTestDatabase } from './test-infrastructure';
import { TEST_DATABASE_URL, testConfig, testEnvironment, testNamespace } from './test-namespace';

const ROOT = path.resolve(__dirname, '../../..');
const SEED_TIMEOUT_MS = 120_000;

/** The whole system, every app a process of its own as `npm start` runs it, in a namespace of its own. */
export interface SystemUnderTest {
  namespace: string;
  /** `http://127.0.0.1:<port>` of the gateway. */
  gatewayUrl: string;
  ports: Record<AppName, number>;
  /** What each app printed, for a failing test's message. */
  logs: Record<AppName, string[]>;
  stopApp(app: AppName): Promise<void>;
  /** A query in an app's own schema (to read what no API shows, such as an e-mail queued with a link). */
  query<T extends object>(app: AppName, sql: string, params?: unknown[]): Promise<T[]>;
  stop(): Promise<void>;
}

/**
 * The whole system; with `seedDemo` each app's seed entry point (`apps/<app>/src/seed.ts`) runs once
 * that app is ready, as `npm start` does, in the order of the list of apps. `env` goes to every
 * app, `envOf(app)` to one (its own NATS account on a server the test started, `PrivateNatsWithAccounts`).
 *
 * Without `envOf` (and without a `NATS_URL` in `env`) the system gets a NATS server of its own with
 * the production accounts, rendered for its namespace: every app connects as itself, nobody
 * connects without an account, and `stop()` fails when the server refused any app anything.
 * `TEST_NATS_ACCOUNTS=off` runs on the machine's NATS without accounts instead (to compare).
 */
export async function startSystem({
  seedDemo = true,
  env = {} as Record<string, string>,
  envOf: givenEnvOf = undefined as ((app: AppName) => Record<string, string>) | undefined,
  namespace = testNamespace(),
} = {}): Promise<SystemUnderTest> {
  await ensureTestDatabase();
  const nats = givenEnvOf === undefined && env.NATS_URL === undefined && process.env.TEST_NATS_ACCOUNTS !== 'off' ? await PrivateNatsWithAccounts.start(namespace) : undefined;
  const envOf = givenEnvOf ?? ((app: AppName) => nats?.env(app) ?? {});
  const ports = Object.fromEntries(await Promise.all(APP_NAMES.map(async (s) => [s, await freePort()]))) as Record<AppName, number>;
  const logs = Object.fromEntries(APP_NAMES.map((s) => [s, [] as string[]])) as Record<AppName, string[]>;
  const children = new Map<AppName, ChildProcess>();
  const gatewayUrl = `http://127.0.0.1:${ports.gateway}`;

  const appEnv = (app: AppName): Record<string, string> => ({ ...testEnvironment(namespace), PORT: String(ports[app]), PUBLIC_URL: gatewayUrl, ...env, ...envOf(app) });

  const launch = (app: AppName) => {
    const child = spawn(process.execPath, ['-r', '@swc-node/register', `apps/${app}/src/main.ts`], {
      cwd: ROOT,
      env: { ...process.env, ...appEnv(app) },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const keep = (chunk: Buffer) => logs[app].push(...chunk.toString().split('\n').filter(Boolean));
    child.stdout?.on('data', keep);
    child.stderr?.on('data', keep);
    children.set(app, child);
  };

  const stopApp = async (app: AppName) => {
    const child = children.get(app);
    children.delete(app);
    if (!child || child.exitCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    await exited;
    clearTimeout(timer);
  };

  const stop = async () => {
    await Promise.all([...children.keys()].map(stopApp));
    await cleanupNamespace(namespace, nats ? { nats: null } : {});
    const refused = nats?.refusals() ?? [];
    await nats?.stop();
    // an app that got over a refusal (a retried consumer) still lacks a right it uses
    if (refused.length > 0) throw new Error(`the NATS server refused the apps (their production permissions, libs/messaging/src/nats-permissions.ts):\n${refused.join('\n')}`);
  };

  try {
    // partners first (its stream and the people the others learn of), then the rest; each app's
    // seed once that app is ready, one after another.
    launch('partners');
    await waitReady('partners', ports.partners, logs, children);
    for (const app of APP_NAMES) if (app !== 'partners') launch(app);
    const ready = new Map(APP_NAMES.map((app) => [app, app === 'partners' ? undefined : waitReady(app, ports[app], logs, children)]));
    let seeded: Promise<unknown> = Promise.resolve();
    for (const app of APP_NAMES.filter((a) => seedDemo && hasSeed(a))) {
      seeded = Promise.all([seeded, ready.get(app)]).then(() => runSeed(app, appEnv(app)));
    }
    await Promise.all([seeded, ...ready.values()]);
  } catch (error) {
    await stop().catch((refused: Error) => ((error as Error).message += `\n${refused.message}`));
    throw error;
  }
  const query = async <T extends object>(app: AppName, sql: string, params: unknown[] = []): Promise<T[]> => {
    const client = new Client({ connectionString: TEST_DATABASE_URL });
    await client.connect();
    try {
      await client.query(`SET search_path TO "${testConfig(app, namespace).database.schema}"`);
      return (await client.query(sql, params)).rows as T[];
    } finally {
      await client.end();
    }
  };
  return { namespace, gatewayUrl, ports, logs, stopApp, query, stop };
}

/** Whether the app has a seed entry point (`apps/<app>/src/seed.ts`): demo data of its own. */
export function hasSeed(app: AppName): boolean {
  return existsSync(path.join(ROOT, 'apps', app, 'src', 'seed.ts'));
}

/**
 * Runs an app's seed entry point from its sources, with the app's environment (the same
 * `CIRKEL_NAMESPACE`, `DATABASE_URL`, …), and resolves when it has exited 0; rejects with its output.
 */
export function runSeed(app: AppName, env: Record<string, string>): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['-r', '@swc-node/register', `apps/${app}/src/seed.ts`], {
      cwd: ROOT,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const output: string[] = [];
    child.stdout?.on('data', (chunk: Buffer) => output.push(chunk.toString()));
    child.stderr?.on('data', (chunk: Buffer) => output.push(chunk.toString()));
    // A seed that hangs fails the test in two minutes instead of holding it until Jest gives up.
    const timer = setTimeout(() => child.kill('SIGKILL'), SEED_TIMEOUT_MS);
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      if (code === 0) resolve();
      else reject(new Error(`the ${app} seed exited with ${signal ?? code}:\n${output.join('').slice(-4000)}`));
    });
  });
}

async function waitReady(app: AppName, port: number, logs: Record<AppName, string[]>, children: Map<AppName, ChildProcess>, timeoutMs = 90_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const child = children.get(app);
    if (child?.exitCode !== null && child?.exitCode !== undefined) {
      throw new Error(`${app} exited with ${child.exitCode} before it was ready:\n${logs[app].slice(-30).join('\n')}`);
    }
    try {
      const res = await fetch(`http://127.0.0.1:${port}/health/ready`);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`${app} was not ready within ${timeoutMs / 1000} s:\n${logs[app].slice(-30).join('\n')}`);
}

/** A TCP port nothing listens on right now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}
