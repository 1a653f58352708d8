import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

/** The session against a stubbed fetch: what is kept where, when it refreshes, and what a refused refresh does. */
const calls: { url: string; auth: string | null; body: unknown }[] = [];
let refreshAnswer = 200;
let issued = 0;

function pair(expiresIn: number) {
  issued += 1;
  return { accessToken: `access-${issued}`, refreshToken: `refresh-token-number-${issued}`, tokenType: 'Bearer', expiresIn };
}

async function fakeFetch(input: Request): Promise<Response> {
  const body = input.method === 'GET' ? null : await input.clone().json();
  calls.push({ url: new URL(input.url).pathname, auth: input.headers.get('authorization'), body });
  const json = (status: number, value: unknown) => new Response(JSON.stringify(value), { status, headers: { 'content-type': status < 300 ? 'application/json' : 'application/problem+json' } });
  if (input.url.endsWith('/auth/login')) return json(200, pair(900));
  if (input.url.endsWith('/auth/refresh')) return refreshAnswer === 200 ? json(200, pair(900)) : json(401, { type: 'unauthenticated', title: 'Not authenticated', status: 401, detail: '' });
  if (input.url.endsWith('/auth/logout')) return json(200, { ended: 1 });
  return json(200, { ok: true });
}

describe('the session store', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    vi.stubGlobal('fetch', vi.fn(fakeFetch));
    calls.length = 0;
    refreshAnswer = 200;
    sessionStorage.clear();
    vi.resetModules();
  });
  afterEach(() => {
    vi.useRealTimers();
    vi.unstubAllGlobals();
  });

  const load = async () => {
    const [{ SessionStore }, { api }] = await Promise.all([import('./session-store'), import('../api/client')]);
    return { store: new SessionStore(sessionStorage), api };
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
});
