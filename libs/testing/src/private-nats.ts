import { ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { connect as tcpConnect } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { freePort } from './system-under-test';

const NATS_SERVER = process.env.NATS_SERVER_BIN ?? (existsSync('/usr/sbin/nats-server') ? '/usr/sbin/nats-server' : 'nats-server');

/**
 * A nats-server with JetStream of a test's own, on a free port and a store in a temporary folder,
 * for fault tests that kill and restart it (never the machine's shared server). `restart` keeps
 * the store, so streams and consumers survive as they would in production.
 */
export class PrivateNats {
  private process?: ChildProcess;

  private constructor(
    readonly port: number,
    private readonly store: string,
    private readonly args: readonly string[],
    private readonly env?: Record<string, string>,
  ) {}

  static async start(): Promise<PrivateNats> {
    const nats = PrivateNats.create(await freePort());
    await nats.restart();
    return nats;
  }

  /** A server on `port` with a store of its own and these further options (a cluster's), not started yet; `env` adds to its environment (passwords its configuration reads). */
  static create(port: number, args: readonly string[] = [], env?: Record<string, string>): PrivateNats {
    return new PrivateNats(port, mkdtempSync(path.join(tmpdir(), 'cirkel-nats-')), args, env);
  }

  get url(): string {
    return `nats://127.0.0.1:${this.port}`;
  }

  /** Starts the server (again) on the same port and store, and waits until it accepts connections. */
  async restart(): Promise<void> {
    const server = spawn(NATS_SERVER, ['-js', '-a', '127.0.0.1', '-p', String(this.port), '-sd', this.store, ...this.args], { stdio: 'ignore', ...(this.env ? { env: { ...process.env, ...this.env } } : {}) });
    this.process = server;
    // A missing binary is an 'error' event: without a listener it would end the test process.
    let failed: Error | undefined;
    server.once('error', (error) => (failed = error));
    const deadline = Date.now() + 10_000;
    while (!(await this.listening())) {
      if (failed) throw new Error(`nats-server (${NATS_SERVER}) could not start: ${failed.message}; apt-get install nats-server`);
      if (Date.now() > deadline) {
        await this.kill(); // never left running behind a failed test
        throw new Error(`nats-server on port ${this.port} did not start within 10 s`);
      }
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  /** Kills the server at once (SIGKILL), as a crash would. */
  async kill(): Promise<void> {
    const server = this.process;
    this.process = undefined;
    if (!server || server.exitCode !== null) return;
    const exited = new Promise((resolve) => server.once('exit', resolve));
    server.kill('SIGKILL');
    await exited;
  }

  /** Kills the server (SIGKILL) and empties its store, as a node whose disk is lost; `restart` then starts it on an empty store. */
  async killAndLoseStore(): Promise<void> {
    await this.kill();
    rmSync(this.store, { recursive: true, force: true });
    mkdirSync(this.store);
  }

  /** Kills the server and removes its store. */
  async stop(): Promise<void> {
    await this.kill();
    rmSync(this.store, { recursive: true, force: true });
  }

  private listening(): Promise<boolean> {
    return new Promise((resolve) => {
      const socket = tcpConnect(this.port, '127.0.0.1');
      socket.once('connect', () => (socket.destroy(), resolve(true)));
      socket.once('error', () => resolve(false));
    });
  }
}
