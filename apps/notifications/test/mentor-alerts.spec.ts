import { randomUUID } from 'node:crypto';
import {
  Caller,
  ContactView,
  CountUnreadNotifications,
  GetCityDigest,
  GetCityDigestV2,
  GetDigestFiguresV2,
  ListCityDigests,
  EventEnvelope,
  EventOf,
  GetContact,
  GetNotificationPreferences,
  HubRole,
  IdeaSubmitted,
  ActionOverdue,
  AssignmentProposed,
  CityDigest,
  CollaboratorJoined,
  IdeaStageChanged,
  MemberJoined,
  RegistrationPromoted,
  SessionReminderDue,
  ListNotifications,
  MarkAllNotificationsRead,
  MentorProfileChanged,
  PutNotificationPreferences,
  RolesChanged,
  SendDigests,
  Unsubscribe,
  WorkDomain,
} from '@cirkel/contracts';
import { JobQueue } from '@cirkel/jobs';
import { createServiceApp } from '@cirkel/runtime';
import { differingDeliveries, eventually, FakeService, handleInTransaction, publishTestEvent, ServiceUnderTest, sleep, startServiceUnderTest, testEvent, TestRequests, TestSmtpServer } from '@cirkel/testing';
import { DataSource } from 'typeorm';
import { CityDigestService } from '../src/digests/city-digest.service';
import { DigestsService } from '../src/digests/digests.service';
import { IdeaUpdatesHandler } from '../src/ideas/idea-updates.handler';
import { MentorEventsHandler } from '../src/mentors/mentor-events.handler';
import { NotificationsModule } from '../src/notifications.module';
import { digestFiguresV2 } from './digest-figures.fixture';

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

const weeksAsked: string[] = [];
const settings = () => ({ mail: { smtpUrl: smtp.url, from: 'Cirkel <no-reply@cirkel.test>' }, unsubscribeSecret: 'a-test-secret-of-at-least-32-characters' });
const publish = (event: EventEnvelope, msgID?: string) => publishTestEvent(sut.nc, sut.config.nats.subjectPrefix, event, msgID);
const roles = (who: Person, hubRoles: HubRole[], hub = hubId) => testEvent(RolesChanged, hub, { personId: who.personId, name: 'x', language: 'nl', hubRoles }, { aggregateVersion: 1 });
const profile = (who: Person, workDomains: WorkDomain[], version: number, unavailableUntil: string | null = null, hub = hubId) =>
  testEvent(MentorProfileChanged, hub, { personId: who.personId, workDomains, capacity: 2, unavailableUntil }, { aggregateVersion: version });
const caller = (who: Person): Caller => ({ personId: who.personId, hubId, hubRoles: ['mentor'], memberships: [] });
const inbox = (who: Person, language: 'nl' | 'en' = 'nl') => requests.request(ListNotifications, caller(who), {}, { language });

beforeAll(async () => {
  smtp = await new TestSmtpServer().start();
  sut = await startServiceUnderTest('notifications', (config) =>
    createServiceApp(NotificationsModule.forRoot(config, settings()), config),
  );
  partners = new FakeService().on(GetContact, async (envelope) => {
    const contact = contacts.get((envelope.data as { personId: string }).personId);
    if (!contact) throw new Error('unknown person');
    return contact;
  });
  partners.on(GetDigestFiguresV2, async (envelope) => {
    const week = (envelope.data as { week: string }).week;
    weeksAsked.push(week);
    return digestFiguresV2(envelope.hubId as string, week);
  });
  await partners.start(sut.config, [GetContact, GetDigestFiguresV2]);
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
  // Three deliveries of one event: three messages in the stream (three message ids), not one kept by the stream's dedupe.
  await publish(idea);
  await publish(idea, randomUUID());
  await publish(idea, randomUUID());

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

describe('preferences, the inbox and one-click unsubscribe', () => {
  const submitted = (title: string) => testEvent(IdeaSubmitted, hubId, { ideaId: randomUUID(), title, workDomain: 'green', strategies: ['reuse'], leadOrganisationId: randomUUID() });
  const newIdeas = async (who: Person) => (await requests.request(GetNotificationPreferences, caller(who), {})).items.find((p) => p.category === 'new-ideas');

  it('shows every category with its defaults, says what cannot be switched off, and refuses to change it', async () => {
    const preferences = await requests.request(GetNotificationPreferences, caller(care), {});
    expect(preferences.items.find((p) => p.category === 'new-ideas')).toEqual({ category: 'new-ideas', inApp: true, email: 'immediate', canSwitchOff: true });
    expect(preferences.items.find((p) => p.category === 'assignment-proposals')).toEqual({ category: 'assignment-proposals', inApp: true, email: 'immediate', canSwitchOff: false });
    const locked = await requests.problem(PutNotificationPreferences, caller(care), { preferences: [{ category: 'assignment-proposals', inApp: true, email: 'off' }] });
    expect(locked).toMatchObject({ status: 409, type: 'preference-locked' });
    expect(await requests.problem(PutNotificationPreferences, caller(care), { preferences: [{ category: 'new-ideas', inApp: true, email: 'hourly' }] })).toMatchObject({ status: 400 });
  });

  it('follows a mentor’s choice: e-mail off, still in the app', async () => {
    await requests.request(PutNotificationPreferences, caller(green), { preferences: [{ category: 'new-ideas', inApp: true, email: 'off' }] });
    const idea = submitted('Compost voor Zwartberg');
    await publish(idea);
    await eventually(async () => expect((await inbox(green)).items.map((n) => n.link)).toContain(`/ideas/${idea.data.ideaId}`));
    await sleep(1500);
    expect(smtp.to(green.email).filter((m) => m.decoded.includes('Compost voor Zwartberg'))).toHaveLength(0);
    await requests.request(PutNotificationPreferences, caller(green), { preferences: [{ category: 'new-ideas', inApp: true, email: 'immediate' }] });
  });

  it('counts unread notifications and marks them all read', async () => {
    const before = await requests.request(CountUnreadNotifications, caller(green), {});
    expect(before.unread).toBeGreaterThanOrEqual(2);
    expect(await requests.request(MarkAllNotificationsRead, caller(green), {})).toEqual({ marked: before.unread });
    expect(await requests.request(CountUnreadNotifications, caller(green), {})).toEqual({ unread: 0 });
    expect((await requests.request(ListNotifications, caller(green), { unread: 'true' })).items).toHaveLength(0);
  });

  it('unsubscribes with the e-mail’s one-click link: that preference only, and a forged or altered token changes nothing', async () => {
    const [mail] = smtp.to(green.email);
    expect(mail.header('List-Unsubscribe-Post')).toBe('List-Unsubscribe=One-Click');
    const link = /^<(.+)>$/.exec(mail.header('List-Unsubscribe') ?? '')?.[1] ?? '';
    expect(link).toMatch(new RegExp(`^http://localhost:3000/api/v1/unsubscribe/${green.personId}\\.new-ideas\\.`));
    const token = link.slice(link.lastIndexOf('/') + 1);

    const altered = [token.replace('new-ideas', 'idea-updates'), token.replace(green.personId, care.personId), `${token.slice(0, -2)}xx`, `${randomUUID()}.new-ideas.${'a'.repeat(43)}`];
    for (const bad of altered) expect(await requests.problem(Unsubscribe, null, { token: bad })).toMatchObject({ status: 400, type: 'unsubscribe-token-invalid' });
    expect(await newIdeas(green)).toMatchObject({ email: 'immediate' });
    expect(await newIdeas(care)).toMatchObject({ email: 'immediate' });

    expect(await requests.request(Unsubscribe, null, { token })).toEqual({ category: 'new-ideas', email: 'off', switchedOff: ['new-ideas'] });
    const after = (await requests.request(GetNotificationPreferences, caller(green), {})).items;
    expect(after.find((p) => p.category === 'new-ideas')).toMatchObject({ inApp: true, email: 'off' });
    expect(after.filter((p) => p.category !== 'new-ideas').every((p) => p.email !== 'off')).toBe(true);
    expect(await newIdeas(care)).toMatchObject({ email: 'immediate' });
  });
});

describe('coaching’s events', () => {
  const ideaId = randomUUID();
  const member = person('teamlid');

  it('tells the proposed mentor, even with new ideas switched off (a proposal cannot be switched off), and nothing of a new idea', async () => {
    await requests.request(PutNotificationPreferences, caller(care), { preferences: [{ category: 'new-ideas', inApp: false, email: 'off' }] });
    await publish(testEvent(AssignmentProposed, hubId, { assignmentId: randomUUID(), ideaId, ideaTitle: 'Herstelatelier', workDomain: 'care', mentorId: care.personId }));
    await eventually(async () => expect(smtp.to(care.email).filter((m) => m.header('Subject') === 'Proposed to you: Herstelatelier')).toHaveLength(1));
    expect(smtp.to(care.email).find((m) => m.header('Subject') === 'Proposed to you: Herstelatelier')?.header('List-Unsubscribe')).toBeUndefined();
    expect((await inbox(care, 'en')).items.map((n) => n.title)).toContain('Proposed to you: Herstelatelier');
    // New ideas switched off in the app and by e-mail: a new idea in care tells care nothing.
    const idea = testEvent(IdeaSubmitted, hubId, { ideaId: randomUUID(), title: 'Stille soep', workDomain: 'care', strategies: ['reduce'], leadOrganisationId: randomUUID() });
    await publish(idea);
    await eventually(async () => expect(await sut.query('SELECT 1 FROM idea_copy WHERE idea_id = $1', [idea.data.ideaId])).toHaveLength(1));
    await sleep(1000);
    expect((await inbox(care, 'en')).items.filter((n) => n.link === `/ideas/${idea.data.ideaId}`)).toHaveLength(0);
    expect(smtp.to(care.email).filter((m) => m.decoded.includes('Stille soep'))).toHaveLength(0);
  });

  it('reminds the mentor and the participants of a session, in Brussels time, and tells an action’s owner it is overdue', async () => {
    const session = { sessionId: randomUUID(), assignmentId: randomUUID(), ideaId, ideaTitle: 'Herstelatelier', mentorId: care.personId, participantIds: [member.personId], startsAt: '2026-12-07T13:00:00.000Z', durationMinutes: 90, place: 'Portavida, Genk' };
    await publish(testEvent(SessionReminderDue, hubId, { ...session, leadMinutes: 1440 }));
    await eventually(async () => expect(smtp.to(member.email)).toHaveLength(1));
    expect(smtp.to(member.email)[0].header('Subject')).toBe('Herinnering: coachingsessie over Herstelatelier');
    expect(smtp.to(member.email)[0].decoded).toContain('begint maandag 7 december 2026 om 14:00');
    await eventually(async () => expect(smtp.to(care.email).filter((m) => m.header('Subject') === 'Reminder: coaching session on Herstelatelier')).toHaveLength(1));

    await publish(testEvent(ActionOverdue, hubId, { actionItemId: randomUUID(), sessionId: session.sessionId, ideaId, ideaTitle: 'Herstelatelier', description: 'Offerte vragen', ownerId: member.personId, mentorId: care.personId, dueOn: '2026-12-01' }));
    await eventually(async () => expect(smtp.to(member.email)).toHaveLength(2));
    expect(smtp.to(member.email)[1].header('Subject')).toBe('Actie over tijd: Offerte vragen');
    expect(smtp.to(member.email)[1].decoded).toContain('moest klaar zijn op 1 december 2026');
  });

  it('writes to the address and in the language partners knows when each e-mail is sent: a change counts from the next message on', async () => {
    const mover = person('verhuizer');
    const promoted = (title: string) => testEvent(RegistrationPromoted, hubId, { programmeId: randomUUID(), programmeTitle: title, registrationId: randomUUID(), personId: mover.personId }, { aggregateVersion: 2 });
    await publish(promoted('Repair 101'));
    await eventually(async () => expect(smtp.to(mover.email).map((m) => m.header('Subject'))).toEqual(['Je hebt een plaats: Repair 101']));
    contacts.set(mover.personId, { personId: mover.personId, name: 'verhuizer', email: 'verhuisd@mentors.test', language: 'en' });
    await publish(promoted('Repair 102'));
    await eventually(async () => expect(smtp.to('verhuisd@mentors.test')).toHaveLength(1));
    expect(smtp.to('verhuisd@mentors.test')[0].header('Subject')).toBe('You have a place: Repair 102');
    expect(smtp.to(mover.email)).toHaveLength(1);
  });

  it('tells a person promoted from a programme’s waiting list', async () => {
    await publish(testEvent(RegistrationPromoted, hubId, { programmeId: randomUUID(), programmeTitle: '1+1=11', registrationId: randomUUID(), personId: member.personId }, { aggregateVersion: 3 }));
    await eventually(async () => expect(smtp.to(member.email).filter((m) => m.header('Subject') === 'Je hebt een plaats: 1+1=11')).toHaveLength(1));
  });
});

describe('the daily digest', () => {
  it('gathers a day’s messages into one e-mail per person, once however often it runs, in the reader’s language', async () => {
    await requests.request(PutNotificationPreferences, caller(care), { preferences: [{ category: 'new-ideas', inApp: true, email: 'daily' }] });
    const titles = ['Buurtwasserette', 'Zorgtuin Waterschei'];
    for (const title of titles) await publish(testEvent(IdeaSubmitted, hubId, { ideaId: randomUUID(), title, workDomain: 'care', strategies: ['reuse'], leadOrganisationId: randomUUID() }));
    await eventually(async () => expect(await sut.query('SELECT 1 FROM digest_item WHERE person_id = $1 AND digest_message_id IS NULL', [care.personId])).toHaveLength(2));
    await sleep(1000);
    expect(smtp.to(care.email).filter((m) => titles.some((t) => m.decoded.includes(t)))).toHaveLength(0); // nothing at once

    const digests = sut.app.get(DigestsService);
    const due = new Date();
    // Four instances at once, then a fifth run for the same day: one e-mail with both messages.
    const sent = await Promise.all([1, 2, 3, 4].map(() => digests.send('daily', due)));
    expect(sent.reduce((a, b) => a + b, 0)).toBe(1);
    expect(await digests.send('daily', due)).toBe(0);

    const digest = () => smtp.to(care.email).filter((m) => m.header('Subject') === 'Cirkel today: 2 message(s)');
    await eventually(async () => expect(digest()).toHaveLength(1));
    for (const title of titles) expect(digest()[0].decoded).toContain(`New idea in care: ${title}`);
    await sleep(1000);
    expect(smtp.to(care.email).filter((m) => titles.some((t) => m.decoded.includes(t)))).toHaveLength(1);
  });

  it('carries a one-click link that switches off what the person gets by that digest, and nothing else', async () => {
    const [mail] = smtp.to(care.email).filter((m) => m.header('Subject') === 'Cirkel today: 2 message(s)');
    expect(mail.header('List-Unsubscribe-Post')).toBe('List-Unsubscribe=One-Click');
    const link = /^<(.+)>$/.exec(mail.header('List-Unsubscribe') ?? '')?.[1] ?? '';
    expect(link).toMatch(new RegExp(`/api/v1/unsubscribe/${care.personId}\\.daily-digest\\.`));
    const token = decodeURIComponent(link.split('/').at(-1) ?? '');
    // Something waits for tomorrow's digest; the weekly rhythm of another category is not touched.
    await requests.request(PutNotificationPreferences, caller(care), { preferences: [{ category: 'idea-updates', inApp: true, email: 'weekly' }] });
    await publish(testEvent(IdeaSubmitted, hubId, { ideaId: randomUUID(), title: 'Repair café', workDomain: 'care', strategies: ['reuse'], leadOrganisationId: randomUUID() }));
    await eventually(async () => expect(await sut.query('SELECT 1 FROM digest_item WHERE person_id = $1 AND digest_message_id IS NULL', [care.personId])).toHaveLength(1));

    expect(await requests.problem(Unsubscribe, null, { token: token.replace('.daily-digest.', '.weekly-digest.') })).toMatchObject({ status: 400 });
    expect(await requests.request(Unsubscribe, null, { token })).toEqual({ category: 'daily-digest', email: 'off', switchedOff: ['new-ideas'] });
    const preferences = (await requests.request(GetNotificationPreferences, caller(care), {})).items;
    expect(preferences.find((p) => p.category === 'new-ideas')).toMatchObject({ inApp: true, email: 'off' });
    expect(preferences.find((p) => p.category === 'idea-updates')).toMatchObject({ email: 'weekly' });
    expect(await sut.query('SELECT 1 FROM digest_item WHERE person_id = $1 AND digest_message_id IS NULL', [care.personId])).toHaveLength(0);
    expect(await sut.app.get(DigestsService).send('daily', new Date(Date.now() + 86_400_000))).toBe(0);
  });
});

describe('the personal weekly digest', () => {
  const lead = randomUUID();
  const [dutch, english] = [person('wekelijks'), person('weekly', 'en')];
  const weekly = (who: Person) => smtp.to(who.email).filter((m) => /^(Cirkel deze week|Cirkel this week)/.test(m.header('Subject') ?? ''));

  it('gathers what a person chose weekly into one e-mail, sent by the Monday scheduler’s job, once however often it runs, in the reader’s language', async () => {
    for (const who of [dutch, english]) {
      await publish(testEvent(MemberJoined, hubId, { organisationId: lead, personId: who.personId, name: 'x', language: 'nl', role: 'member' }, { aggregateVersion: 1 }));
    }
    await eventually(async () => expect(await sut.query('SELECT 1 FROM copied_membership WHERE organisation_id = $1', [lead])).toHaveLength(2));
    for (const who of [dutch, english]) await requests.request(PutNotificationPreferences, caller(who), { preferences: [{ category: 'idea-updates', inApp: true, email: 'weekly' }] });
    const ideaId = randomUUID();
    await publish(testEvent(IdeaSubmitted, hubId, { ideaId, title: 'Weekmarkt Winterslag', workDomain: 'other', strategies: ['reuse'], leadOrganisationId: lead }, { aggregateVersion: 1 }));
    await publish(testEvent(IdeaStageChanged, hubId, { ideaId, from: 'submitted', to: 'screening', reason: null, leadOrganisationId: lead }, { aggregateVersion: 2 }));
    await publish(testEvent(IdeaStageChanged, hubId, { ideaId, from: 'screening', to: 'coaching', reason: null, leadOrganisationId: lead }, { aggregateVersion: 3 }));
    const waiting = (who: Person) => sut.query(`SELECT 1 FROM digest_item WHERE person_id = $1 AND rhythm = 'weekly' AND digest_message_id IS NULL`, [who.personId]);
    await eventually(async () => expect([(await waiting(dutch)).length, (await waiting(english)).length]).toEqual([2, 2]));
    await eventually(async () => expect(await sut.query('SELECT 1 FROM idea_copy WHERE idea_id = $1', [ideaId])).toHaveLength(1));

    // Not at once, and not in the daily digest.
    expect(await sut.app.get(DigestsService).send('daily', new Date())).toBe(0);
    await sleep(1000);
    expect([...smtp.to(dutch.email), ...smtp.to(english.email)]).toHaveLength(0);
    expect([(await waiting(dutch)).length, (await waiting(english)).length]).toEqual([2, 2]);

    // Every Monday at 07:00 in Brussels, one scheduler whichever instance upserted it.
    const queue = sut.app.get(JobQueue).queueOf(SendDigests);
    const schedulers = (await queue.getJobSchedulers()).sort((a, b) => a.key.localeCompare(b.key));
    expect(schedulers.map((s) => [s.key, s.pattern, s.tz, s.template?.data])).toEqual([
      ['notifications.send-digests.daily', '0 7 * * *', 'Europe/Brussels', { rhythm: 'daily' }],
      ['notifications.send-digests.weekly', '0 7 * * 1', 'Europe/Brussels', { rhythm: 'weekly' }],
    ]);
    const next = new Date(schedulers.find((s) => s.key === 'notifications.send-digests.weekly')?.next ?? 0);
    expect(new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Brussels', weekday: 'long', hour: '2-digit', minute: '2-digit' }).format(next)).toBe('Monday 07:00');

    // That scheduler's job, run by the service's worker: twice, and once more by a second instance's hand at the same time.
    const jobs = sut.app.get(JobQueue);
    await Promise.all([jobs.add(SendDigests, { rhythm: 'weekly' }), jobs.add(SendDigests, { rhythm: 'weekly' }), sut.app.get(DigestsService).send('weekly', new Date())]);
    await eventually(async () => expect([weekly(dutch).length, weekly(english).length]).toEqual([1, 1]));
    const [nl] = weekly(dutch);
    expect(nl.header('Subject')).toBe('Cirkel deze week: 2 bericht(en)');
    expect(nl.decoded).toContain('Dit gebeurde er de voorbije week bij Cirkel');
    expect(nl.decoded).toContain('„Weekmarkt Winterslag”: screening');
    expect(nl.decoded).toContain('„Weekmarkt Winterslag”: coaching');
    expect(nl.decoded).toContain(`http://localhost:3000/ideas/${ideaId}`);
    const [en] = weekly(english);
    expect(en.header('Subject')).toBe('Cirkel this week: 2 message(s)');
    expect(en.decoded).toContain('This happened at Cirkel in the past week');
    expect(en.decoded).toContain('"Weekmarkt Winterslag": coaching');
    expect([(await waiting(dutch)).length, (await waiting(english)).length]).toEqual([0, 0]);
    await sleep(1500);
    expect([...smtp.to(dutch.email), ...smtp.to(english.email)]).toHaveLength(2);
  }, 60_000);

  it('carries a one-click link that switches off what the person gets weekly, and nothing else', async () => {
    const [mail] = weekly(english);
    expect(mail.header('List-Unsubscribe-Post')).toBe('List-Unsubscribe=One-Click');
    const link = /^<(.+)>$/.exec(mail.header('List-Unsubscribe') ?? '')?.[1] ?? '';
    expect(link).toMatch(new RegExp(`/api/v1/unsubscribe/${english.personId}\\.weekly-digest\\.`));
    const token = decodeURIComponent(link.split('/').at(-1) ?? '');
    expect(await requests.problem(Unsubscribe, null, { token: token.replace('.weekly-digest.', '.daily-digest.') })).toMatchObject({ status: 400 });
    expect(await requests.request(Unsubscribe, null, { token })).toEqual({ category: 'weekly-digest', email: 'off', switchedOff: ['idea-updates'] });
    const preferences = (await requests.request(GetNotificationPreferences, caller(english), {})).items;
    expect(preferences.find((p) => p.category === 'idea-updates')).toMatchObject({ inApp: true, email: 'off' });
    expect(preferences.filter((p) => p.category !== 'idea-updates').every((p) => p.email !== 'off')).toBe(true);
    expect((await requests.request(GetNotificationPreferences, caller(dutch), {})).items.find((p) => p.category === 'idea-updates')).toMatchObject({ email: 'weekly' });
  });
});

describe('the weekly city digest', () => {
  const city = person('stad');
  const admin = person('beheer', 'en');

  it('is built once per hub and ISO week, even run at once by two instances of the service (one of them twice) and again later, and sent to city staff and hub admins in their language', async () => {
    await publish(roles(city, ['city_staff']));
    await publish(roles(admin, ['hub_admin']));
    await eventually(async () => expect(await sut.query('SELECT 1 FROM recipient WHERE person_id = ANY($1)', [[city.personId, admin.personId]])).toHaveLength(2));
    // The hub got its scheduler when it got its first reader: every Monday at 07:00 in Brussels.
    const schedulers = await sut.app.get(JobQueue).queueOf(CityDigest).getJobSchedulers();
    expect(schedulers.filter((s) => s.key === `notifications.city-digest.${hubId}`).map((s) => [s.pattern, s.tz, s.template?.data])).toEqual([['0 7 * * 1', 'Europe/Brussels', { hubId }]]);
    const digests = sut.app.get(CityDigestService);
    // A second instance of the service (same schema, stream and queue), as a second replica's scheduler.
    const other = await createServiceApp(NotificationsModule.forRoot(sut.config, settings()), sut.config);
    await other.init();
    const monday = new Date('2026-11-30T06:00:00Z'); // Monday 07:00 in Brussels
    const built = await Promise.all([digests.build(hubId, monday), other.get(CityDigestService).build(hubId, monday), digests.build(hubId, monday)]).finally(() => other.close());
    expect(built.filter((id) => id !== null)).toHaveLength(1);
    expect(await digests.build(hubId, new Date('2026-11-30T09:00:00Z'))).toBeNull(); // a restart later that morning
    expect(new Set(weeksAsked)).toEqual(new Set(['2026-W48']));

    await eventually(async () => expect(smtp.to(city.email)).toHaveLength(1));
    await eventually(async () => expect(smtp.to(admin.email)).toHaveLength(1));
    const [dutch] = smtp.to(city.email);
    expect(dutch.header('Subject')).toBe('Weekoverzicht Cirkel, week 2026-W48');
    expect(dutch.header('List-Unsubscribe')).toMatch(new RegExp(`/api/v1/unsubscribe/${city.personId}\\.city-digest\\.`));
    expect(dutch.header('List-Unsubscribe-Post')).toBe('List-Unsubscribe=One-Click');
    expect(dutch.decoded).toContain('Het dashboard: http://localhost:3000/dashboard');
    expect(dutch.decoded).toContain('Nieuwe jobs: deze week 7, dit jaar 84');
    expect(dutch.decoded).toContain('waarvan in de sociale economie: deze week afgeschermd, dit jaar 31');
    expect(dutch.decoded).toContain('Voltijdse equivalenten: deze week 5,5, dit jaar 61,2');
    expect(dutch.decoded).toContain('Nieuwe jobs dit jaar: 84, van doel 150 (56 %)');
    expect(dutch.decoded).toContain('- Nieuwe partners: deze week 5, dit jaar 23');
    expect(dutch.decoded).toContain('starters: deze week 0, dit jaar afgeschermd');
    expect(dutch.decoded).toContain('groenontwikkeling: deze week 6, dit jaar 25');
    expect(dutch.decoded).toContain('verdienmodel: deze week 0, dit jaar 22');
    expect(dutch.decoded).toContain('- Coachingsessies gehouden: deze week 9, dit jaar 77');
    expect(dutch.decoded).toContain('- Inschrijvingen voor programma’s: deze week afgeschermd, dit jaar 64');
    expect(dutch.decoded).toContain('mrt 2026: afgeschermd');
    expect(dutch.decoded).toMatch(/<td style="width:100%;background:#2f6b3a;/); // the longest month's bar (February)
    expect(dutch.decoded).toMatch(/<td style="width:50%;background:#2f6b3a;/); // January, half of it
    const [english] = smtp.to(admin.email);
    expect(english.header('Subject')).toBe('Cirkel weekly digest, week 2026-W48');
    expect(english.decoded).toContain('Participants who left: this week withheld, this year 22');
    expect(english.decoded).toContain('Jobs created this year: 84, of target 150 (56 %)');
    expect(english.decoded).toContain('- Partners approved: this week withheld, this year 19');
    expect(english.decoded).toContain('- New ideas, by work domain: this week 6, this year 40');
    expect(english.decoded).toContain('- Attendances at programmes: this week 17, this year 210');
    expect(english.decoded).toContain('Mar 2026: withheld');
    expect((await inbox(admin, 'en')).items.map((n) => n.title)).toContain("The hub's weekly digest, week 2026-W48");
    for (const other of [green, care]) expect(smtp.to(other.email).filter((m) => m.header('Subject')?.includes('2026-W48'))).toHaveLength(0);
    await sleep(1000);
    expect(smtp.to(city.email)).toHaveLength(1);
  });

  it('shows past digests to the hub’s city staff and hub admins only', async () => {
    const staff: Caller = { personId: city.personId, hubId, hubRoles: ['city_staff'], memberships: [] };
    const list = await requests.request(ListCityDigests, staff, {});
    expect(list.items.map((d) => d.week)).toEqual(['2026-W48']);
    const digest = await requests.request(GetCityDigest, staff, { digestId: list.items[0].id });
    expect(digest.figures.week.figures.socialEconomyJobs).toEqual({ value: null, suppressed: true });
    // Version 2 answers all the digest showed, as reporting gave it for that week.
    const full = await requests.request(GetCityDigestV2, staff, { digestId: list.items[0].id });
    const sent = digestFiguresV2(hubId, '2026-W48');
    expect(full).toEqual({ ...digest, activity: { week: sent.week.activity, yearToDate: sent.yearToDate.activity }, jobs: sent.jobs });
    expect(full.activity?.week.programmes.registrations).toEqual({ value: null, suppressed: true });
    // A digest kept from version 1's figures (before reporting gave the rest) has no activity and no jobs.
    const older = randomUUID();
    await sut.query(`INSERT INTO city_digest (id, hub_id, iso_week, figures, created_at) VALUES ($1, $2, '2025-W01', $3, now())`, [older, hubId, JSON.stringify(digest.figures)]);
    expect(await requests.request(GetCityDigestV2, staff, { digestId: older })).toMatchObject({ id: older, week: '2025-W01', figures: digest.figures, activity: null, jobs: null });
    await sut.query('DELETE FROM city_digest WHERE id = $1', [older]);
    expect(await requests.problem(GetCityDigestV2, caller(green), { digestId: list.items[0].id })).toMatchObject({ status: 403 });
    expect(await requests.problem(ListCityDigests, caller(green), {})).toMatchObject({ status: 403 });
    const otherAdmin = person('anderehub');
    await publish(roles(otherAdmin, ['hub_admin'], otherHub));
    await eventually(async () => expect(await sut.query('SELECT 1 FROM copied_hub_roles WHERE person_id = $1', [otherAdmin.personId])).toHaveLength(1));
    const theirs: Caller = { personId: otherAdmin.personId, hubId: otherHub, hubRoles: ['hub_admin'], memberships: [] };
    expect(await requests.problem(GetCityDigest, theirs, { digestId: list.items[0].id })).toMatchObject({ status: 404, type: 'digest-not-found' });
    expect(await requests.problem(GetCityDigestV2, theirs, { digestId: list.items[0].id })).toMatchObject({ status: 404, type: 'digest-not-found' });
    expect((await requests.request(ListCityDigests, theirs, {})).items).toEqual([]);
  });

  it('pages past digests newest first with a cursor, and refuses a cursor it did not hand out', async () => {
    const digests = sut.app.get(CityDigestService);
    for (const monday of ['2026-11-23T06:00:00Z', '2026-11-16T06:00:00Z']) expect(await digests.build(hubId, new Date(monday))).not.toBeNull();
    const staff: Caller = { personId: city.personId, hubId, hubRoles: ['city_staff'], memberships: [] };
    const first = await requests.request(ListCityDigests, staff, { limit: 2 });
    expect(first.items.map((d) => d.week)).toEqual(['2026-W48', '2026-W47']);
    expect(first.nextCursor).not.toBeNull();
    const second = await requests.request(ListCityDigests, staff, { limit: 2, cursor: first.nextCursor as string });
    expect(second).toMatchObject({ items: [{ week: '2026-W46' }], nextCursor: null });
    expect((await requests.request(ListCityDigests, staff, {})).items).toHaveLength(3); // 52 a page by default
    expect(await requests.problem(ListCityDigests, staff, { cursor: 'bm90LWEtY3Vyc29y' })).toMatchObject({ status: 400 });
  });
});

describe('an idea’s moves, to its organisations', () => {
  it('tells the members of the lead and collaborating organisations, not the one who acted, by their rhythm', async () => {
    const [lead, partnerOrg] = [randomUUID(), randomUUID()];
    const [m1, m2, m3] = [person('lid1'), person('lid2', 'en'), person('lid3')];
    for (const [who, organisationId] of [[m1, lead], [m2, lead], [m3, partnerOrg]] as const) {
      await publish(testEvent(MemberJoined, hubId, { organisationId, personId: who.personId, name: 'x', language: 'nl', role: 'member' }, { aggregateVersion: 1 }));
    }
    await eventually(async () => expect(await sut.query('SELECT 1 FROM copied_membership WHERE organisation_id = ANY($1)', [[lead, partnerOrg]])).toHaveLength(3));
    await requests.request(PutNotificationPreferences, caller(m1), { preferences: [{ category: 'idea-updates', inApp: true, email: 'immediate' }] });

    const ideaId = randomUUID();
    await publish(testEvent(IdeaSubmitted, hubId, { ideaId, title: 'Repaircafé', workDomain: 'other', strategies: ['repair'], leadOrganisationId: lead }, { aggregateVersion: 1 }));
    await eventually(async () => expect(await sut.query('SELECT 1 FROM idea_copy WHERE idea_id = $1', [ideaId])).toHaveLength(1));
    await publish(testEvent(CollaboratorJoined, hubId, { ideaId, organisationId: partnerOrg, leadOrganisationId: lead }, { aggregateVersion: 2, actor: { kind: 'person', personId: m1.personId } }));
    await eventually(async () => expect((await inbox(m3)).items).toHaveLength(1));
    await publish(testEvent(IdeaStageChanged, hubId, { ideaId, from: 'submitted', to: 'screening', reason: null, leadOrganisationId: lead }, { aggregateVersion: 3 }));

    await eventually(async () => expect((await inbox(m2, 'en')).items.map((n) => n.title)).toEqual(['"Repaircafé": screening', 'A new partner on "Repaircafé"']));
    expect((await inbox(m1)).items.map((n) => n.kind)).toEqual(['idea-stage-changed']); // not told of what they did
    expect((await inbox(m3)).items.map((n) => n.kind)).toEqual(['idea-stage-changed', 'collaborator-joined']);
    await eventually(async () => expect(smtp.to(m1.email).map((m) => m.header('Subject'))).toEqual(['„Repaircafé”: screening']));
    expect(smtp.to(m2.email)).toHaveLength(0); // daily: it waits for the digest
    expect(await sut.query('SELECT kind FROM digest_item WHERE person_id = $1 ORDER BY kind', [m2.personId])).toEqual([{ kind: 'collaborator-joined' }, { kind: 'idea-stage-changed' }]);
  });

  it('holds an e-mail about a move that arrives before the idea’s submission until it knows the title', async () => {
    const lead = randomUUID();
    const reader = person('vroegevogel');
    await publish(testEvent(MemberJoined, hubId, { organisationId: lead, personId: reader.personId, name: 'x', language: 'nl', role: 'member' }, { aggregateVersion: 1 }));
    await eventually(async () => expect(await sut.query('SELECT 1 FROM copied_membership WHERE organisation_id = $1', [lead])).toHaveLength(1));
    await requests.request(PutNotificationPreferences, caller(reader), { preferences: [{ category: 'idea-updates', inApp: true, email: 'immediate' }] });
    const ideaId = randomUUID();
    await publish(testEvent(IdeaStageChanged, hubId, { ideaId, from: 'submitted', to: 'screening', reason: null, leadOrganisationId: lead }, { aggregateVersion: 2 }));
    await eventually(async () => expect((await inbox(reader)).items.map((n) => n.title)).toEqual(['Een idee: screening']));
    await sleep(1500);
    expect(smtp.to(reader.email)).toHaveLength(0);
    await publish(testEvent(IdeaSubmitted, hubId, { ideaId, title: 'Fietsherstel Boxbergheide', workDomain: 'other', strategies: ['repair'], leadOrganisationId: lead }, { aggregateVersion: 1 }));
    await eventually(async () => expect(smtp.to(reader.email).map((m) => m.header('Subject'))).toEqual(['„Fietsherstel Boxbergheide”: screening']), { timeoutMs: 30_000 });
    expect((await inbox(reader)).items.map((n) => n.title)).toEqual(['„Fietsherstel Boxbergheide”: screening']);
  }, 60_000);

  it('names the idea whatever order its submission and its moves arrive in (and however often)', async () => {
    const lead = randomUUID();
    const [dutch, english] = [person('volgorde1'), person('volgorde2', 'en')];
    for (const who of [dutch, english]) await publish(testEvent(MemberJoined, hubId, { organisationId: lead, personId: who.personId, name: 'x', language: 'nl', role: 'member' }, { aggregateVersion: 1 }));
    await eventually(async () => expect(await sut.query('SELECT 1 FROM copied_membership WHERE organisation_id = $1', [lead])).toHaveLength(2));
    const ideaId = randomUUID();
    const at = (second: number) => ({ occurredAt: `2026-11-30T10:00:0${second}.000Z` });
    const submitted = testEvent(IdeaSubmitted, hubId, { ideaId, title: 'Kringloopwinkel Waterschei', workDomain: 'other', strategies: ['reuse'], leadOrganisationId: lead }, { aggregateVersion: 1, ...at(1) });
    const screening = testEvent(IdeaStageChanged, hubId, { ideaId, from: 'submitted', to: 'screening', reason: null, leadOrganisationId: lead }, { aggregateVersion: 2, ...at(2) });
    const coaching = testEvent(IdeaStageChanged, hubId, { ideaId, from: 'screening', to: 'coaching', reason: null, leadOrganisationId: lead }, { aggregateVersion: 3, ...at(3) });
    const dataSource = sut.app.get(DataSource);
    const [mentorEvents, ideaUpdates] = [sut.app.get(MentorEventsHandler), sut.app.get(IdeaUpdatesHandler)];
    const eventIds = [submitted.id, screening.id, coaching.id];
    const differing = await differingDeliveries<EventEnvelope>([submitted, screening, coaching], {
      reset: async () => {
        await sut.query('DELETE FROM idea_copy WHERE idea_id = $1', [ideaId]);
        await sut.query('DELETE FROM notification WHERE source_event_id = ANY($1)', [eventIds]);
        await sut.query('DELETE FROM digest_item WHERE source_event_id = ANY($1)', [eventIds]);
      },
      apply: (event) =>
        handleInTransaction(dataSource, event, (e, ctx) => (e.type === IdeaSubmitted.type ? mentorEvents.handle(e as typeof submitted, ctx) : ideaUpdates.stageChanged(e as typeof screening, ctx))),
      state: async () => ({
        idea: await sut.query('SELECT title, lead_organisation_id FROM idea_copy WHERE idea_id = $1', [ideaId]),
        dutch: (await inbox(dutch)).items.map((n) => [n.title, n.body]),
        english: (await inbox(english, 'en')).items.map((n) => [n.title, n.body]),
      }),
    });
    expect(differing).toEqual([]);
    expect((await inbox(dutch)).items.map((n) => n.title)).toEqual(['„Kringloopwinkel Waterschei”: coaching', '„Kringloopwinkel Waterschei”: screening']);
  }, 120_000);

  it('tells each organisation what it would have heard had the idea’s events come in order, whatever order they arrive in', async () => {
    const [lead, early, late] = [randomUUID(), randomUUID(), randomUUID()];
    const [leader, first, second] = [person('leider'), person('vroeg', 'en'), person('laat')];
    for (const [who, organisationId] of [[leader, lead], [first, early], [second, late]] as const) {
      await publish(testEvent(MemberJoined, hubId, { organisationId, personId: who.personId, name: 'x', language: 'nl', role: 'member' }, { aggregateVersion: 1 }));
    }
    await eventually(async () => expect(await sut.query('SELECT 1 FROM copied_membership WHERE organisation_id = ANY($1)', [[lead, early, late]])).toHaveLength(3));
    const ideaId = randomUUID();
    const by = (who: Person | null, version: number) => ({ aggregateVersion: version, occurredAt: `2026-11-30T11:00:0${version}.000Z`, actor: who ? { kind: 'person' as const, personId: who.personId } : { kind: 'system' as const, personId: null } });
    const moved = (from: 'submitted' | 'screening', to: 'screening' | 'coaching', who: Person | null, version: number) =>
      testEvent(IdeaStageChanged, hubId, { ideaId, from, to, reason: null, leadOrganisationId: lead }, by(who, version));
    const joined = (organisationId: string, version: number) => testEvent(CollaboratorJoined, hubId, { ideaId, organisationId, leadOrganisationId: lead }, by(leader, version));
    const events: EventEnvelope[] = [
      testEvent(IdeaSubmitted, hubId, { ideaId, title: 'Herstelplaats Genk', workDomain: 'other', strategies: ['repair'], leadOrganisationId: lead }, by(leader, 1)),
      joined(early, 2),
      moved('submitted', 'screening', null, 3),
      joined(late, 4),
      moved('screening', 'coaching', first, 5),
    ];
    const eventIds = events.map((e) => e.id);
    const dataSource = sut.app.get(DataSource);
    const [mentorEvents, ideaUpdates] = [sut.app.get(MentorEventsHandler), sut.app.get(IdeaUpdatesHandler)];
    const apply = (event: EventEnvelope) =>
      handleInTransaction(dataSource, event, (e, ctx) =>
        e.type === IdeaSubmitted.type
          ? mentorEvents.handle(e as EventOf<typeof IdeaSubmitted>, ctx)
          : e.type === CollaboratorJoined.type
            ? ideaUpdates.collaboratorJoined(e as EventOf<typeof CollaboratorJoined>, ctx)
            : ideaUpdates.stageChanged(e as EventOf<typeof IdeaStageChanged>, ctx),
      );
    const reset = async () => {
      await sut.query('DELETE FROM idea_copy WHERE idea_id = $1', [ideaId]);
      await sut.query('DELETE FROM idea_update WHERE idea_id = $1', [ideaId]);
      await sut.query('DELETE FROM notification WHERE source_event_id = ANY($1)', [eventIds]);
      await sut.query('DELETE FROM digest_item WHERE source_event_id = ANY($1)', [eventIds]);
    };
    const told = async (who: Person) => ({
      inbox: (await inbox(who)).items.map((n) => n.title),
      daily: ((await sut.query('SELECT kind FROM digest_item WHERE person_id = $1 AND source_event_id = ANY($2) ORDER BY created_at', [who.personId, eventIds])) as { kind: string }[]).map((r) => r.kind),
    });
    const state = async () => ({ leader: await told(leader), first: await told(first), second: await told(second) });

    const differing = await differingDeliveries(events, { reset, apply, state });
    expect(differing).toEqual([]);
    // In order: the lead hears of both moves (not of the joins it accepted); the early partner of what came after it joined
    // (not of its own move); the late partner of its joining and the move after it, not of the move before.
    const inOrder = {
      leader: { inbox: ['„Herstelplaats Genk”: coaching', '„Herstelplaats Genk”: screening'], daily: ['idea-stage-changed', 'idea-stage-changed'] },
      first: { inbox: ['Nieuwe partner bij „Herstelplaats Genk”', '„Herstelplaats Genk”: screening', 'Nieuwe partner bij „Herstelplaats Genk”'], daily: ['collaborator-joined', 'idea-stage-changed', 'collaborator-joined'] },
      second: { inbox: ['„Herstelplaats Genk”: coaching', 'Nieuwe partner bij „Herstelplaats Genk”'], daily: ['collaborator-joined', 'idea-stage-changed'] },
    };
    expect(await state()).toEqual(inOrder);
    // Handled at once (replicas, concurrent deliveries): the same.
    for (let round = 0; round < 3; round++) {
      await reset();
      await Promise.all(events.map(apply));
      expect(await state()).toEqual(inOrder);
    }
  }, 120_000);
});
