import { eventually, sleep, startSystem, SystemUnderTest, TestSmtpServer } from '@cirkel/testing';
import { Api } from './api-client';

/**
 * Issue 7 end to end: an owner on a new browser at a new address while their account is locked by
 * failures from elsewhere. The login answers 429 `login-account-locked`; the owner asks for the unlock
 * link (202), partners queues it and notifications e-mails it (read back from a real SMTP server, in
 * Dutch: Sofie's language); the link's token, used once, gives this browser the account's device
 * cookie, and the right password then logs in while the account stays locked for everyone else.
 * Every app runs as its own process; the gateway trusts one proxy, so each request says its address.
 */
let system: SystemUnderTest;
let smtp: TestSmtpServer;
let api: Api;

const OWNER = 'partner@cirkel.test';
const PASSWORD = 'cirkel-demo';
let addresses = 0;
/** A client address no request came from before (TEST-NET-3). */
const anAddress = () => `203.0.113.${(addresses += 1)}`;

beforeAll(async () => {
  smtp = await new TestSmtpServer().start();
  system = await startSystem({ env: { SMTP_URL: smtp.url, TRUST_PROXY_HOPS: '1' } });
  api = new Api(system.gatewayUrl);
}, 180_000);

afterAll(async () => {
  await system?.stop();
  await smtp?.stop();
});

const from = (address: string, cookie?: string) => ({ 'x-forwarded-for': address, ...(cookie ? { cookie } : {}) });
const login = (email: string, password: string, address: string, cookie?: string) => api.call('POST', '/api/v1/auth/login', { body: { email, password }, headers: from(address, cookie) });
const unlockMails = (address: string) => smtp.to(address).filter((m) => m.header('Subject') === 'Inloggen op Cirkel vanaf deze browser');
const linkIn = (mail: { decoded: string }) => new RegExp(`${system.gatewayUrl}/login/unlock/([\\w-]{43})`).exec(mail.decoded)?.[1];
/** The device cookie an answer set, as a Cookie header (the browser sends it back to the login only). */
const cookieOf = (headers: Headers) => headers.getSetCookie().find((c) => c.startsWith('cirkel_device_'))?.split(';')[0];

it("lets the owner in on a new browser at a new address with the e-mailed link, while the attack goes on; the link works once", async () => {
  for (let attempt = 1; attempt <= 5; attempt += 1) expect((await login(OWNER, `guess ${attempt}`, anAddress())).status).toBe(401);
  const home = anAddress();
  const refused = await login(OWNER, PASSWORD, home);
  expect(refused.status).toBe(429);
  expect(refused.body).toMatchObject({ type: 'login-account-locked', detail: expect.stringContaining('/api/v1/auth/login-unlocks') });

  const asked = await api.call('POST', '/api/v1/auth/login-unlocks', { body: { email: OWNER }, headers: from(home) });
  expect(asked.status).toBe(202);
  expect(asked.body).toEqual({ status: 'unlock-link-sent' });
  await eventually(async () => expect(unlockMails(OWNER)).toHaveLength(1), { timeoutMs: 30_000 });
  const token = linkIn(unlockMails(OWNER)[0]);
  expect(token).toEqual(expect.any(String));
  // sent, the e-mail is kept without its link: notifications told partners (partners.mark-email-delivery-sent, under the apps' NATS accounts)
  const kept = () => system.query<{ link: string | null; sent: boolean }>('partners', `SELECT link, sent_at IS NOT NULL AS sent FROM email_delivery WHERE kind = 'login-unlock' AND to_address = $1`, [OWNER]);
  await eventually(async () => expect(await kept()).toEqual([{ link: null, sent: true }]), { timeoutMs: 10_000 });

  const used = await api.call('POST', '/api/v1/auth/login-unlocks/confirmation', { body: { token }, headers: from(home) });
  expect(used.status).toBe(200);
  const browser = cookieOf(used.headers);
  expect(browser).toEqual(expect.any(String));
  expect(used.headers.getSetCookie().join('\n')).toMatch(/HttpOnly; SameSite=Strict/i);

  // without the cookie the owner is still refused; with it, in
  expect((await login(OWNER, PASSWORD, home)).status).toBe(429);
  const inside = await login(OWNER, PASSWORD, home, browser);
  expect(inside.status).toBe(200);
  expect(inside.body).toMatchObject({ accessToken: expect.any(String), tokenType: 'Bearer' });
  // the attacker's failures from elsewhere still count against the account alone
  expect((await login(OWNER, 'another guess', anAddress())).status).toBe(429);
  expect((await login(OWNER, PASSWORD, anAddress(), cookieOf(inside.headers))).status).toBe(200);

  const again = await api.call('POST', '/api/v1/auth/login-unlocks/confirmation', { body: { token }, headers: from(home) });
  expect(again.status).toBe(409);
  expect(again.body).toMatchObject({ type: 'login-unlock-used' });
  expect(again.headers.getSetCookie()).toEqual([]);
  const unknown = await api.call('POST', '/api/v1/auth/login-unlocks/confirmation', { body: { token: 'x'.repeat(43) }, headers: from(home) });
  expect(unknown.status).toBe(404);
  expect(unknown.body).toMatchObject({ type: 'login-unlock-unknown' });
});

it('answers an address without an account the same, and e-mails nothing; an address with one gets one link per five minutes', async () => {
  const nobody = 'nobody-at-all@cirkel.test';
  const owner = 'ocmw@cirkel.test';
  for (const email of [nobody, owner, owner, owner]) {
    const asked = await api.call('POST', '/api/v1/auth/login-unlocks', { body: { email }, headers: from(anAddress()) });
    expect({ email, status: asked.status, body: asked.body }).toEqual({ email, status: 202, body: { status: 'unlock-link-sent' } });
  }
  await eventually(async () => expect(unlockMails(owner)).toHaveLength(1), { timeoutMs: 30_000 });
  await sleep(2000);
  expect(unlockMails(owner)).toHaveLength(1);
  expect(smtp.to(nobody)).toHaveLength(0);
  expect(await system.query('partners', `SELECT id FROM email_delivery WHERE kind = 'login-unlock' AND to_address = ANY($1)`, [[nobody, owner]])).toHaveLength(1);
});
