import { Caller } from '@cirkel/contracts';

const CALLER = Symbol('cirkel:caller');

/** The request as the guard leaves it: the verified caller, or null for an anonymous call to a public route. */
interface WithCaller {
  [CALLER]?: Caller | null;
}

export function setCaller(request: object, caller: Caller | null): void {
  (request as WithCaller)[CALLER] = caller;
}

export function getCaller(request: object): Caller | null {
  return (request as WithCaller)[CALLER] ?? null;
}

/** The token of an `Authorization: Bearer <token>` header, or null. */
export function bearerToken(headers: Record<string, string | string[] | undefined>): string | null {
  const value = headers['authorization'];
  if (typeof value !== 'string') return null;
  const match = /^Bearer +([A-Za-z0-9\-_.~+/]+=*) *$/i.exec(value);
  return match ? match[1] : null;
}
