import createClient, { type Middleware } from 'openapi-fetch';
import type { components, paths } from './schema';
import { ApiProblem, networkProblem, toProblem } from './problem';

export type Schemas = components['schemas'];

/** Where the access token comes from (the session, in memory only) and how a refused one is renewed. */
interface TokenSource {
  current(): string | null;
  /** A new access token after a 401 (false: the login has ended). */
  renew(): Promise<boolean>;
}
let tokens: TokenSource = { current: () => null, renew: async () => false };
export function useAccessToken(source: () => string | null, renew: () => Promise<boolean> = async () => false): void {
  tokens = { current: source, renew };
}

/** The auth endpoints answer 401 for a wrong password or a spent refresh token: never renewed and retried. */
const AUTH_PATHS = '/api/v1/auth/';
/** Per call (openapi-fetch's id): a copy of the request as sent (its body is read by fetch) and the token it carried. */
const sent = new Map<string, { copy: Request; token: string }>();

/**
 * Adds the access token to every call. A 401 with a token (it expired while the laptop slept, so
 * the refresh timer has not fired yet) renews it once and sends the same call again; a second 401,
 * or a refused renewal (the session store then ends the login), is the answer.
 */
const auth: Middleware = {
  onRequest({ request, schemaPath, id }) {
    const token = tokens.current();
    if (!token || request.headers.has('authorization')) return request;
    request.headers.set('authorization', `Bearer ${token}`);
    if (!schemaPath.startsWith(AUTH_PATHS)) sent.set(id, { copy: request.clone(), token });
    return request;
  },
  async onResponse({ response, id, options }) {
    const call = sent.get(id);
    sent.delete(id);
    if (!call || response.status !== 401) return response;
    // Another call may have renewed the token meanwhile: then this one only needs sending again.
    const renewed = tokens.current() !== call.token || (await tokens.renew());
    const token = tokens.current();
    if (!renewed || !token) return response;
    const retry = new Request(call.copy);
    retry.headers.set('authorization', `Bearer ${token}`);
    return options.fetch(retry);
  },
  onError({ id }) {
    sent.delete(id);
  },
};

/** The typed client of the gateway's API (same origin), generated from its OpenAPI document. */
export const api = createClient<paths>({ baseUrl: globalThis.location?.origin ?? '' });
api.use(auth);

/**
 * The data of a call's answer, or an ApiProblem thrown for anything else, so that pages read
 * `const idea = await ok(api.GET(...))` and catch one kind of error.
 */
export async function ok<T>(call: Promise<{ data?: T; error?: unknown; response: Response }>): Promise<T> {
  let result: Awaited<typeof call>;
  try {
    result = await call;
  } catch (error) {
    if (error instanceof ApiProblem) throw error;
    throw networkProblem();
  }
  if (!result.response.ok) throw toProblem(result.response.status, result.error);
  return result.data as T;
}
