import { z } from 'zod';
import { RequestContract } from '../requests/request-contract';
import * as partners from './partners.requests';

/** A field that holds a secret: a password, or the token of an e-mailed link (it opens an account or sets a password). */
const SECRET = /password|token/i;

/** What a wrapper of zod (optional, nullable, default, readonly, catch, pipe, lazy, array, union, intersection) holds: the schemas whose fields a value may carry. */
function innerSchemas(schema: z.ZodType): z.ZodType[] {
  const def = (schema as unknown as { _zod: { def: Record<string, unknown> } })._zod.def;
  const inner = [def.innerType, def.in, def.out, def.element, def.left, def.right, ...(Array.isArray(def.options) ? def.options : [])];
  if (typeof def.getter === 'function') inner.push(def.getter());
  return inner.filter((candidate): candidate is z.ZodType => candidate instanceof z.ZodType);
}

/** The dot paths of the secret fields of an input, nested objects included, however wrapped (an optional or nullable object, a list of objects). */
function secretPaths(schema: z.ZodType, prefix = '', within: ReadonlySet<z.ZodType> = new Set()): string[] {
  if (within.has(schema)) return []; // a lazy schema that holds itself
  const path = new Set([...within, schema]);
  const shape = schema instanceof z.ZodObject ? (schema.shape as Record<string, z.ZodType>) : undefined;
  const own = shape ? Object.entries(shape).flatMap(([key, field]) => [...(SECRET.test(key) ? [`${prefix}${key}`] : []), ...secretPaths(field, `${prefix}${key}.`, path)]) : [];
  return [...new Set([...own, ...innerSchemas(schema).flatMap((inner) => secretPaths(inner, prefix, path))])];
}

it('finds a secret field inside an optional, nullable, defaulted or listed object (issue 7: the check saw only plain nested objects)', () => {
  const held = z.object({ password: z.string(), name: z.string() });
  expect(secretPaths(z.object({ a: held.optional(), b: held.nullable(), c: held.nullish().default(null), d: z.array(held), e: z.union([held, z.string()]) }))).toEqual(['a.password', 'b.password', 'c.password', 'd.password', 'e.password']);
  expect(secretPaths(z.object({ token: z.string().optional(), name: z.string() }))).toEqual(['token']);
});

it('seals every password and link token a request to partners carries: none crosses the bus in clear (issue 7)', () => {
  const contracts = (Object.values(partners) as unknown[]).filter((value): value is RequestContract => typeof value === 'object' && value !== null && 'sealed' in value && 'input' in value);
  expect(contracts.length).toBeGreaterThan(20);
  const withSecrets = contracts.filter((contract) => secretPaths(contract.input).length > 0).map((contract) => contract.pattern);
  expect(withSecrets.length).toBeGreaterThanOrEqual(6); // register, confirm, authenticate, change and reset password, accept an invitation
  const inClear = contracts.flatMap((contract) => secretPaths(contract.input).filter((path) => !contract.sealed.includes(path)).map((path) => `${contract.pattern}: ${path}`));
  expect(inClear).toEqual([]);
});
