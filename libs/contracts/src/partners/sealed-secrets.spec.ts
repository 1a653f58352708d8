import { z } from 'zod';
import { RequestContract } from '../requests/request-contract';
import * as partners from './partners.requests';

/** A field that holds a secret: a password, or the token of an e-mailed link (it opens an account or sets a password). */
const SECRET = /password|token/i;

/** The dot paths of the secret fields of an input, nested objects included. */
function secretPaths(schema: z.ZodType, prefix = ''): string[] {
  const shape = (schema as unknown as { shape?: Record<string, z.ZodType> }).shape;
  if (!shape) return [];
  return Object.entries(shape).flatMap(([key, field]) => [...(SECRET.test(key) ? [`${prefix}${key}`] : []), ...secretPaths(field, `${prefix}${key}.`)]);
}

it('seals every password and link token a request to partners carries: none crosses the bus in clear (issue 7)', () => {
  const contracts = (Object.values(partners) as unknown[]).filter((value): value is RequestContract => typeof value === 'object' && value !== null && 'sealed' in value && 'input' in value);
  expect(contracts.length).toBeGreaterThan(20);
  const withSecrets = contracts.filter((contract) => secretPaths(contract.input).length > 0).map((contract) => contract.pattern);
  expect(withSecrets.length).toBeGreaterThanOrEqual(6); // register, confirm, authenticate, change and reset password, accept an invitation
  const inClear = contracts.flatMap((contract) => secretPaths(contract.input).filter((path) => !contract.sealed.includes(path)).map((path) => `${contract.pattern}: ${path}`));
  expect(inClear).toEqual([]);
});
