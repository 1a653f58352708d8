import { createHash, createPrivateKey, createPublicKey, KeyObject } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/**
 * Where a checkout keeps the public development key pair (`.config/dev-keys`): read only with
 * NODE_ENV development or test, and kept out of the container image by `.dockerignore`.
 */
export const DEVELOPMENT_KEYS_DIR = join('.config', 'dev-keys');

/**
 * SHA-256 of the development public keys (SPKI, DER): refused with NODE_ENV=production, whoever
 * passes them. `access-token`: the gateway's pair; `service-token-notifications` and
 * `service-token-coaching`: the pairs of the services that ask other services on their own account,
 * one each; `password`: the pair that seals passwords on the bus.
 */
const DEVELOPMENT_PUBLIC_KEYS_SHA256 = [
  'bfc81d70af9113270e0f68ceb401ca2f5a6c968c610b645598e7d6712bcf0e3f',
  '6978ebaa043982d32b4b2605558739510130659bb8064618eb9e5bb28b001cc9',
  'b816ae63ba5016e7caa1abaa8b5683ab3dca28a9675740b89286c257b44ce57d',
  'aa5b6d1f1fd906466ad91e16653614cfac91f689afb0f0fadfeb3296eb7cdae8',
];

type KeyKind = 'public' | 'private';
/**
 * The pairs: people's access tokens (and the gateway's own), the tokens of services asking on their
 * own account, and the pair that seals passwords on the bus (the gateway encrypts to its public half,
 * partners alone holds the private half).
 */
export type KeyPair = 'access-token' | `service-token-${string}` | 'password';

/** A PEM from the environment: a value with `\n` escapes (one line in an .env file) gets its line breaks back. */
export function pemOf(value: string): string {
  return value.includes('\\n') ? value.replace(/\\n/g, '\n') : value;
}

/** The development key of a checkout, found from the working directory upwards; undefined outside a checkout (a container). */
export function developmentKey(kind: KeyKind, from = process.cwd(), pair: KeyPair = 'access-token'): string | undefined {
  for (let dir = from; ; dir = dirname(dir)) {
    const file = join(dir, DEVELOPMENT_KEYS_DIR, `${pair}.${kind}.pem`);
    if (existsSync(file)) return readFileSync(file, 'utf8');
    if (dirname(dir) === dir) return undefined;
  }
}

/** The key of a PEM when it is a P-256 (ES256) key of that kind; otherwise what is wrong with it. */
export function p256Key(pem: string, kind: KeyKind): KeyObject | string {
  let key: KeyObject;
  try {
    key = kind === 'public' ? createPublicKey(pem) : createPrivateKey(pem);
  } catch {
    return `not a PEM ${kind} key`;
  }
  if (key.asymmetricKeyType !== 'ec' || key.asymmetricKeyDetails?.namedCurve !== 'prime256v1') return `not a P-256 (ES256) ${kind} key`;
  return key;
}

/** The SHA-256 of a public key (SPKI, DER), or of the public half of a private key. */
export function keyFingerprint(key: KeyObject): string {
  const publicKey = key.type === 'private' ? createPublicKey(key) : key;
  return createHash('sha256').update(publicKey.export({ type: 'spki', format: 'der' })).digest('hex');
}

export function isDevelopmentKey(key: KeyObject): boolean {
  return DEVELOPMENT_PUBLIC_KEYS_SHA256.includes(keyFingerprint(key));
}

/**
 * One key of the token pair from its variable, or in development and test from the checkout's
 * development pair: its PEM, or the problem naming the variable.
 */
export function tokenKey(variable: string, value: string | undefined, kind: KeyKind, nodeEnv: string, from = process.cwd(), pair: KeyPair = 'access-token'): { pem?: string; problem?: string } {
  const production = nodeEnv === 'production';
  const pem = value !== undefined ? pemOf(value) : production ? undefined : developmentKey(kind, from, pair);
  if (pem === undefined) {
    return {
      problem: production
        ? `${variable}: required with NODE_ENV=production: the PEM ${kind} key of an ES256 (P-256) pair of your own (docs/security.md)`
        : `${variable}: not set, and this is not a checkout with the development key pair (${DEVELOPMENT_KEYS_DIR}); set the PEM ${kind} key of an ES256 (P-256) pair`,
    };
  }
  const key = p256Key(pem, kind);
  if (typeof key === 'string') return { problem: `${variable}: ${key}` };
  if (production && isDevelopmentKey(key)) return { problem: `${variable}: the development key pair is public; with NODE_ENV=production give a pair of your own` };
  return { pem };
}

/** The symmetric secrets a checkout keeps for development (`.config/dev-keys/<name>.secret`). */
export type DevelopmentSecret = 'device-cookie';

/** SHA-256 of the development secrets: refused with NODE_ENV=production, whoever passes them. */
const DEVELOPMENT_SECRETS_SHA256 = ['e9ea9afc022c1bf5da86593739f964d052c62d25cbe7a4cd4d388d1c80980266'];

/** The development secret of a checkout, found from the working directory upwards; undefined outside a checkout (a container). */
export function developmentSecret(name: DevelopmentSecret, from = process.cwd()): string | undefined {
  for (let dir = from; ; dir = dirname(dir)) {
    const file = join(dir, DEVELOPMENT_KEYS_DIR, `${name}.secret`);
    if (existsSync(file)) return readFileSync(file, 'utf8').trim();
    if (dirname(dir) === dir) return undefined;
  }
}

/**
 * A symmetric secret (an HMAC key) from its variable, by the rules of the key pairs above: in
 * development and test, when unset, the checkout's public development secret; with
 * NODE_ENV=production required, and never the development one. At least 32 characters.
 */
export function secretKey(variable: string, value: string | undefined, nodeEnv: string, from = process.cwd(), name: DevelopmentSecret = 'device-cookie'): { secret?: string; problem?: string } {
  const production = nodeEnv === 'production';
  const secret = value !== undefined ? value : production ? undefined : developmentSecret(name, from);
  if (secret === undefined) {
    return {
      problem: production
        ? `${variable}: required with NODE_ENV=production: a random secret of your own, at least 32 characters (deploy/make-keys.sh)`
        : `${variable}: not set, and this is not a checkout with the development secret (${DEVELOPMENT_KEYS_DIR}); set a random secret of at least 32 characters`,
    };
  }
  if (secret.length < 32) return { problem: `${variable}: at least 32 characters` };
  if (production && DEVELOPMENT_SECRETS_SHA256.includes(createHash('sha256').update(secret).digest('hex'))) {
    return { problem: `${variable}: the development secret is public; with NODE_ENV=production give a secret of your own` };
  }
  return { secret };
}
