import createClient, { type Middleware } from 'openapi-fetch';
import type { components, paths } from './schema';
import { ApiProblem, networkProblem, toProblem } from './problem';

export type Schemas = components['schemas'];

/** Where the access token comes from: the session (kept in memory only). */
let accessToken: () => string | null = () => null;
export function useAccessToken(source: () => string | null): void {
  accessToken = source;
}

const auth: Middleware = {
  onRequest({ request }) {
    const token = accessToken();
    if (token && !request.headers.has('authorization')) request.headers.set('authorization', `Bearer ${token}`);
    return request;
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
