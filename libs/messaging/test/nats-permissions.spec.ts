import { connect, ErrorCode, JSONCodec, NatsConnection, NatsError } from 'nats';
import { AppName, GetContact } from '@cirkel/contracts';
import { PrivateNatsWithAccounts, testConfig, testNamespace } from '@cirkel/testing';
import { AckPolicy } from 'nats';
import { awaitStreams, ensureStreams, Naming, natsAuthorization, natsPermissions, requestSubject, streamName } from '../src';
import { consumerName } from '../src/jetstream/event-consumers';

/**
 * Issue 7, trust on the bus: a nats-server with the accounts the apps have in production (a user per
 * app, `natsAuthorization`) admits nobody without one, and refuses an app's publish or subscription
 * outside its own subjects — events of another context, requests (the gateway's alone), another
 * app's inbox. Before, anyone who reached NATS could do all of it.
 */
const ns = testNamespace();
const { subjectPrefix, streamPrefix } = testConfig('partners', ns).nats;
const naming: Naming = { subjectPrefix, streamPrefix };
const codec = JSONCodec();
let nats: PrivateNatsWithAccounts;
const connections: NatsConnection[] = [];

async function as(app: AppName): Promise<NatsConnection> {
  const nc = await nats.connect(app);
  connections.push(nc);
  return nc;
}

/** Whether the server refuses the operation: nats.js rejects a request whose publish was refused with PERMISSIONS_VIOLATION. */
async function refused(operation: Promise<unknown>): Promise<string> {
  const error = await operation.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(NatsError);
  return (error as NatsError).code;
}

/** The next permission error the server sends this connection. */
async function nextPermissionError(nc: NatsConnection): Promise<string> {
  for await (const status of nc.status()) {
    if (status.type === 'error' && status.data === ErrorCode.PermissionsViolation) return JSON.stringify((status as { permissionContext?: unknown }).permissionContext);
  }
  throw new Error('connection closed without a permission error');
}

beforeAll(async () => {
  nats = await PrivateNatsWithAccounts.start(ns);
  await ensureStreams(await (await as('partners')).jetstreamManager(), naming, ['partners'], 1);
  await ensureStreams(await (await as('ideas')).jetstreamManager(), naming, ['ideas'], 1);
}, 30_000);

afterAll(async () => {
  await Promise.all(connections.map((nc) => nc.close()));
  await nats?.stop();
});

it('admits nobody without an account, nor with a wrong password', async () => {
  const anonymous = await connect({ servers: nats.url, reconnect: false }).then(
    () => 'connected',
    (e: NatsError) => e.code,
  );
  expect(anonymous).toBe(ErrorCode.AuthorizationViolation);
  const wrong = await connect({ servers: nats.url, user: 'partners', pass: 'guess', reconnect: false }).then(
    () => 'connected',
    (e: NatsError) => e.code,
  );
  expect(wrong).toBe(ErrorCode.AuthorizationViolation);
});

it('lets only partners publish partners events: ideas injecting partners.roles-changed is refused and the stream never has it', async () => {
  const partnersStream = streamName(naming, 'partners');
  const partners = await as('partners');
  const before = (await (await partners.jetstreamManager()).streams.info(partnersStream)).state.messages;

  const ideas = await as('ideas');
  expect(await refused(ideas.jetstream().publish(`${subjectPrefix}partners.roles-changed`, codec.encode({ roles: ['hub_admin'] })))).toBe(ErrorCode.PermissionsViolation);
  // its own context it may publish
  expect((await ideas.jetstream().publish(`${subjectPrefix}ideas.submitted`, codec.encode({}))).stream).toBe(streamName(naming, 'ideas'));
  // partners may
  await partners.jetstream().publish(`${subjectPrefix}partners.roles-changed`, codec.encode({}));
  expect((await (await partners.jetstreamManager()).streams.info(partnersStream)).state.messages).toBe(before + 1);
});

it('lets only the gateway send requests, and a service only the few it asks of another', async () => {
  const setHubRoles = requestSubject(subjectPrefix, 'partners.set-hub-roles');
  for (const app of ['partners', 'ideas', 'notifications'] as const) {
    expect(await refused((await as(app)).request(setHubRoles, codec.encode({}), { timeout: 2000 }))).toBe(ErrorCode.PermissionsViolation);
  }
  // notifications may ask partners for a contact: nobody answers here, but the server let it through
  expect(await refused((await as('notifications')).request(requestSubject(subjectPrefix, GetContact.pattern), codec.encode({}), { timeout: 2000 }))).toBe(ErrorCode.NoResponders);

  // the gateway's request reaches partners, and partners' answer (allowed once, to the reply subject) reaches the gateway
  const partners = await as('partners');
  partners.subscribe(setHubRoles, { queue: 'partners', callback: (_error, msg) => msg.respond(codec.encode({ answered: true })) });
  await partners.flush();
  const answer = await (await as('gateway')).request(setHubRoles, codec.encode({}), { timeout: 2000 });
  expect(codec.decode(answer.data)).toEqual({ answered: true });
});

it("refuses a service reading another's requests (passwords in partners.authenticate) or the gateway's replies", async () => {
  const ideas = await as('ideas');
  const errors = nextPermissionError(ideas);
  ideas.subscribe(requestSubject(subjectPrefix, 'partners.authenticate'));
  expect(await errors).toContain('"operation":"subscription"');
  const more = nextPermissionError(ideas);
  ideas.subscribe('_INBOX.gateway.>');
  expect(await more).toContain('_INBOX.gateway.>');
});

it("lets a service manage its own consumers and stream only: another's consumer it can neither make, read, pull from nor delete, another's stream it cannot make, change or delete", async () => {
  const partnersStream = streamName(naming, 'partners');
  const notificationsConsumer = consumerName('notifications', 'partners.roles-changed');
  const ideasConsumer = consumerName('ideas', 'partners.roles-changed', 'role-copy');
  const consumer = (name: string) => ({ durable_name: name, ack_policy: AckPolicy.Explicit, filter_subject: `${subjectPrefix}partners.roles-changed` });
  const notifications = await (await as('notifications')).jetstreamManager();
  const ideas = await (await as('ideas')).jetstreamManager();
  // each makes its own consumer of partners' stream, and reads it
  await notifications.consumers.add(partnersStream, consumer(notificationsConsumer));
  await ideas.consumers.add(partnersStream, consumer(ideasConsumer));
  expect((await ideas.consumers.info(partnersStream, ideasConsumer)).name).toBe(ideasConsumer);

  // ideas, taken over, against notifications' consumer: refused, and the consumer is still there
  expect(await refused(ideas.consumers.delete(partnersStream, notificationsConsumer))).toBe(ErrorCode.PermissionsViolation);
  expect(await refused(ideas.consumers.info(partnersStream, notificationsConsumer))).toBe(ErrorCode.PermissionsViolation);
  expect(await refused(ideas.consumers.add(partnersStream, consumer(consumerName('notifications', 'partners.member-left'))))).toBe(ErrorCode.PermissionsViolation);
  expect(await refused(ideas.consumers.add(partnersStream, consumer('ideas_anything_else')))).toBe(ErrorCode.PermissionsViolation); // a consumer the code does not make
  expect(await refused((await as('ideas')).jetstream().consumers.get(partnersStream, notificationsConsumer).then((c) => c.next({ expires: 1000 })))).toBe(ErrorCode.PermissionsViolation);
  expect((await notifications.consumers.info(partnersStream, notificationsConsumer)).name).toBe(notificationsConsumer);

  // partners' stream: ideas may look it up, not change, delete or make it
  const info = await ideas.streams.info(partnersStream);
  expect(await refused(ideas.streams.update(partnersStream, { ...info.config, max_msgs: 1 }))).toBe(ErrorCode.PermissionsViolation);
  expect(await refused(ideas.streams.delete(partnersStream))).toBe(ErrorCode.PermissionsViolation);
  expect(await refused(ideas.streams.add({ name: streamName(naming, 'coaching'), subjects: [`${subjectPrefix}coaching.>`] }))).toBe(ErrorCode.PermissionsViolation);
  expect((await notifications.streams.info(partnersStream)).config.max_msgs).toBe(info.config.max_msgs);
  // its own it makes and updates (beforeAll); and a stream it reads that is not made yet it waits for, until its owner makes it
  let waited = false;
  const waiting = awaitStreams(await (await as('reporting')).jetstreamManager(), naming, ['coaching'], 1).then(() => (waited = true));
  await new Promise((resolve) => setTimeout(resolve, 1500));
  expect(waited).toBe(false);
  await ensureStreams(await (await as('coaching')).jetstreamManager(), naming, ['coaching'], 1);
  await waiting;
  expect(waited).toBe(true);
});

it('renders the same subjects for production without a namespace, passwords from the environment', () => {
  const production = natsAuthorization({ subjectPrefix: '', streamPrefix: '' });
  expect(production).toContain('password: $NATS_PASSWORD_PARTNERS');
  const gateway = natsPermissions({ subjectPrefix: '', streamPrefix: '' }).find((u) => u.user === 'gateway');
  expect(gateway).toEqual({ user: 'gateway', publish: ['rpc.>', '$JS.API.INFO'], subscribe: ['_INBOX.gateway.>'] });
  const partners = natsPermissions({ subjectPrefix: '', streamPrefix: '' }).find((u) => u.user === 'partners');
  expect(partners?.publish.filter((s) => !s.startsWith('$JS'))).toEqual(['partners.>']);
  expect(partners?.subscribe).toEqual(['_INBOX.partners.>', 'rpc.partners.>']);
  // no wildcard stands for a stream or a consumer in the JetStream API
  for (const user of natsPermissions({ subjectPrefix: '', streamPrefix: '' })) {
    expect(user.publish.filter((s) => s.startsWith('$JS.') && /\.\*(\.|$)|\.>$/.test(s.replace(/^\$JS\.ACK\.[^.]+\.[^.]+\.>$/, '').replace(/^\$JS\.API\.CONSUMER\.CREATE\.[^.]+\.[^.]+\.>$/, '')))).toEqual([]);
  }
});
