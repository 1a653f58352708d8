import { ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import path from 'node:path';
import { APP_NAMES, AppName } from '@cirkel/contracts';
import { cleanupNamespace, ensureTestDatabase } from './test-infrastructure';
import { TEST_DATABASE_URL, testNamespace } from './test-namespace';

const ROOT = path.resolve(__dirname, '../../..');

/** The whole system, every app a process of its own as `npm start` runs it, in a namespace of its own. */
export interface SystemUnderTest {
  namespace: string;
  /** `http://127.0.0.1:<port>` of the gateway. */
  gatewayUrl: string;
  ports: Record<AppName, number>;
  /** What each app printed, for a failing test's message. */
  logs: Record<AppName, string[]>;
  stopApp(app: AppName): Promise<void>;
  stop(): Promise<void>;
}

export async function startSystem({ seedDemo = true, env = {} as Record<string, string> } = {}): Promise<SystemUnderTest> {
  const namespace = testNamespace();
  await ensureTestDatabase();
  const ports = Object.fromEntries(await Promise.all(APP_NAMES.map(async (s) => [s, await freePort()]))) as Record<AppName, number>;
  const logs = Object.fromEntries(APP_NAMES.map((s) => [s, [] as string[]])) as Record<AppName, string[]>;
  const children = new Map<AppName, ChildProcess>();
  const gatewayUrl = `http://127.0.0.1:${ports.gateway}`;

  const launch = (app: AppName) => {
    const child = spawn(process.execPath, ['-r', '@swc-node/register', `apps/${app}/src/main.ts`], {
      cwd: ROOT,
      env: {
        ...process.env,
        NODE_ENV: 'test',
        CIRKEL_NAMESPACE: namespace,
        DATABASE_URL: TEST_DATABASE_URL,
        DATABASE_POOL_SIZE: '4',
        PORT: String(ports[app]),
        PUBLIC_URL: gatewayUrl,
        LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'warn',
        OUTBOX_SWEEP_MS: '500',
        CIRKEL_SEED_DEMO: app === 'partners' && seedDemo ? 'true' : 'false',
        ...env,
      },
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
    await cleanupNamespace(namespace);
  };

  try {
    // partners first: it seeds the demo hub, and the others then start on a quieter machine.
    launch('partners');
    await waitReady('partners', ports.partners, logs, children);
    for (const app of APP_NAMES) if (app !== 'partners') launch(app);
    await Promise.all(APP_NAMES.filter((s) => s !== 'partners').map((s) => waitReady(s, ports[s], logs, children)));
  } catch (error) {
    await stop();
    throw error;
  }
  return { namespace, gatewayUrl, ports, logs, stopApp, stop };
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
