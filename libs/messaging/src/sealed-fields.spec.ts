import { generateKeyPairSync } from 'node:crypto';
import { z } from 'zod';
import { defineRequest, DomainError } from '@cirkel/contracts';
import { FieldOpener, FieldSealer, SEALED_FIELD_MAX_AGE_SECONDS } from './sealed-fields';

const pair = () => generateKeyPairSync('ec', { namedCurve: 'prime256v1', publicKeyEncoding: { type: 'spki', format: 'pem' }, privateKeyEncoding: { type: 'pkcs8', format: 'pem' } });
const keys = pair();
const sealer = new FieldSealer(keys.publicKey);
const opener = new FieldOpener(keys.privateKey);

const Register = defineRequest('probe.register', { anonymous: true, sealed: ['person.password'], input: z.strictObject({ person: z.strictObject({ email: z.string(), password: z.string() }) }), answer: z.object({}) });
const Login = defineRequest('probe.login', { anonymous: true, sealed: ['password'], input: z.strictObject({ email: z.string(), password: z.string() }), answer: z.object({}) });
const PASSWORD = 'geheim wachtwoord ✓ 1234';
const envelope = (data: unknown) => ({ version: 1, token: null, hubId: null, correlationId: 'c', data });

async function refusal(promise: Promise<unknown>): Promise<DomainError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof DomainError)) throw new Error(`expected a refusal, got ${String(error)}`);
  return error;
}

it('seals the named fields only, as compact JWEs (ECDH-ES, A256GCM) naming the request, and opens them back', async () => {
  const sent = { person: { email: 'an@example.org', password: PASSWORD } };
  const sealed = await sealer.seal(Register, sent);
  expect(sent.person.password).toBe(PASSWORD); // the caller's data is not changed
  expect(sealed.person.email).toBe('an@example.org');
  expect(sealed.person.password).toMatch(/^[\w-]+\.\.[\w-]+\.[\w-]+\.[\w-]+$/); // direct key agreement: no encrypted key
  expect(JSON.stringify(sealed)).not.toContain('wachtwoord');
  const header = JSON.parse(Buffer.from(sealed.person.password.split('.')[0], 'base64url').toString()) as Record<string, unknown>;
  expect(header).toMatchObject({ alg: 'ECDH-ES', enc: 'A256GCM', req: 'probe.register.v1', iat: expect.any(Number) });
  expect(await opener.open(Register, envelope(sealed))).toEqual(envelope(sent));
  // two seals of one password differ (a fresh key each), so equal passwords are not seen as equal
  expect((await sealer.seal(Login, { email: 'x', password: PASSWORD })).password).not.toBe((await sealer.seal(Login, { email: 'x', password: PASSWORD })).password);
});

it('refuses a password in clear, one sealed for another request or key, an altered one, and one sealed too long ago', async () => {
  const clear = await refusal(opener.open(Login, envelope({ email: 'x', password: PASSWORD })));
  expect(clear).toMatchObject({ status: 400, errors: [{ field: 'password', message: expect.stringMatching(/^not sealed for this request/) }] });

  const forRegistration = (await sealer.seal(Register, { person: { email: 'x', password: PASSWORD } })).person.password;
  await expect(refusal(opener.open(Login, envelope({ email: 'x', password: forRegistration })))).resolves.toMatchObject({ status: 400 });

  const otherKey = (await new FieldSealer(pair().publicKey).seal(Login, { email: 'x', password: PASSWORD })).password;
  await expect(refusal(opener.open(Login, envelope({ email: 'x', password: otherKey })))).resolves.toMatchObject({ status: 400 });

  const good = (await sealer.seal(Login, { email: 'x', password: PASSWORD })).password;
  const parts = good.split('.');
  parts[3] = `${parts[3][0] === 'A' ? 'B' : 'A'}${parts[3].slice(1)}`;
  await expect(refusal(opener.open(Login, envelope({ email: 'x', password: parts.join('.') })))).resolves.toMatchObject({ status: 400 });

  jest.useFakeTimers({ now: Date.now() - (SEALED_FIELD_MAX_AGE_SECONDS + 5) * 1000, doNotFake: ['nextTick', 'setImmediate', 'queueMicrotask'] });
  const old = (await sealer.seal(Login, { email: 'x', password: PASSWORD })).password;
  jest.useRealTimers();
  await expect(refusal(opener.open(Login, envelope({ email: 'x', password: old })))).resolves.toMatchObject({ status: 400 });
  await expect(opener.open(Login, envelope({ email: 'x', password: good }))).resolves.toMatchObject({ data: { password: PASSWORD } });
});

it('leaves a missing or non-string field, and a malformed envelope, for the contract to refuse', async () => {
  expect(await opener.open(Login, envelope({ email: 'x' }))).toEqual(envelope({ email: 'x' }));
  expect(await opener.open(Login, envelope({ email: 'x', password: 7 }))).toEqual(envelope({ email: 'x', password: 7 }));
  expect(await opener.open(Register, envelope({ person: 'nobody' }))).toEqual(envelope({ person: 'nobody' }));
  expect(await opener.open(Login, 'not an envelope')).toBe('not an envelope');
  expect(await sealer.seal(Login, { email: 'x', password: null })).toEqual({ email: 'x', password: null });
});
