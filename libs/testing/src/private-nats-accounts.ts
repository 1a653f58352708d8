import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { connect, NatsConnection } from 'nats';
import { APP_NAMES, AppName } from '@cirkel/contracts';
import { inboxPrefixOf, natsAuthorization } from '@cirkel/messaging';
import { PrivateNats } from './private-nats';
import { freePort } from './system-under-test';
import { testConfig } from './test-namespace';

/**
 * A nats-server of a test's own with the production accounts (`natsAuthorization`): a user per app
 * with its permissions, for the namespace's subjects and streams, each with a random password.
 * `env(app)` is what the app needs to connect as itself; nobody connects without an account.
 * One more user, `observer`, may read every request (`rpc.>`) and publish nothing: what someone who
 * reads the bus sees (docs/security.md, "What crosses the bus").
 */
export class PrivateNatsWithAccounts {
  private constructor(
    private readonly server: PrivateNats,
    private readonly folder: string,
    private readonly passwords: Record<AppName, string>,
    private readonly observerPassword: string,
  ) {}

  static async start(namespace: string): Promise<PrivateNatsWithAccounts> {
    const passwords = Object.fromEntries(APP_NAMES.map((app) => [app, randomBytes(18).toString('base64url')])) as Record<AppName, string>;
    const { nats } = testConfig('partners', namespace);
    const folder = mkdtempSync(path.join(tmpdir(), 'cirkel-nats-accounts-'));
    const file = path.join(folder, 'nats.conf');
    const observerPassword = randomBytes(18).toString('base64url');
    const observer = [
      '    {',
      '      user: "observer"',
      `      password: ${JSON.stringify(observerPassword)}`,
      `      permissions: { publish: { deny: [">"] }, subscribe: { allow: [${JSON.stringify(`${nats.subjectPrefix}rpc.>`)}] } }`,
      '    }',
    ].join('\n');
    const accounts = natsAuthorization({ subjectPrefix: nats.subjectPrefix, streamPrefix: nats.streamPrefix }, (app) => ({ value: passwords[app] }));
    writeFileSync(file, accounts.replace(/\n {2}\]\n\}\n$/, `\n${observer}\n  ]\n}\n`));
    const server = PrivateNats.create(await freePort(), ['-c', file, '-l', path.join(folder, 'nats.log')]);
    await server.restart();
    return new PrivateNatsWithAccounts(server, folder, passwords, observerPassword);
  }

  get url(): string {
    return this.server.url;
  }

  /** The environment of an app connecting as itself to this server. */
  env(app: AppName): Record<string, string> {
    return { NATS_URL: this.url, NATS_USER: app, NATS_PASSWORD: this.passwords[app] };
  }

  /** A connection as the app, with the app's inbox prefix (as `connectNats` makes it). */
  connect(app: AppName): Promise<NatsConnection> {
    return connect({ servers: this.url, user: app, pass: this.passwords[app], inboxPrefix: inboxPrefixOf(app) });
  }

  /** A connection of the observer, who may read every request of the namespace (`rpc.>`) and publish nothing. */
  observe(): Promise<NatsConnection> {
    return connect({ servers: this.url, user: 'observer', pass: this.observerPassword });
  }

  /** What the server refused so far, from its log: `Publish Violation`, `Subscription Violation`, `authentication error` lines. */
  refusals(): string[] {
    const log = path.join(this.folder, 'nats.log');
    if (!existsSync(log)) return [];
    return readFileSync(log, 'utf8')
      .split('\n')
      .filter((line) => /violation|authentication error/i.test(line));
  }

  async stop(): Promise<void> {
    await this.server.stop();
    rmSync(this.folder, { recursive: true, force: true });
  }
}
