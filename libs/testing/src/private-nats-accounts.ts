import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { connect, NatsConnection } from 'nats';
import { CirkelConfig } from '@cirkel/config';
import { APP_NAMES, AppName, APPS, BOUNDED_CONTEXTS } from '@cirkel/contracts';
import { ensureStreams, inboxPrefixOf, natsAuthorization } from '@cirkel/messaging';
import { PrivateNats } from './private-nats';
import { freePort } from './system-under-test';
import { testConfig } from './test-namespace';

/**
 * A nats-server of a test's own with the production accounts (`natsAuthorization`): a user per app
 * with its permissions, for the namespace's subjects and streams, each with a random password.
 * `env(app)` is what the app needs to connect as itself; nobody connects without an account.
 * One more user, `observer`, may read every request (`rpc.>`) and publish nothing: what someone who
 * reads the bus sees (docs/security.md, "What crosses the bus"). `startServiceUnderTest` runs every
 * service's integration tests on one of these (with the harness user).
 */
export class PrivateNatsWithAccounts {
  private constructor(
    private readonly server: PrivateNats,
    private readonly folder: string,
    private readonly passwords: Record<AppName, string>,
    private readonly observerPassword: string,
  ) {}

  /**
   * `harness`: one more user, `harness`, may do everything, and a connection without credentials is
   * taken as it (`no_auth_user`): the test itself, standing in for the other services (publishing their
   * events, making their streams, asking as the gateway asks), while the apps under test connect as
   * themselves and are held to their own permissions. Without it nobody connects without an account.
   */
  static async start(namespace: string, { harness = false } = {}): Promise<PrivateNatsWithAccounts> {
    const passwords = Object.fromEntries(APP_NAMES.map((app) => [app, randomBytes(18).toString('base64url')])) as Record<AppName, string>;
    const { nats } = testConfig('partners', namespace);
    const folder = mkdtempSync(path.join(tmpdir(), 'cirkel-nats-accounts-'));
    const file = path.join(folder, 'nats.conf');
    const observerPassword = randomBytes(18).toString('base64url');
    const extraUsers = [
      '    {',
      '      user: "observer"',
      `      password: ${JSON.stringify(observerPassword)}`,
      `      permissions: { publish: { deny: [">"] }, subscribe: { allow: [${JSON.stringify(`${nats.subjectPrefix}rpc.>`)}] } }`,
      '    }',
      ...(harness ? ['    {', '      user: "harness"', `      password: ${JSON.stringify(randomBytes(18).toString('base64url'))}`, '    }'] : []),
    ].join('\n');
    const accounts = natsAuthorization({ subjectPrefix: nats.subjectPrefix, streamPrefix: nats.streamPrefix }, (app) => ({ value: passwords[app] }));
    const users = accounts.replace(/\n {2}\]\n\}\n$/, `\n${extraUsers}\n  ]\n}\n`);
    writeFileSync(file, harness ? `no_auth_user: "harness"\n${users}` : users);
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

  /**
   * Makes the streams of every context but `service`'s own, as their owners would (the service may
   * not make them, and waits for them): for a test of one service, which stands in for the others.
   */
  async makeStreamsOfOthers(service: AppName, config: Pick<CirkelConfig, 'nats' | 'messaging'>): Promise<void> {
    const own = APPS.find((app) => app.name === service)?.context;
    const nc = await connect({ servers: this.url }); // the harness (no_auth_user)
    try {
      await ensureStreams(await nc.jetstreamManager(), config.nats, BOUNDED_CONTEXTS.filter((context) => context !== own), config.messaging.streamMaxAgeDays);
    } finally {
      await nc.close();
    }
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
