import { eventually, sleep, startSystem, SystemUnderTest, TestSmtpServer } from '@cirkel/testing';
import { Api } from './api-client';

/**
 * Issue 10 end to end: a partner submits an idea in `green`; the mentor who coaches green gets the
 * e-mail (read back from a real SMTP server) and the in-app notification; a mentor of `care` only
 * gets neither. Every app runs as its own process.
 */
let system: SystemUnderTest;
let smtp: TestSmtpServer;
let api: Api;

beforeAll(async () => {
  smtp = await new TestSmtpServer().start();
  system = await startSystem({ env: { SMTP_URL: smtp.url } });
  api = new Api(system.gatewayUrl);
}, 180_000);

afterAll(async () => {
  await system?.stop();
  await smtp?.stop();
});

async function ok<T = any>(response: Promise<{ status: number; body: T }>): Promise<T> {
  const res = await response;
  if (res.status >= 300) throw new Error(`${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

it('tells the mentor of green, by e-mail and in the app, of an idea submitted in green, and the mentor of care of nothing', async () => {
  const admin = await api.login('admin@cirkel.test');
  // Bart Moons (Stad Genk's contact) becomes a mentor of care; Prof. Yilmaz (mentor@cirkel.test, English) coaches green.
  const people = await ok(api.call('GET', '/api/v1/people?limit=100', { token: admin }));
  const bart = people.items.find((p: { email: string }) => p.email === 'stadgenk@cirkel.test');
  await ok(api.call('PUT', `/api/v1/people/${bart.id}/roles`, { token: admin, body: { roles: ['mentor'] } }));
  const careMentor = await api.login('stadgenk@cirkel.test');
  const greenMentor = await api.login('mentor@cirkel.test');
  await ok(api.call('PUT', '/api/v1/mentors/me', { token: careMentor, body: { workDomains: ['care'], capacity: 3 } }));
  await ok(api.call('PUT', '/api/v1/mentors/me', { token: greenMentor, body: { workDomains: ['green'], capacity: 3 } }));
  // The profiles reach notifications as events: wait until it holds both, so neither half below passes for want of one.
  const green = people.items.find((p: { email: string }) => p.email === 'mentor@cirkel.test');
  await eventually(async () => {
    const rows = await system.query<{ person_id: string; work_domains: string[] }>('notifications', 'SELECT person_id, work_domains FROM mentor_profile WHERE person_id = ANY($1)', [[bart.id, green.id]]);
    expect(Object.fromEntries(rows.map((r) => [r.person_id, r.work_domains]))).toEqual({ [bart.id]: ['care'], [green.id]: ['green'] });
  }, { timeoutMs: 15_000 });

  const partner = await api.login('partner@cirkel.test');
  const title = `Groendak voor Portavida ${Date.now()}`;
  const idea = await ok(
    api.call('POST', '/api/v1/ideas', {
      token: partner,
      body: { title, summary: 'Een groendak met inheemse planten op het welzijnscampus.', workDomain: 'green', strategies: ['reuse'], expectedJobs: { regular: 1, social: 2 } },
    }),
  );
  await ok(api.call('POST', `/api/v1/ideas/${idea.id}/submission`, { token: partner }));

  // Anything about the idea; coaching also proposes it to the green mentor (another e-mail, 'Proposed to you: …').
  const about = (address: string) => smtp.to(address).filter((m) => m.decoded.includes(title));
  const newIdea = (address: string) => about(address).filter((m) => m.header('Subject')?.startsWith('New idea'));
  await eventually(async () => expect(newIdea('mentor@cirkel.test')).toHaveLength(1), { timeoutMs: 30_000 });
  const [mail] = newIdea('mentor@cirkel.test');
  expect(mail.header('Subject')).toBe(`New idea in green development: ${title}`);
  expect(mail.decoded).toContain(`${system.gatewayUrl}/ideas/${idea.id}`);
  const inbox = await ok(api.call('GET', '/api/v1/notifications?limit=50', { token: greenMentor, headers: { 'accept-language': 'en' } }));
  expect(inbox.items.filter((n: { link: string }) => n.link === `/ideas/${idea.id}`)).toEqual([expect.objectContaining({ kind: 'idea-submitted', title: `New idea in green development: ${title}` })]);

  await sleep(2000);
  expect(about('stadgenk@cirkel.test')).toHaveLength(0);
  const careInbox = await ok(api.call('GET', '/api/v1/notifications?limit=50', { token: careMentor }));
  expect(careInbox.items.filter((n: { link: string }) => n.link === `/ideas/${idea.id}`)).toHaveLength(0);
  expect(newIdea('mentor@cirkel.test')).toHaveLength(1);

  // One click (RFC 8058): the mail client POSTs the form to the List-Unsubscribe link; new ideas' e-mail is off, nothing else.
  expect(mail.header('List-Unsubscribe-Post')).toBe('List-Unsubscribe=One-Click');
  const link = /^<(.+)>$/.exec(mail.header('List-Unsubscribe') ?? '')?.[1] ?? '';
  expect(link.startsWith(`${system.gatewayUrl}/api/v1/unsubscribe/`)).toBe(true);
  const form = { 'content-type': 'application/x-www-form-urlencoded' };
  expect((await fetch(link.replace(/.{4}$/, 'AAAA'), { method: 'POST', headers: form, body: 'List-Unsubscribe=One-Click' })).status).toBe(400);
  expect((await fetch(link, { method: 'POST', headers: form, body: 'List-Unsubscribe=One-Click' })).status).toBe(200);
  const preferences = await ok(api.call('GET', '/api/v1/me/notification-preferences', { token: greenMentor }));
  expect(preferences.items.filter((p: { email: string }) => p.email === 'off')).toEqual([expect.objectContaining({ category: 'new-ideas', inApp: true })]);
  // Elsewhere a form is still refused.
  expect((await fetch(`${system.gatewayUrl}/api/v1/auth/login`, { method: 'POST', headers: form, body: 'email=a&password=b' })).status).toBe(415);
}, 120_000);
