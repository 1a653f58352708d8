/** What the benchmarks that start one of the apps as a process of its own (bench:digest, bench:statistics) share. */
import { ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '..');

export interface AppProcess {
  child: ChildProcess;
  /** What the app wrote (stdout and stderr), to show when something fails. */
  logs: string[];
  exited: Promise<unknown>;
  /** Resolves once the app answers `GET /health/ready` (two minutes at most). */
  ready(): Promise<void>;
}

/** Starts `apps/<app>/src/main.ts` with this environment (its PORT among it), as `npm start` would. */
export function startApp(app: string, env: NodeJS.ProcessEnv & { PORT: string }): AppProcess {
  const child = spawn(process.execPath, ['-r', '@swc-node/register', `apps/${app}/src/main.ts`], { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  const logs: string[] = [];
  child.stdout?.on('data', (c: Buffer) => logs.push(c.toString()));
  child.stderr?.on('data', (c: Buffer) => logs.push(c.toString()));
  const exited = new Promise((resolve) => child.once('exit', resolve));
  const ready = async () => {
    const until = Date.now() + 120_000;
    for (;;) {
      try {
        if ((await fetch(`http://127.0.0.1:${env.PORT}/health/ready`)).ok) return;
      } catch {
        // not listening yet
      }
      if (Date.now() > until) throw new Error(`${app} did not get ready:\n${logs.slice(-20).join('\n')}`);
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  };
  return { child, logs, exited, ready };
}
