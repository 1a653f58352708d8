import {
  ACTION_OVERDUE,
  APPS,
  AppName,
  ASSIGNMENT_ACCEPTED,
  ASSIGNMENT_PROPOSED,
  ATTENDANCE_RECORDED,
  BoundedContext,
  CHARTER_PUBLISHED,
  COLLABORATOR_JOINED,
  EMAIL_QUEUED,
  GetContact,
  GetDigestFigures,
  GetDigestFiguresV2,
  GetEmailDelivery,
  MarkEmailDeliverySent,
  GetPersonNames,
  IDEA_STAGE_CHANGED,
  IDEA_SUBMITTED,
  MEMBER_JOINED,
  MEMBER_LEFT,
  MENTOR_PROFILE_CHANGED,
  ORGANISATION_APPROVED,
  ORGANISATION_CHANGE_PROPOSED,
  ORGANISATION_REGISTERED,
  ORGANISATION_REJECTED,
  ORGANISATION_UPDATED,
  REGISTRATION_CHANGED,
  REGISTRATION_PROMOTED,
  RequestContract,
  ROLES_CHANGED,
  SESSION_HELD,
  SESSION_REMINDER_DUE,
} from '@cirkel/contracts';
import { eventConsumers, handlerRef, patternConsumerName } from './jetstream/event-consumers';
import { inboxPrefixOf } from './nats-connection';
import { requestSubject } from './requests';
import { Naming, streamName } from './streams';

/**
 * The requests an app other than the gateway sends to another app, on its own account (signed with
 * its own key; each contract names the services that may ask it, `askedOnOwnAccountBy`). Only these: every other request on the bus comes from the gateway.
 */
export const REQUESTS_BETWEEN_SERVICES: Partial<Record<AppName, readonly RequestContract[]>> = {
  notifications: [GetEmailDelivery, MarkEmailDeliverySent, GetContact, GetDigestFigures, GetDigestFiguresV2],
  // the names a mentor's session views and plan form show (coaching decides who sees whose name)
  coaching: [GetPersonNames],
};

/** The events every service but partners copies roles from (libs/auth's role copy, its handlers named `role-copy`). */
const ROLE_COPY = [ROLES_CHANGED, MEMBER_JOINED, MEMBER_LEFT].map((type) => handlerRef(type, 'role-copy'));

/**
 * The event handlers of each app (`@EventPattern`), by pattern, and name where one was given
 * (`partners.roles-changed#role-copy`, `handlerRef`): its NATS user may make, read, pull and delete
 * the durable consumers of these (`eventConsumers` names them, one per handler) and no other, and
 * look up the streams they are on. A service that handles an event not listed here is refused its consumer by
 * the NATS server with the production accounts (the consumer lifecycle logs which line is missing;
 * the e2e request-path spec fails): add it, then `npm run nats:render`. Each app's
 * `events-consumed.spec.ts` reads its handlers from its module and fails when this list misses one
 * or names one that no handler takes.
 */
export const EVENTS_CONSUMED: Record<AppName, readonly string[]> = {
  gateway: [],
  partners: [],
  ideas: [...ROLE_COPY, ASSIGNMENT_ACCEPTED, ORGANISATION_APPROVED, ORGANISATION_REGISTERED, ORGANISATION_REJECTED, ORGANISATION_UPDATED],
  coaching: [...ROLE_COPY, ROLES_CHANGED, IDEA_SUBMITTED],
  reporting: [...ROLE_COPY, 'partners.>', ORGANISATION_APPROVED, ORGANISATION_REGISTERED, ORGANISATION_REJECTED, ORGANISATION_UPDATED, IDEA_SUBMITTED, IDEA_STAGE_CHANGED, ATTENDANCE_RECORDED, REGISTRATION_CHANGED, SESSION_HELD],
  notifications: [
    ...ROLE_COPY,
    ROLES_CHANGED,
    MEMBER_JOINED,
    CHARTER_PUBLISHED,
    EMAIL_QUEUED,
    ORGANISATION_APPROVED,
    ORGANISATION_CHANGE_PROPOSED,
    ORGANISATION_REGISTERED,
    ORGANISATION_REJECTED,
    ORGANISATION_UPDATED,
    IDEA_SUBMITTED,
    IDEA_STAGE_CHANGED,
    COLLABORATOR_JOINED,
    ACTION_OVERDUE,
    ASSIGNMENT_PROPOSED,
    MENTOR_PROFILE_CHANGED,
    REGISTRATION_PROMOTED,
    SESSION_REMINDER_DUE,
  ],
};

/** The handlers (refs, `handlerRef`) of `service` that `EVENTS_CONSUMED` does not list (none for a name that is not an app's: a test's own service). */
export function undeclaredEventPatterns(service: string, patterns: Iterable<string>): string[] {
  const declared = EVENTS_CONSUMED[service as AppName];
  return declared ? [...new Set(patterns)].filter((pattern) => !declared.includes(pattern)) : [];
}

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
 * - JetStream: creating and updating its own context's stream only; looking up the streams it reads;
 *   and for each of its durable consumers (`EVENTS_CONSUMED`, by name) and the consumer named after
 *   the app that it retires, making, updating, reading, pulling from and deleting it, and
 *   acknowledging its deliveries. No wildcard stands for a stream or a consumer name, so an app can
 *   neither change another's stream nor touch another's consumer. The gateway neither writes nor
 *   reads a stream.
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
      if (app.context) {
        const own = streamName(naming, app.context);
        publish.push(`$JS.API.STREAM.INFO.${own}`, `$JS.API.STREAM.CREATE.${own}`, `$JS.API.STREAM.UPDATE.${own}`);
      }
      const consumers = eventConsumers(app.name, naming, EVENTS_CONSUMED[app.name]);
      const read = [...new Set(consumers.map((c) => c.context))].filter((context: BoundedContext) => context !== app.context);
      for (const context of read) publish.push(`$JS.API.STREAM.INFO.${streamName(naming, context)}`);
      // its consumers, one per handler; and the consumers of the versions before that it retires
      // (issue 6), which old replicas still pull from during the rolling update: on each stream it
      // reads the one named after the app, and each handler pattern's
      const names = new Map<string, { stream: string; name: string }>();
      for (const c of consumers) {
        names.set(`${c.stream}/${c.name}`, { stream: c.stream, name: c.name });
        names.set(`${c.stream}/${patternConsumerName(app.name, c.pattern)}`, { stream: c.stream, name: patternConsumerName(app.name, c.pattern) });
      }
      for (const stream of new Set(consumers.map((c) => c.stream))) names.set(`${stream}/${app.name}`, { stream, name: app.name });
      for (const { stream, name } of names.values()) {
        publish.push(
          `$JS.API.CONSUMER.INFO.${stream}.${name}`,
          `$JS.API.CONSUMER.CREATE.${stream}.${name}`,
          `$JS.API.CONSUMER.CREATE.${stream}.${name}.>`,
          `$JS.API.CONSUMER.DURABLE.CREATE.${stream}.${name}`,
          `$JS.API.CONSUMER.DELETE.${stream}.${name}`,
          `$JS.API.CONSUMER.MSG.NEXT.${stream}.${name}`,
          `$JS.ACK.${stream}.${name}.>`,
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
