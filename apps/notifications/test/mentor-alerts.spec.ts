import { randomUUID } from 'node:crypto';
import { Caller, ContactView, EventEnvelope, GetContact, HubRole, IdeaSubmitted, ListNotifications, MentorProfileChanged, RolesChanged, WorkDomain } from '@cirkel/contracts';
import { createServiceApp } from '@cirkel/runtime';
import { eventually, FakeService, publishTestEvent, ServiceUnderTest, sleep, startServiceUnderTest, testEvent, TestRequests, TestSmtpServer } from '@cirkel/testing';
import { NotificationsModule } from '../src/notifications.module';

/** `ideas.submitted` → the hub's available mentors of the idea's work domain, in the app and by e-mail; no one else. */
let sut: ServiceUnderTest;
let smtp: TestSmtpServer;
let partners: FakeService;
let requests: TestRequests;
const hubId = randomUUID();
const contacts = new Map<string, ContactView>();

interface Person {
  personId: string;
  email: string;
}

function person(name: string, language: 'nl' | 'en' = 'nl'): Person {
  const personId = randomUUID();
  const email = `${name}@mentors.test`;
  contacts.set(personId, { personId, name, email, language });
  return { personId, email };
}

const green = person('groen');
const care = person('zorg', 'en');
const away = person('weg');
const formerMentor = person('vroeger');
const elsewhere = person('elders');
const otherHub = randomUUID();

const publish = (event: EventEnvelope, msgID?: string) => publishTestEvent(sut.nc, sut.config.nats.subjectPrefix, event, msgID);
const roles = (who: Person, hubRoles: HubRole[], hub = hubId) => testEvent(RolesChanged, hub, { personId: who.personId, name: 'x', language: 'nl', hubRoles }, { aggregateVersion: 1 });
const profile = (who: Person, workDomains: WorkDomain[], version: number, unavailableUntil: string | null = null, hub = hubId) =>
  testEvent(MentorProfileChanged, hub, { personId: who.personId, workDomains, capacity: 2, unavailableUntil }, { aggregateVersion: version });
const caller = (who: Person): Caller => ({ personId: who.personId, hubId, hubRoles: ['mentor'], memberships: [] });
const inbox = (who: Person, language: 'nl' | 'en' = 'nl') => requests.request(ListNotifications, caller(who), {}, { language });

beforeAll(async () => {
  smtp = await new TestSmtpServer().start();
  sut = await startServiceUnderTest('notifications', (config) =>
    createServiceApp(NotificationsModule.forRoot(config, { mail: { smtpUrl: smtp.url, from: 'Cirkel <no-reply@cirkel.test>' } }), config),
  );
  partners = new FakeService().on(GetContact, async (envelope) => {
    const contact = contacts.get((envelope.data as { personId: string }).personId);
    if (!contact) throw new Error('unknown person');
    return contact;
  });
  await partners.start(sut.config, [GetContact]);
  requests = await TestRequests.connect(sut.config);

  await publish(roles(green, ['mentor']));
  await publish(roles(care, ['mentor']));
  await publish(roles(away, ['mentor']));
  await publish(roles(formerMentor, ['job_coach']));
  await publish(roles(elsewhere, ['mentor'], otherHub));
  await publish(profile(green, ['care'], 1));
  await publish(profile(green, ['green', 'mobility'], 2));
  await publish(profile(care, ['care'], 1));
  await publish(profile(away, ['green'], 1, '2099-01-01T00:00:00.000Z'));
  await publish(profile(formerMentor, ['green'], 1));
  await publish(profile(elsewhere, ['green'], 1, null, otherHub));
  await eventually(async () => expect(await sut.query('SELECT 1 FROM mentor_profile WHERE version = 2 OR person_id <> $1', [green.personId])).toHaveLength(5));
  await eventually(async () => expect(await sut.query('SELECT 1 FROM recipient')).toHaveLength(5));
  // An older profile arriving late changes nothing.
  await publish(profile(green, ['care'], 1), randomUUID());
});

afterAll(async () => {
  await requests?.close();
  await partners?.stop();
  await sut?.stop();
  await smtp?.stop();
});

it('tells the available mentors of the idea’s work domain once, in the app and by e-mail in their language, and no one else', async () => {
  const idea = testEvent(IdeaSubmitted, hubId, { ideaId: randomUUID(), title: 'Deelfietsen voor Winterslag', workDomain: 'green', strategies: ['reuse'], leadOrganisationId: randomUUID() });
  await publish(idea);
  await publish(idea, randomUUID());
  await publish(idea);

  await eventually(async () => expect(smtp.to(green.email)).toHaveLength(1));
  const [mail] = smtp.to(green.email);
  expect(mail.header('Subject')).toBe('Nieuw idee in groenontwikkeling: Deelfietsen voor Winterslag');
  expect(mail.decoded).toContain(`href="http://localhost:3000/ideas/${idea.data.ideaId}"`);
  expect(mail.decoded).toContain('Dag groen,');
  const notifications = await inbox(green);
  expect(notifications.items.map((n) => [n.kind, n.title, n.link])).toEqual([['idea-submitted', 'Nieuw idee in groenontwikkeling: Deelfietsen voor Winterslag', `/ideas/${idea.data.ideaId}`]]);
  expect((await inbox(green, 'en')).items[0].title).toBe('New idea in green development: Deelfietsen voor Winterslag');

  await sleep(1500);
  expect(smtp.to(green.email)).toHaveLength(1);
  for (const other of [care, away, formerMentor, elsewhere]) {
    expect(smtp.to(other.email)).toHaveLength(0);
    expect((await inbox(other)).items).toHaveLength(0);
  }
});

it('writes in English to an English reader', async () => {
  const idea = testEvent(IdeaSubmitted, hubId, { ideaId: randomUUID(), title: 'Zorgmaaltijden', workDomain: 'care', strategies: ['reduce'], leadOrganisationId: randomUUID() });
  await publish(idea);
  await eventually(async () => expect(smtp.to(care.email)).toHaveLength(1));
  expect(smtp.to(care.email)[0].header('Subject')).toBe('New idea in care: Zorgmaaltijden');
  expect(smtp.to(green.email)).toHaveLength(1); // green no longer coaches care (its newest profile)
});
