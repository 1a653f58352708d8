import { Authenticate, ConfirmLoginUnlock, DomainError, IdentityView, RequestLoginUnlock, ResetPassword, TokenPairView } from '@cirkel/contracts';
import { aCaller, anEmail, anIdentity, FakeService } from '@cirkel/testing';
import { anAddress } from './support/factories';
import { GatewayHarness, startGateway } from './support/gateway-harness';
import { expectProblem } from './support/problems';

const PASSWORD = 'correct horse battery';
const invalidCredentials = () => new DomainError('invalid-credentials', 401, 'Invalid credentials', 'E-mail or password is wrong.');

/**
 * Issue 7: the owner on a new browser at a new address while their account is locked by failures
 * made elsewhere. The account's lock is a 429 `login-account-locked` that offers an e-mailed link;
 * using the link sets this browser the account's device cookie, with which the right password is in
 * at once and the attacker's failures still count against the account alone. A fake partners keeps
 * the links (the real one: apps/partners/test/login-unlocks.spec.ts; the whole way with the e-mail:
 * apps/e2e/test/login-unlock.spec.ts).
 */
describe('gateway: login unlock links', () => {
  let gw: GatewayHarness;
  let partners: FakeService;
  const identities = new Map<string, IdentityView>();
  /** The links partners would have e-mailed: token → account (used: gone). */
  const links = new Map<string, string>();

  beforeAll(async () => {
    gw = await startGateway({ LOGIN_MAX_ATTEMPTS_PER_ACCOUNT: '3', LOGIN_MAX_ATTEMPTS_PER_ADDRESS: '6', LOGIN_WINDOW_SECONDS: '600', LOGIN_WORK_PER_ADDRESS_PER_MINUTE: '20' });
    partners = new FakeService()
      .on(Authenticate, ({ data }) => {
        const { email, password } = data as { email: string; password: string };
        const identity = identities.get(email.toLowerCase());
        if (!identity || password !== PASSWORD) throw invalidCredentials();
        return identity;
      })
      .on(RequestLoginUnlock, ({ data }) => {
        const { email } = data as { email: string };
        if (identities.has(email)) links.set(`${'u'.repeat(30)}-${links.size}-${email}`, email);
        return { status: 'unlock-link-sent' };
      })
      .on(ConfirmLoginUnlock, ({ data }) => {
        const email = links.get((data as { token: string }).token);
        if (!email) throw new DomainError('login-unlock-used', 409, 'Login unlock used', 'This unlock link has been used.');
        links.delete((data as { token: string }).token);
        return { personId: identities.get(email)!.caller.personId, email };
      })
      .on(ResetPassword, ({ data }) => ({ personId: (data as { token: string }).token.slice(0, 36) }));
    await partners.start(gw.config, [Authenticate, RequestLoginUnlock, ConfirmLoginUnlock, ResetPassword]);
  });

  afterAll(async () => {
    await partners?.stop();
    await gw?.close();
  });

  function account(): { email: string; identity: IdentityView } {
    const email = anEmail();
    const identity = anIdentity(aCaller({ hubRoles: ['mentor'] }));
    identities.set(email, identity);
    return { email, identity };
  }

  const login = (email: string, password = PASSWORD, address = anAddress(), cookies: Record<string, string> = {}) =>
    gw.app.inject({ method: 'POST', url: '/api/v1/auth/login', remoteAddress: address, cookies, payload: { email, password } });
  const askLink = (email: string, address = anAddress()) => gw.app.inject({ method: 'POST', url: '/api/v1/auth/login-unlocks', remoteAddress: address, payload: { email } });
  const useLink = (token: string, address = anAddress()) => gw.app.inject({ method: 'POST', url: '/api/v1/auth/login-unlocks/confirmation', remoteAddress: address, payload: { token } });
  const linkOf = (email: string) => [...links].find(([, to]) => to === email)?.[0];

  /** As many wrong passwords as the account's limit, each from another address: the account is locked for browsers without its cookie. */
  async function attack(email: string): Promise<void> {
    for (let attempt = 1; attempt <= 3; attempt += 1) expectProblem(await login(email, 'wrong password'), 401, 'invalid-credentials');
  }

  it('lets the owner in on a new browser at a new address, through the e-mailed link, while the account is locked for everyone else', async () => {
    const { email } = account();
    await attack(email);
    const home = anAddress(); // the owner's: never used before, not locked itself
    const refused = expectProblem(await login(email, PASSWORD, home), 429, 'login-account-locked');
    expect(refused.detail).toContain('/api/v1/auth/login-unlocks');

    const asked = await askLink(email, home);
    expect(asked.statusCode).toBe(202);
    expect(asked.json()).toEqual({ status: 'unlock-link-sent' });
    expect(partners.envelopesOf(RequestLoginUnlock).at(-1)).toMatchObject({ caller: null, hubId: null, data: { email } });
    const token = linkOf(email)!;
    const used = await useLink(token, home);
    expect(used.statusCode).toBe(200);
    expect(used.json()).toEqual({ status: 'browser-unlocked' });
    expect(used.headers['cache-control']).toBe('no-store');
    // the cookie a login sets, for the login's path only
    const [cookie] = used.cookies.filter((c) => c.name.startsWith('cirkel_device_'));
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/api/v1/auth/login' });
    // the token crossed the bus sealed
    const sent = JSON.stringify(partners.sentOf(ConfirmLoginUnlock).at(-1));
    expect(sent).toContain('"token"');
    expect(sent).not.toContain(token);

    const browser = { [cookie.name]: cookie.value };
    const inside = await login(email, PASSWORD, home, browser);
    expect(inside.statusCode).toBe(200);
    expect(inside.json<TokenPairView>().accessToken).toEqual(expect.any(String));
    // the attack goes on: the account stays locked for others, the owner's browser is not held by it
    expectProblem(await login(email, 'another guess'), 429, 'login-account-locked');
    expectProblem(await login(email, PASSWORD), 429, 'login-account-locked');
    expect((await login(email, PASSWORD, anAddress(), browser)).statusCode).toBe(200);
    // partners was asked only by the owner's browser: the refused attempts never reached it
    expect(partners.envelopesOf(Authenticate).filter((e) => (e.data as { email: string }).email === email && (e.data as { password: string }).password === PASSWORD)).toHaveLength(2);
  });

  it('uses a link once: a second time is the 409 partners answers, and sets no cookie', async () => {
    const { email } = account();
    expect((await askLink(email)).statusCode).toBe(202);
    const token = linkOf(email)!;
    expect((await useLink(token)).statusCode).toBe(200);
    const again = await useLink(token);
    expectProblem(again, 409, 'login-unlock-used');
    expect(again.cookies).toEqual([]);
  });

  it('answers an address without an account the same, and partners e-mails nothing', async () => {
    const before = links.size;
    const answer = await askLink('nobody-here@cirkel.test');
    expect(answer.statusCode).toBe(202);
    expect(answer.json()).toEqual({ status: 'unlock-link-sent' });
    expect(links.size).toBe(before);
  });

  it('refuses a malformed request (400) without asking partners', async () => {
    const asked = partners.envelopesOf(ConfirmLoginUnlock).length;
    expectProblem(await useLink('short'), 400, 'validation-failed');
    expectProblem(await askLink('not an address'), 400, 'validation-failed');
    expect(partners.envelopesOf(ConfirmLoginUnlock)).toHaveLength(asked);
  });

  it('offers no unlock when the address is locked and the account is not: that is the plain too-many-requests', async () => {
    const address = anAddress();
    for (let i = 0; i < 6; i += 1) expectProblem(await login(account().email, 'wrong password', address), 401, 'invalid-credentials');
    expectProblem(await login(account().email, PASSWORD, address), 429, 'too-many-requests');
  });

  it('makes a cookie set by a link used before a reset count as none after it (the reset ends the generation)', async () => {
    const { email, identity } = account();
    await askLink(email);
    const used = await useLink(linkOf(email)!);
    const [cookie] = used.cookies.filter((c) => c.name.startsWith('cirkel_device_'));
    await attack(email);
    expect((await gw.app.inject({ method: 'POST', url: '/api/v1/password-resets/confirmation', payload: { token: `${identity.caller.personId}-and-the-rest`, password: 'a brand new passphrase' } })).statusCode).toBe(200);
    expectProblem(await login(email, PASSWORD, anAddress(), { [cookie.name]: cookie.value }), 429, 'login-account-locked');
  });
});
