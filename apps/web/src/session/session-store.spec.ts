import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

/** The session against a stubbed fetch: what is kept where, when it refreshes, and what a refused refresh does. */
const calls: { url: string; auth: string | null; body: unknown; credentials: RequestCredentials }[] = [];
let refreshAnswer = 200;
let issued = 0;
/** Access tokens up to this number are expired (the server answers 401 with them). */
let expiredUpTo = 0;

function pair(expiresIn: number) {
  issued += 1;
  return { accessToken: `access-${issued}`, refreshToken: `refresh-token-number-${issued}`, tokenType: 'Bearer', expiresIn };
}

async function fakeFetch(input: Request): Promise<Response> {
  const body = input.method === 'GET' ? null : await input.clone().json();
  calls.push({ url: new URL(input.url).pathname, auth: input.headers.get('authorization'), body, credentials: input.credentials });
  const json = (status: number, value: unknown) => new Response(JSON.stringify(value), { status, headers: { 'content-type': status < 300 ? 'application/json' : 'application/problem+json' } });
  if (input.url.endsWith('/auth/login')) return json(200, pair(900));
  if (input.url.endsWith('/auth/refresh')) {
    if (refreshAnswer === 0) throw new TypeError('Failed to fetch'); // no connection
    if (refreshAnswer === 200) return json(200, pair(900));
    const type = refreshAnswer === 401 ? 'refresh-token-invalid' : refreshAnswer === 429 ? 'too-many-requests' : 'service-unavailable';
    return json(refreshAnswer, { type, title: type, status: refreshAnswer, detail: '' });
  }
  if (input.url.endsWith('/auth/logout')) return json(200, { ended: 1 });
  const number = Number(input.headers.get('authorization')?.replace('Bearer access-', '') ?? 0);
  if (number <= expiredUpTo) return json(401, { type: 'unauthenticated', title: 'Not authenticated', status: 401, detail: 'jwt expired' });
  return json(200, { ok: true, body });
}

const stores: { dispose(): void }[] = [];

describe('the session store', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    vi.stubGlobal('fetch', vi.fn(fakeFetch));
    calls.length = 0;
    refreshAnswer = 200;
    expiredUpTo = 0;
    sessionStorage.clear();
    vi.resetModules();
  });
  afterEach(() => {
    stores.splice(0).forEach((store) => store.dispose());
    vi.useRealTimers();
    vi.unstubAllGlobals();
  });

  const load = async () => {
    const [{ SessionStore }, { api }] = await Promise.all([import('./session-store'), import('../api/client')]);
    const store = new SessionStore(sessionStorage);
    stores.push(store);
    return { store, api };
  };

  it('keeps the access token in memory only, and sends it with every call', async () => {
    const { store, api } = await load();
    await store.login('fatma@repaircafe.test', 'herstel-is-de-toekomst');
    expect(store.accessToken).toMatch(/^access-/);
    expect(JSON.stringify({ ...sessionStorage })).not.toContain(store.accessToken);
    expect(sessionStorage.getItem('cirkel.refresh')).toMatch(/^refresh-token-number-/);
    await api.GET('/api/v1/me');
    expect(calls.at(-1)).toMatchObject({ url: '/api/v1/me', auth: `Bearer ${store.accessToken}` });
  });

  it("logs in with the origin's cookies, so the browser sends back the device cookie the API set", async () => {
    const { store } = await load();
    await store.login('fatma@repaircafe.test', 'herstel-is-de-toekomst');
    expect(calls.find((c) => c.url === '/api/v1/auth/login')).toMatchObject({ credentials: 'same-origin' });
  });

  it('refreshes a minute before the access token expires, once however often it is asked', async () => {
    const { store } = await load();
    await store.login('a@b.be', 'x'.repeat(12));
    const first = store.accessToken;
    await vi.advanceTimersByTimeAsync((900 - 61) * 1000);
    expect(calls.filter((c) => c.url.endsWith('/refresh'))).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(2000);
    expect(calls.filter((c) => c.url.endsWith('/refresh'))).toHaveLength(1);
    expect(store.accessToken).not.toBe(first);
    await Promise.all([store.refresh(), store.refresh()]);
    expect(calls.filter((c) => c.url.endsWith('/refresh'))).toHaveLength(2);
  });

  it('ends the session when a refresh is refused, and logs out with the refresh token', async () => {
    const { store } = await load();
    const ended = vi.fn();
    store.onEnded(ended);
    await store.login('a@b.be', 'x'.repeat(12));
    refreshAnswer = 401;
    expect(await store.refresh()).toBe(false);
    expect(ended).toHaveBeenCalledTimes(1);
    expect(store.accessToken).toBeNull();
    expect(sessionStorage.getItem('cirkel.refresh')).toBeNull();

    refreshAnswer = 200;
    await store.login('a@b.be', 'x'.repeat(12));
    const refreshToken = sessionStorage.getItem('cirkel.refresh');
    await store.logout();
    expect(calls.at(-1)).toMatchObject({ url: '/api/v1/auth/logout', body: { refreshToken } });
    expect(store.accessToken).toBeNull();
  });

  it('renews an access token the API refuses (the laptop slept past its expiry) and sends the same call again, once for calls at once', async () => {
    const { store, api } = await load();
    await store.login('a@b.be', 'x'.repeat(12));
    expiredUpTo = issued;
    const body = { currentPassword: 'oud-wachtwoord', newPassword: 'nieuw-wachtwoord-1' };
    const [changed, me] = await Promise.all([api.PUT('/api/v1/me/password', { body }), api.GET('/api/v1/me')]);
    expect(changed.response.status).toBe(200);
    expect(me.response.status).toBe(200);
    expect(changed.data).toMatchObject({ body });
    expect(calls.filter((c) => c.url.endsWith('/refresh'))).toHaveLength(1);
    const retried = calls.filter((c) => c.url === '/api/v1/me/password');
    expect(retried.map((c) => c.auth)).toEqual([`Bearer access-${issued - 1}`, `Bearer ${store.accessToken}`]);
    expect(retried[1].body).toEqual(body);

    // A call with a token renewed meanwhile by another call is sent again without a second renewal.
    expiredUpTo = issued;
    await store.refresh();
    expect((await api.GET('/api/v1/me')).response.status).toBe(200);
    expect(calls.filter((c) => c.url.endsWith('/refresh'))).toHaveLength(2);
  });

  it('answers the 401 and ends the login when the renewal is refused; a wrong password is not retried', async () => {
    const { store, api } = await load();
    const ended = vi.fn();
    store.onEnded(ended);
    await store.login('a@b.be', 'x'.repeat(12));
    expiredUpTo = issued;
    refreshAnswer = 401;
    expect((await api.GET('/api/v1/me')).response.status).toBe(401);
    expect(ended).toHaveBeenCalledTimes(1);
    expect(calls.filter((c) => c.url === '/api/v1/me')).toHaveLength(1);
  });

  it('renews at once when the tab becomes visible after the timer was due (timers stop while a laptop sleeps)', async () => {
    const { store } = await load();
    await store.login('a@b.be', 'x'.repeat(12));
    const visible = () => document.dispatchEvent(new Event('visibilitychange'));
    visible();
    await vi.advanceTimersByTimeAsync(0);
    expect(calls.filter((c) => c.url.endsWith('/refresh'))).toHaveLength(0);
    // The clock jumps an hour (sleep) while the timer has not run.
    vi.setSystemTime(Date.now() + 3600_000);
    visible();
    await vi.advanceTimersByTimeAsync(0);
    expect(calls.filter((c) => c.url.endsWith('/refresh'))).toHaveLength(1);
    expect(store.accessToken).toBe(`access-${issued}`);
  });

  it.each([
    ['no connection (fetch throws)', 0],
    ['503 service unavailable', 503],
    ['429 too many requests', 429],
  ])('keeps the login when a refresh fails with %s, says the connection is lost and tries again later with back-off', async (_, answer) => {
    const { store, api } = await load();
    const ended = vi.fn();
    const connection = vi.fn();
    store.onEnded(ended);
    store.onConnection(connection);
    await store.login('a@b.be', 'x'.repeat(12));
    const refreshToken = sessionStorage.getItem('cirkel.refresh');
    refreshAnswer = answer;
    expect(await store.refresh()).toBe(false);
    expect(ended).not.toHaveBeenCalled();
    expect(sessionStorage.getItem('cirkel.refresh')).toBe(refreshToken);
    expect(store.connectionLost).toBe(true);
    expect(connection).toHaveBeenLastCalledWith(true);

    // A call whose token expired meanwhile is answered as a network problem ("no connection"), not as a logout.
    expiredUpTo = issued;
    const { ok } = await import('../api/client');
    await expect(ok(api.GET('/api/v1/me'))).rejects.toMatchObject({ code: 'network' });
    expect(ended).not.toHaveBeenCalled();

    // Tried again by itself: two failures so far, so after 10 s, then after 20 s (doubling).
    const refreshes = () => calls.filter((c) => c.url.endsWith('/refresh')).length;
    const before = refreshes();
    await vi.advanceTimersByTimeAsync(9_000);
    expect(refreshes()).toBe(before);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(refreshes()).toBe(before + 1);
    refreshAnswer = 200;
    await vi.advanceTimersByTimeAsync(19_000);
    expect(refreshes()).toBe(before + 1);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(refreshes()).toBe(before + 2);
    expect(store.accessToken).toBe(`access-${issued}`);
    expect(store.connectionLost).toBe(false);
    expect(connection).toHaveBeenLastCalledWith(false);
    expect((await api.GET('/api/v1/me')).response.status).toBe(200);
    expect(ended).not.toHaveBeenCalled();
  });

  it('keeps the stored login of a reload made while offline, and renews it when the tab becomes visible again', async () => {
    const { store } = await load();
    await store.login('a@b.be', 'x'.repeat(12));
    const { SessionStore } = await import('./session-store');
    const reloaded = new SessionStore(sessionStorage);
    stores.push(reloaded);
    refreshAnswer = 0;
    expect(await reloaded.refresh()).toBe(false);
    expect(reloaded.hasRefreshToken()).toBe(true);
    refreshAnswer = 200;
    vi.setSystemTime(Date.now() + 6_000);
    document.dispatchEvent(new Event('visibilitychange'));
    await vi.advanceTimersByTimeAsync(0);
    expect(reloaded.accessToken).toBe(`access-${issued}`);
  });
});
