import { randomUUID } from 'node:crypto';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { connect, NatsConnection } from 'nats';
import { v7 as uuidv7 } from 'uuid';
import { CirkelConfig } from '@cirkel/config';
import {
  Caller,
  CharterPublished,
  EventEnvelope,
  GetContact,
  HubRole,
  ListNotifications,
  MarkNotificationRead,
  MemberJoined,
  OrganisationApproved,
  OrganisationChangeProposed,
  OrganisationRegistered,
  RequestContract,
  RolesChanged,
} from '@cirkel/contracts';
import { createServiceApp } from '@cirkel/runtime';
import {
  cleanupNamespace,
  differingDeliveries,
  ensureTestDatabase,
  eventually,
  FakeService,
  PrivateNatsWithAccounts,
  handleInTransaction,
  problemOf,
  publishTestEvent,
  schemaDrift,
  sleep,
  testConfig,
  testEvent,
  testNamespace,
  TestRequests,
  TestSmtpServer,
} from '@cirkel/testing';
import { DataSource } from 'typeorm';
import { NotificationsModule } from '../src/notifications.module';
import { NotificationRepository } from '../src/notifications/notification.repository';
import { RecipientsHandler } from '../src/recipients/recipients.handler';

const ns = testNamespace();
let nats: PrivateNatsWithAccounts | undefined;
const genk = randomUUID();
const elsewhere = randomUUID();
const [anna, bert, mentor, otherAdmin] = [randomUUID(), randomUUID(), randomUUID(), randomUUID()];

let config: CirkelConfig;
let app: NestFastifyApplication;
let requests: TestRequests;
let nc: NatsConnection;
let smtp: TestSmtpServer;
let partners: FakeService;

/** Publishes an event as the partners service's relay would. */
function publish(event: EventEnvelope, msgID?: string): Promise<void> {
  return publishTestEvent(nc, config.nats.subjectPrefix, event, msgID);
}

function roles(personId: string, hubId: string, hubRoles: HubRole[], language: 'nl' | 'en' = 'nl', aggregateVersion?: number) {
  return testEvent(RolesChanged, hubId, { personId, name: `Person ${personId.slice(0, 4)}`, language, hubRoles }, { aggregateVersion });
}

function caller(personId: string, hubId = genk): Caller {
  return { personId, hubId, hubRoles: ['hub_admin'], memberships: [] };
}

function request<C extends RequestContract>(contract: C, who: Caller | null, data: unknown, language?: 'nl' | 'en') {
  return requests.request(contract, who, data as never, { language });
}

beforeAll(async () => {
  await ensureTestDatabase();
  // NATS with the production accounts: notifications as itself (asking partners' get-contact on its
  // own account); the test, the fake partners and the requests as the harness (no credentials)
  nats = await PrivateNatsWithAccounts.start(ns, { harness: true });
  const ownConfig = testConfig('notifications', ns, nats.env('notifications'));
  config = { ...ownConfig, nats: { ...ownConfig.nats, auth: undefined } };
  await nats.makeStreamsOfOthers('notifications', config);
  smtp = await new TestSmtpServer().start();
  app = await createServiceApp(NotificationsModule.forRoot(ownConfig, { mail: { smtpUrl: smtp.url, from: 'Cirkel <no-reply@cirkel.test>' }, unsubscribeSecret: 'a-test-secret-of-at-least-32-characters' }), ownConfig);
  await app.init();
  requests = await TestRequests.connect(config);
  // Partners answers where each person is written to.
  partners = new FakeService().on(GetContact, async (envelope) => {
    const personId = (envelope.data as { personId: string }).personId;
    return { personId, name: `Person ${personId.slice(0, 4)}`, email: `${personId}@people.test`, language: personId === bert ? 'en' : 'nl' };
  });
  await partners.start(config, [GetContact]);
  nc = await connect({ servers: config.nats.servers });
  const jsm = await nc.jetstreamManager();
  await jsm.streams.info(`${config.nats.streamPrefix}PARTNERS`); // the harness made the stream notifications reads
});

afterAll(async () => {
  await requests?.close();
  await partners?.stop();
  await nc?.close();
  await app?.close();
  await smtp?.stop();
  await cleanupNamespace(ns, { nats: null });
  const refused = nats?.refusals() ?? [];
  await nats?.stop();
  expect(refused).toEqual([]); // nothing notifications did was outside its NATS rights
});

it('has entities that describe exactly what its migrations create', async () => {
  expect(await schemaDrift(app.get(DataSource))).toEqual([]);
});

it('keeps the notifications of one event for a large hub (a city digest to 8,000 readers) in one transaction', async () => {
  // More rows than one INSERT may carry: PostgreSQL takes at most 65,535 parameters a statement.
  const eventId = uuidv7();
  const rows = Array.from({ length: 8000 }, () => ({ id: uuidv7(), hubId: genk, recipientId: randomUUID(), kind: 'city-digest' as const, params: { week: '2026-W48' }, link: '/digests/x', sourceEventId: eventId, createdAt: new Date(), readAt: null }));
  await app.get(DataSource).transaction((manager) => app.get(NotificationRepository).addAll(manager, rows));
  expect(await app.get(DataSource).query('SELECT count(*)::int AS n FROM notification WHERE source_event_id = $1', [eventId])).toEqual([{ n: 8000 }]);
});

describe('in-app notifications of registrations', () => {
  const registered = testEvent(OrganisationRegistered, genk, {
    organisationId: randomUUID(),
    name: 'Repair Café Winterslag',
    type: 'citizen',
    enterpriseNumber: null,
    workDomains: ['other'],
    status: 'pending',
    registeredBy: { personId: randomUUID(), name: 'Fatma Yilmaz' },
  });

  beforeAll(async () => {
    await publish(roles(anna, genk, ['hub_admin']));
    await publish(roles(bert, genk, ['hub_admin', 'mentor'], 'en'));
    await publish(roles(mentor, genk, ['mentor']));
    await publish(roles(otherAdmin, elsewhere, ['hub_admin']));
    await sleep(300);
    // The same event three times: twice through the stream (different message ids), once as a stream duplicate.
    await publish(registered);
    await publish(registered, randomUUID());
    await publish(registered);
  });

  it('tells every hub admin of the hub once, however often the event arrives', async () => {
    const page = await eventually(async () => {
      const result = await request(ListNotifications, caller(anna), { limit: 10 });
      expect(result.items).toHaveLength(1);
      return result;
    });
    expect(page.items[0]).toMatchObject({ kind: 'organisation-registered', title: 'Nieuwe registratie: Repair Café Winterslag', readAt: null });
    expect(page.items[0].link).toBe(`/organisations/${registered.data.organisationId}`);
    await sleep(500);
    const bertsPage = await request(ListNotifications, caller(bert), { limit: 10 }, 'en');
    expect(bertsPage.items.map((n) => n.title)).toEqual(['New registration: Repair Café Winterslag']);
    expect((await request(ListNotifications, caller(anna), { limit: 10 })).items).toHaveLength(1);
  });

  it('e-mails every hub admin of the hub once, in their language, and no one else', async () => {
    await eventually(async () => expect(smtp.to(`${bert}@people.test`)).toHaveLength(1));
    await eventually(async () => expect(smtp.to(`${anna}@people.test`)).toHaveLength(1));
    expect(smtp.to(`${anna}@people.test`)[0].header('Subject')).toBe('Nieuwe registratie: Repair Café Winterslag');
    expect(smtp.to(`${bert}@people.test`)[0].header('Subject')).toBe('New registration: Repair Café Winterslag');
    expect(smtp.to(`${mentor}@people.test`)).toHaveLength(0);
    expect(smtp.to(`${otherAdmin}@people.test`)).toHaveLength(0);
  });

  it('tells no one who is not a hub admin of that hub', async () => {
    await eventually(async () => expect((await request(ListNotifications, caller(anna), {})).items).toHaveLength(1));
    expect((await request(ListNotifications, caller(mentor), {})).items).toHaveLength(0);
    expect((await request(ListNotifications, caller(otherAdmin, elsewhere), {})).items).toHaveLength(0);
  });

  it('marks a notification read for its recipient only', async () => {
    const [first] = (await request(ListNotifications, caller(anna), {})).items;
    const stranger = await problemOf(request(MarkNotificationRead, caller(bert), { notificationId: first.id }));
    expect(stranger).toMatchObject({ status: 404, type: 'notification-not-found' });

    const read = await request(MarkNotificationRead, caller(anna), { notificationId: first.id });
    expect(read.readAt).not.toBeNull();
    expect((await request(ListNotifications, caller(anna), { unread: 'true' })).items).toHaveLength(0);
    expect((await request(ListNotifications, caller(anna), { unread: 'false' })).items).toHaveLength(1);
  });

  it('refuses bad requests with a problem', async () => {
    expect(await problemOf(request(ListNotifications, null, {}))).toMatchObject({ status: 401, type: 'unauthenticated' });
    expect(await problemOf(request(ListNotifications, caller(anna), { cursor: 'nonsense' }))).toMatchObject({
      status: 400,
      type: 'validation-failed',
      errors: [{ field: 'cursor', message: 'not a cursor from a previous page' }],
    });
    const unknown = await problemOf(request(ListNotifications, caller(anna), { limit: 5, colour: 'red' }));
    expect(unknown).toMatchObject({ status: 400, errors: [{ field: 'colour', message: 'unknown field' }] });
    expect(await problemOf(request(MarkNotificationRead, caller(anna), { notificationId: 'x' }))).toMatchObject({ status: 400 });
  });

  it('pages with a cursor, newest first', async () => {
    for (let i = 0; i < 4; i++) {
      await publish({ ...registered, id: uuidv7(), occurredAt: new Date(Date.now() + i * 1000).toISOString(), data: { ...registered.data, name: `Org ${i}` } });
    }
    await eventually(async () => expect((await request(ListNotifications, caller(anna), { limit: 10 })).items).toHaveLength(5));
    const first = await request(ListNotifications, caller(anna), { limit: 3 });
    expect(first.items.map((n) => n.title)).toEqual(['Nieuwe registratie: Org 3', 'Nieuwe registratie: Org 2', 'Nieuwe registratie: Org 1']);
    const second = await request(ListNotifications, caller(anna), { limit: 3, cursor: first.nextCursor });
    expect(second.items.map((n) => n.title)).toEqual(['Nieuwe registratie: Org 0', 'Nieuwe registratie: Repair Café Winterslag']);
    expect(second.nextCursor).toBeNull();
  });
});

describe('a new charter', () => {
  it('goes to the org admins of active organisations, in the app and by e-mail, and to no one else', async () => {
    const [active, pending] = [randomUUID(), randomUUID()];
    const [adminOfActive, memberOfActive, adminOfPending] = [randomUUID(), randomUUID(), randomUUID()];
    const organisation = (organisationId: string) => ({ organisationId, name: 'Kringwinkel', type: 'social' as const, enterpriseNumber: null, workDomains: ['care' as const], status: 'pending' as const, registeredBy: { personId: randomUUID(), name: 'Jan' } });
    await publish(testEvent(OrganisationRegistered, genk, organisation(active), { aggregateVersion: 1 }));
    await publish(testEvent(OrganisationRegistered, genk, organisation(pending), { aggregateVersion: 1 }));
    await publish(testEvent(OrganisationApproved, genk, { organisationId: active, name: 'Kringwinkel', approvedBy: anna }, { aggregateVersion: 2 }));
    const join = (personId: string, organisationId: string, role: 'org_admin' | 'member') => testEvent(MemberJoined, genk, { organisationId, personId, name: 'x', language: 'nl', role }, { aggregateVersion: 1 });
    await publish(join(adminOfActive, active, 'org_admin'));
    await publish(join(memberOfActive, active, 'member'));
    await publish(join(adminOfPending, pending, 'org_admin'));
    await eventually(async () => expect(await app.get(DataSource).query(`SELECT 1 FROM organisation_status WHERE organisation_id = $1 AND status = 'active'`, [active])).toHaveLength(1));
    await eventually(async () => expect(await app.get(DataSource).query('SELECT 1 FROM copied_membership WHERE organisation_id = ANY($1)', [[active, pending]])).toHaveLength(3));

    await publish(testEvent(CharterPublished, genk, { charterId: randomUUID(), version: 2 }, { aggregateVersion: 2 }));
    await eventually(async () => expect(smtp.to(`${adminOfActive}@people.test`).map((m) => m.header('Subject'))).toEqual(['Nieuwe versie van het charter (versie 2)']));
    expect((await request(ListNotifications, caller(adminOfActive), {})).items.map((n) => n.kind)).toEqual(['charter-published']);
    await sleep(1000);
    for (const other of [memberOfActive, adminOfPending]) {
      expect(smtp.to(`${other}@people.test`)).toHaveLength(0);
      expect((await request(ListNotifications, caller(other), {})).items).toHaveLength(0);
    }
  });
});

describe('a change that waits for approval', () => {
  it('tells every hub admin of the hub once, in the app and by e-mail in their language, what the organisation asks for', async () => {
    const organisationId = randomUUID();
    const proposed = testEvent(
      OrganisationChangeProposed,
      genk,
      { organisationId, name: 'Repair Café Winterslag', proposedName: 'Repair Café Genk', proposedEnterpriseNumber: '0123456789', proposedBy: randomUUID() },
      { aggregateVersion: 3 },
    );
    await publish(proposed);
    await publish(proposed, randomUUID());
    const subjects = (personId: string) => smtp.to(`${personId}@people.test`).map((m) => m.header('Subject')).filter((s) => s?.includes('Repair Café Winterslag') && !s.includes('registrat'));
    await eventually(async () => expect(subjects(anna)).toEqual(['Wijziging wacht op goedkeuring: Repair Café Winterslag']));
    await eventually(async () => expect(subjects(bert)).toEqual(['A change waits for approval: Repair Café Winterslag']));
    // Anna's other notifications (earlier cases' events) may be as new: this case's is found by its kind.
    const ofKind = async (personId: string, language?: 'en') =>
      (await request(ListNotifications, caller(personId), {}, language)).items.filter((n) => n.kind === 'organisation-change-proposed');
    const annas = await ofKind(anna);
    expect(annas).toHaveLength(1);
    const [newest] = annas;
    expect(newest).toMatchObject({ kind: 'organisation-change-proposed', link: `/organisations/${organisationId}` });
    expect(newest.body).toBe('Repair Café Winterslag vraagt de naam „Repair Café Genk” en ondernemingsnummer 0123456789. De organisatie houdt haar naam en ondernemingsnummer tot een hubbeheerder de wijziging goedkeurt of afwijst.');
    expect((await ofKind(bert, 'en'))[0].body).toMatch(/^Repair Café Winterslag asks for the name "Repair Café Genk" and enterprise number 0123456789\./);
    await sleep(1000);
    expect(subjects(anna)).toHaveLength(1);
    for (const other of [mentor, otherAdmin]) expect(smtp.to(`${other}@people.test`).filter((m) => m.header('Subject')?.includes('Winterslag'))).toHaveLength(0);
    expect((await request(ListNotifications, caller(mentor), {})).items).toHaveLength(0);
  });
});

describe('recipients', () => {
  it('ends with the same hub roles whatever order (and how often) the events of a person arrive', async () => {
    const personId = randomUUID();
    const joined = testEvent(MemberJoined, genk, { organisationId: randomUUID(), personId, name: 'Sofie Peeters', language: 'nl', role: 'member' }, { aggregateVersion: 1 });
    const changes = [joined, roles(personId, genk, ['hub_admin'], 'nl', 1), roles(personId, genk, ['hub_admin', 'mentor'], 'nl', 2), roles(personId, genk, ['hub_admin'], 'nl', 3)];
    const handler = app.get(RecipientsHandler);
    const differing = await differingDeliveries<EventEnvelope>(changes, {
      reset: async () => void (await app.get(DataSource).query('DELETE FROM recipient WHERE person_id = $1', [personId])),
      apply: (event) =>
        handleInTransaction(app.get(DataSource), event, (e, ctx) =>
          e.type === MemberJoined.type ? handler.memberJoined(e as typeof joined, ctx) : handler.rolesChanged(e as ReturnType<typeof roles>, ctx),
        ),
      state: () => app.get(DataSource).query('SELECT hub_roles, roles_version, name FROM recipient WHERE person_id = $1', [personId]),
    });
    expect(differing).toEqual([]);
  });
});
