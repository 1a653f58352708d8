import { APPS, AppName, BOUNDED_CONTEXTS, GetContact, GetDigestFigures, GetDigestFiguresV2, GetEmailDelivery, RequestContract } from '@cirkel/contracts';
import { inboxPrefixOf } from './nats-connection';
import { requestSubject } from './requests';
import { Naming, streamName } from './streams';

/**
 * The requests an app other than the gateway sends to another app, on its own account (signed with
 * the services' key). Only these: every other request on the bus comes from the gateway.
 */
export const REQUESTS_BETWEEN_SERVICES: Partial<Record<AppName, readonly RequestContract[]>> = {
  notifications: [GetEmailDelivery, GetContact, GetDigestFigures, GetDigestFiguresV2],
};

/** What one app's NATS user may publish and subscribe to; everything else the server refuses. */
export interface NatsUserPermissions {
  user: AppName;
  publish: string[];
  subscribe: string[];
}

/**
 * The subjects of each app (docs/security.md, "What crosses the bus"), from the one list of apps:
 *
 * - its events: only the app that owns a context publishes `<context>.>` (only partners `partners.>`);
 * - requests: only the gateway publishes `rpc.>`; a service answers on `rpc.<app>.>` (and publishes
 *   its answer to the asker's reply subject, which the server allows for one answer per request,
 *   `allow_responses`); `REQUESTS_BETWEEN_SERVICES` adds the few a service asks of another;
 * - replies and JetStream deliveries to its own inbox, `_INBOX.<app>.>`, which no other app may read;
 * - JetStream: the API of the streams it writes or reads (stream info, create and update, as
 *   `ensureStreams` does for both), their consumers, and acknowledging their deliveries. The gateway
 *   neither writes nor reads a stream.
 *
 * NATS wildcards match whole tokens, so a consumer's rights cover every consumer of a stream the
 * app reads, not only those named after it (docs/security.md says what that leaves open).
 */
export function natsPermissions(naming: Naming): NatsUserPermissions[] {
  const p = naming.subjectPrefix;
  return APPS.map((app) => {
    const publish: string[] = [];
    const subscribe: string[] = [`${inboxPrefixOf(app.name)}.>`];
    if (app.name === 'gateway') {
      publish.push(`${p}rpc.>`);
      publish.push('$JS.API.INFO'); // the JetStream manager's check at start; no stream
    } else {
      subscribe.push(requestSubject(p, `${app.name}.>`));
      for (const contract of REQUESTS_BETWEEN_SERVICES[app.name] ?? []) publish.push(requestSubject(p, contract.pattern));
      if (app.context) publish.push(`${p}${app.context}.>`);
      publish.push('$JS.API.INFO');
      for (const context of BOUNDED_CONTEXTS) {
        const stream = streamName(naming, context);
        publish.push(
          `$JS.API.STREAM.INFO.${stream}`,
          `$JS.API.STREAM.CREATE.${stream}`,
          `$JS.API.STREAM.UPDATE.${stream}`,
          `$JS.API.CONSUMER.INFO.${stream}.*`,
          `$JS.API.CONSUMER.CREATE.${stream}.*`,
          `$JS.API.CONSUMER.CREATE.${stream}.*.>`,
          `$JS.API.CONSUMER.DURABLE.CREATE.${stream}.*`,
          `$JS.API.CONSUMER.DELETE.${stream}.*`,
          `$JS.API.CONSUMER.MSG.NEXT.${stream}.*`,
          `$JS.ACK.${stream}.>`,
        );
      }
    }
    return { user: app.name, publish, subscribe };
  });
}

/** How the server learns an app's password: a variable in its environment (`$NATS_PASSWORD_PARTNERS`), or the password itself (a test's own server). */
export type PasswordOf = (app: AppName) => { env: string } | { value: string };

/** The environment variable the NATS server reads an app's password from. */
export function natsPasswordVariable(app: AppName): string {
  return `NATS_PASSWORD_${app.toUpperCase()}`;
}

/**
 * The `authorization` block of nats-server's configuration: a user per app with its permissions
 * (`natsPermissions`); nobody else may connect. Rendered into `deploy/nats/auth.conf` by
 * `npm run nats:render` (passwords from the server's environment), and by tests for a server of their own.
 */
export function natsAuthorization(naming: Naming, passwordOf: PasswordOf = (app) => ({ env: natsPasswordVariable(app) })): string {
  const quote = (subject: string) => JSON.stringify(subject);
  const list = (subjects: string[]) => `[\n${subjects.map((s) => `          ${quote(s)}`).join('\n')}\n        ]`;
  const users = natsPermissions(naming).map(({ user, publish, subscribe }) => {
    const password = passwordOf(user);
    return [
      '    {',
      `      user: ${quote(user)}`,
      `      password: ${'env' in password ? `$${password.env}` : quote(password.value)}`,
      '      permissions: {',
      `        publish: { allow: ${list(publish)} }`,
      `        subscribe: { allow: ${list(subscribe)} }`,
      // a service answers each request it receives once, to the asker's reply subject, within a minute
      ...(user === 'gateway' ? [] : ['        allow_responses: { max: 1, expires: "1m" }']),
      '      }',
      '    }',
    ].join('\n');
  });
  return `authorization {\n  users: [\n${users.join('\n')}\n  ]\n}\n`;
}
