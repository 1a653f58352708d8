import { readFileSync } from 'node:fs';
import { connect, ConnectionOptions, credsAuthenticator, NatsConnection } from 'nats';
import { CirkelConfig } from '@cirkel/config';

/**
 * The inbox prefix of an app's connections: the replies to its requests and its JetStream
 * deliveries come to `_INBOX.<app>.…`, which only that app's NATS user may subscribe to
 * (`natsPermissions`), so no other app reads them.
 */
export function inboxPrefixOf(service: string): string {
  return `_INBOX.${service}`;
}

/**
 * What every NATS connection of the app says to the server: its servers, its own account (user and
 * password, or a credentials file; docs/security.md), TLS when configured, and its own inbox prefix.
 * The request server's connection takes the same (`connectServiceTransports`).
 */
export function natsConnectionOptions(config: CirkelConfig): ConnectionOptions {
  const { auth, tls } = config.nats;
  return {
    servers: config.nats.servers,
    inboxPrefix: inboxPrefixOf(config.service),
    ...(auth && 'user' in auth ? { user: auth.user, pass: auth.password } : {}),
    ...(auth && 'credsFile' in auth ? { authenticator: credsAuthenticator(readFileSync(auth.credsFile)) } : {}),
    ...(tls ? { tls } : {}),
  };
}

/**
 * One NATS connection per process, named after the service, reconnecting for ever. Without async
 * traces: nats.js would otherwise build an Error (a stack capture) for every request and publish,
 * which costs the relay about a fifth of its time; a timeout still says which request timed out.
 */
export function connectNats(config: CirkelConfig, purpose = 'events'): Promise<NatsConnection> {
  return connect({
    ...natsConnectionOptions(config),
    name: `cirkel-${config.service}-${purpose}`,
    maxReconnectAttempts: -1,
    reconnectTimeWait: 500,
    noAsyncTraces: true,
  });
}
