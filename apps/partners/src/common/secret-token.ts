import { createHash, randomBytes } from 'node:crypto';

/** A new secret for a link (an invitation, a registration's confirmation): 32 random bytes, base64url (43 characters). */
export function newSecretToken(): string {
  return randomBytes(32).toString('base64url');
}

/** What is stored of such a secret: its SHA-256, hex. It has 256 bits of entropy, so no salt or slow hash is needed. */
export function hashSecretToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/** A link of the web app that carries a secret: `<PUBLIC_URL>/<path>/<token>`. */
export function secretLink(publicUrl: string, path: string, token: string): string {
  return `${publicUrl.replace(/\/+$/, '')}/${path}/${token}`;
}
